"""Golden files: `corpusclean clean seeds/input` must give exactly seeds/expected/ (cleaned text, diff,
findings). After a deliberate change, rewrite them with `make golden` and review the diff in git."""
from __future__ import annotations

import json
import shutil

from tests.conftest import ROOT

SEEDS = ROOT / "seeds"
SEED = "000_db9c0c4a30508cae.txt"
PROTECTED = ["Scrocca", "Tabqa", "Palmyra", "Al-Nuri", "IEDs", "prepositioned", "Raqqa", "Rafiqah", "Rafiqa"]


def _clean(cli, tmp_path, *flags):
    work = tmp_path / "seeds"
    shutil.copytree(SEEDS / "input", work / "input")
    code, _, err = cli("clean", "input", "--out", "out", *flags, cwd=work)
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


def _without_artifacts(original: str) -> str:
    return original.removeprefix("Updated\n\n").rsplit("\n\n", 1)[0]


def test_seed_safe_cleaning_removes_the_artifacts_and_fixes_the_dictionary_typo_only(cli, tmp_path):
    original = (SEEDS / "input" / SEED).read_text(encoding="utf-8")
    cleaned = (_clean(cli, tmp_path) / SEED).read_text(encoding="utf-8")
    assert not cleaned.startswith("Updated")
    assert "contributed to this report" not in cleaned
    assert cleaned == _without_artifacts(original).replace("succesffully", "successfully")
    for word in PROTECTED:
        assert cleaned.count(word) == original.count(word), word


def test_seed_with_unsafe_fixes_also_repairs_the_truncated_name_and_unifies_the_wall(cli, tmp_path):
    original = (SEEDS / "input" / SEED).read_text(encoding="utf-8")
    out = _clean(cli, tmp_path, "--unsafe-fixes")
    cleaned = (out / SEED).read_text(encoding="utf-8")
    expected = (_without_artifacts(original).replace("succesffully", "successfully").replace("Raqq ", "Raqqa ")
                .replace("Rafiqah Wall", "Rafiqa Wall"))
    assert cleaned == expected  # nothing else changes
    findings = [json.loads(line) for line in (out / "report/findings.jsonl").read_text().splitlines()]
    spelling = {f["matched"]: f for f in findings if f["code"].startswith("SP")}
    assert set(spelling) == {"succesffully", "Raqq"}
    assert spelling["Raqq"]["evidence"]["Raqqa"] >= 6 and spelling["Raqq"]["safety"] == "unsafe"
    assert [f["matched"] for f in findings if f["matched"] in PROTECTED] == ["Rafiqah"]
    [variant] = [f for f in findings if f["code"].startswith("CN")]  # a tie: unsafe, the choice explained
    assert variant["matched"] == "Rafiqah" and variant["safety"] == "unsafe"
    assert variant["evidence"]["forms"] == {"Rafiqa": {"count": 1, "documents": 1},
                                            "Rafiqah": {"count": 1, "documents": 1}}
