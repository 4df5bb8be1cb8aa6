"""Golden files: `corpusclean clean seeds/input` must give exactly seeds/expected/ (cleaned text, diff,
findings). After a deliberate change, rewrite them with `make golden` and review the diff in git."""
from __future__ import annotations

import json
import shutil

from tests.conftest import ROOT

SEEDS = ROOT / "seeds"
SEED = "000_db9c0c4a30508cae.txt"
PROTECTED = ["Scrocca", "Tabqa", "Palmyra", "Al-Nuri", "IEDs", "prepositioned", "Raqqa", "Rafiqah", "Rafiqa"]


def _clean(cli, tmp_path):
    work = tmp_path / "seeds"
    shutil.copytree(SEEDS / "input", work / "input")
    code, _, err = cli("clean", "input", "--out", "out", cwd=work)
    assert code == 0, err
    return work / "out"


def test_seed_matches_golden_files(cli, tmp_path, update_golden):
    out = _clean(cli, tmp_path)
    produced = {SEED: (out / SEED).read_text(encoding="utf-8"),
                "changes.diff": (out / "report/changes.diff").read_text(encoding="utf-8"),
                "findings.jsonl": (out / "report/findings.jsonl").read_text(encoding="utf-8")}
    expected_dir = SEEDS / "expected"
    if update_golden:
        expected_dir.mkdir(exist_ok=True)
        for name, text in produced.items():
            (expected_dir / name).write_text(text, encoding="utf-8", newline="")
    for name, text in produced.items():
        assert text == (expected_dir / name).read_text(encoding="utf-8"), f"{name} differs from the golden file"


def test_seed_cleaning_removes_the_artifacts_and_changes_no_word(cli, tmp_path):
    original = (SEEDS / "input" / SEED).read_text(encoding="utf-8")
    cleaned = (_clean(cli, tmp_path) / SEED).read_text(encoding="utf-8")
    assert not cleaned.startswith("Updated")
    assert "contributed to this report" not in cleaned
    assert cleaned == original.removeprefix("Updated\n\n").rsplit("\n\n", 1)[0]  # nothing else changed
    for word in PROTECTED:
        assert cleaned.count(word) == original.count(word), word


def test_seed_typo_is_reported(cli, tmp_path):
    out = _clean(cli, tmp_path)
    findings = [json.loads(line) for line in (out / "report/findings.jsonl").read_text().splitlines()]
    typo = [f for f in findings if f["matched"] == "succesffully"]
    assert typo and typo[0]["code"].startswith("SP") and "successfully" in typo[0]["message"]
    assert not any(f["matched"] in PROTECTED for f in findings)
