# Two commands on a fresh machine: `make demo` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CC := $(VENV)/bin/corpusclean

.PHONY: demo test golden eval bench stress fuzz train clean-out

$(PY):
	@command -v cargo >/dev/null || { echo "error: cargo (Rust) is needed to build native/; install it (rustup, or Debian's cargo)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# The Rust core (native/) is built by maturin when the package is installed; re-install when it changes.
NATIVE := native/Cargo.toml native/Cargo.lock $(shell find native/src -name '*.rs')

# Re-install only when the project's metadata or the core changes.
$(VENV)/.installed: pyproject.toml $(NATIVE) | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

# The test extra, plus a wheelhouse so the pre-commit test can install the hooks offline.
$(VENV)/.installed-test: pyproject.toml tools/wheelhouse.py $(NATIVE) | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	$(PY) tools/wheelhouse.py $(VENV)/wheelhouse
	touch $(VENV)/.installed $@

demo: $(VENV)/.installed
	@echo "== corpusclean check seeds/input (findings; [*] = fixable)"
	@$(CC) check seeds/input || echo "(exit $$?: findings remain, as expected before cleaning)"
	@echo
	@echo "== corpusclean clean seeds/input --out out"
	@rm -rf out
	@$(CC) clean seeds/input --out out --statistics
	@echo
	@echo "== what changed (out/report/changes.diff)"
	@cat out/report/changes.diff

test: $(VENV)/.installed-test
	@tools/ensure_chromium.sh
	cargo test -q --manifest-path native/Cargo.toml
	$(PY) -m pytest -q

golden: $(VENV)/.installed-test
	$(PY) -m pytest -q tests/test_golden.py --update-golden

# Figures, not pass/fail: quality on text written by others, and speed side by side (../shared/eval).
$(VENV)/.installed-eval: pyproject.toml $(NATIVE) | $(PY)
	$(PY) -m pip install -q -e '.[eval]'
	touch $(VENV)/.installed $@

eval: $(VENV)/.installed-eval
	$(PY) eval/eval.py

# AR09's line model (corpusclean/text/boilerplate_model.json) from ../shared/eval's web pages: deterministic.
$(VENV)/.installed-train: pyproject.toml $(NATIVE) | $(PY)
	$(PY) -m pip install -q -e '.[train]'
	touch $(VENV)/.installed $@

train: $(VENV)/.installed-train
	$(PY) tools/train_boilerplate.py

$(VENV)/.installed-bench: pyproject.toml $(NATIVE) | $(PY)
	$(PY) -m pip install -q -e '.[bench]'
	touch $(VENV)/.installed $@

bench: $(VENV)/.installed-bench
	$(PY) bench/bench.py

# Adversarial inputs end to end (exit code, message, bytes kept, time, peak RSS): bench/stress.md.
stress: $(VENV)/.installed-test
	$(PY) bench/stress.py

# Coverage-guided fuzzing of the readers, the native core and the API (atheris); crash files land in /tmp.
FUZZ_SECONDS ?= 300

$(VENV)/.installed-fuzz: pyproject.toml $(NATIVE) | $(PY)
	$(PY) -m pip install -q -e '.[fuzz]'
	touch $(VENV)/.installed $@

fuzz: $(VENV)/.installed-fuzz
	$(PY) tools/fuzz.py -max_total_time=$(FUZZ_SECONDS)

clean-out:
	rm -rf out
