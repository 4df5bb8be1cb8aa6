from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CLEAN = "The council met on Monday.\n\nIt agreed a budget.\n"
DIRTY = "Updated\n\nThe council met on Monday.   \n\nIt agreed a budget.\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_check_exit_codes_0_1_2(cli, tmp_path):
    clean = _write(tmp_path, "clean.txt", CLEAN)
    dirty = _write(tmp_path, "dirty.txt", DIRTY)
    assert cli("check", clean)[0] == 0
    code, out, _ = cli("check", dirty)
    assert code == 1
    assert f"{dirty}:1:1: AR01 [*] page label line 'Updated'" in out
    assert f"{dirty}:3:27: WS01 [*] trailing whitespace" in out
    assert cli("check", tmp_path / "missing.txt")[0] == 2
    assert cli("check", dirty, "--select", "XX99")[0] == 2


def test_check_writes_nothing_and_diff_prints_the_change(cli, tmp_path):
    dirty = _write(tmp_path, "dirty.txt", DIRTY)
    code, out, _ = cli("check", dirty, "--diff")
    assert code == 1
    assert "-Updated\n" in out and "+The council met on Monday.\n" in out
    assert dirty.read_text() == DIRTY


def test_select_ignore_and_extend_select(cli, tmp_path):
    dirty = _write(tmp_path, "dirty.txt", DIRTY)
    out = cli("check", dirty, "--select", "WS")[1]
    assert "WS01" in out and "AR01" not in out
    out = cli("check", dirty, "--ignore", "stray-label-line")[1]
    assert "AR01" not in out and "WS01" in out
    out = cli("check", dirty, "--select", "AR01", "--extend-select", "WS01")[1]
    assert "AR01" in out and "WS01" in out


def test_statistics_counts_per_rule_with_fixable_mark(cli, tmp_path):
    _write(tmp_path, "a.txt", DIRTY)
    _write(tmp_path, "b.txt", "Text.  \nMore.  \n")
    code, out, _ = cli("check", tmp_path, "--statistics")
    assert code == 1
    assert "      3  WS01  [*] trailing-whitespace" in out
    assert "      1  AR01  [*] stray-label-line" in out


def test_json_output_is_machine_readable(cli, tmp_path):
    dirty = _write(tmp_path, "dirty.txt", DIRTY)
    code, out, _ = cli("check", dirty, "--output-format", "json")
    records = json.loads(out)
    assert code == 1
    assert {r["code"] for r in records} == {"AR01", "WS01"}
    assert all(r["schema_version"] == 1 and r["status"] == "fixable" for r in records)


def test_fix_in_place_then_second_run_changes_nothing(cli, tmp_path):
    dirty = _write(tmp_path, "dirty.txt", DIRTY)
    code, _, _ = cli("fix", dirty)
    assert code == 0
    assert dirty.read_text() == "The council met on Monday.\n\nIt agreed a budget.\n"
    before = dirty.stat().st_mtime_ns
    code, out, _ = cli("fix", dirty)
    assert code == 0 and "0 fixed" in out
    assert dirty.stat().st_mtime_ns == before  # an unchanged file is not rewritten


def test_fix_exit_non_zero_on_fix_and_fix_only(cli, tmp_path):
    dirty = _write(tmp_path, "dirty.txt", DIRTY + "The beerbrewer grew fast.\n")
    code, out, _ = cli("fix", dirty, "--exit-non-zero-on-fix", "--fix-only")
    assert code == 1  # it changed the file
    code, out, _ = cli("fix", dirty)
    assert code == 1 and "SP02" in out  # a display-only finding remains
    assert cli("fix", dirty, "--fix-only")[0] == 0


def test_fix_diff_writes_nothing(cli, tmp_path):
    dirty = _write(tmp_path, "dirty.txt", DIRTY)
    code, out, _ = cli("fix", dirty, "--diff")
    assert code == 1 and "-Updated" in out
    assert dirty.read_text() == DIRTY


def test_clean_writes_corpus_and_report(cli, tmp_path):
    corpus = tmp_path / "corpus"
    _write(corpus, "a.txt", DIRTY)
    _write(corpus, "sub/b.md", CLEAN)
    out = tmp_path / "out"
    code, stdout, _ = cli("clean", corpus, "--out", out)
    assert code == 0
    assert (out / "a.txt").read_text() == CLEAN
    assert (out / "sub/b.md").read_text() == CLEAN
    report = out / "report"
    findings = [json.loads(line) for line in (report / "findings.jsonl").read_text().splitlines()]
    assert {f["code"] for f in findings} == {"AR01", "WS01"}
    assert all(f["schema_version"] == 1 and f["status"] == "applied" for f in findings)
    summary = json.loads((report / "summary.json").read_text())
    assert summary["totals"]["documents"] == 2 and summary["totals"]["changed"] == 1
    assert summary["by_rule"]["AR01"]["applied"] == 1
    assert "-Updated" in (report / "changes.diff").read_text()


def test_clean_refuses_an_output_folder_inside_the_input(cli, tmp_path):
    _write(tmp_path, "a.txt", DIRTY)
    code, _, err = cli("clean", tmp_path, "--out", tmp_path / "out")
    assert code == 2 and "nest inside the input" in err


def test_unsafe_fixes_flag_is_accepted(cli, tmp_path):
    dirty = _write(tmp_path, "dirty.txt", DIRTY)
    assert cli("fix", dirty, "--unsafe-fixes")[0] == 0


def test_rules_and_explain(cli):
    code, out, _ = cli("rules")
    assert code == 0
    assert "AR01  [*]  stray-label-line" in out and "SP02  [~]  unknown-word" in out
    code, out, _ = cli("explain", "AR02")
    assert code == 0
    for section in ("What it does:", "Why it matters:", "Example:", "Fix safety:"):
        assert section in out
    code, _, err = cli("explain", "stray-label-lin")
    assert code == 2 and "stray-label-line" in err


def test_python_dash_m_runs_the_cli(tmp_path):
    dirty = _write(tmp_path, "dirty.txt", DIRTY)
    done = subprocess.run([sys.executable, "-m", "corpusclean", "check", str(dirty)], capture_output=True,
                          text=True, cwd=tmp_path)
    assert done.returncode == 1 and "AR01" in done.stdout


def test_an_unwritable_output_is_one_line_and_exit_2(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(DIRTY)
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should go")
    done = subprocess.run([sys.executable, "-m", "corpusclean", "clean", str(corpus), "--out", str(blocker)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "error" in done.stderr


def test_explain_says_where_a_rule_runs(cli):
    code, out, _ = cli("explain", "AR01")
    assert code == 0 and "Runs on: plain (select it to run it on other formats)" in out
    code, out, _ = cli("explain", "CN01")
    assert "Runs on: every format; prose in eng; Latin script" in out
