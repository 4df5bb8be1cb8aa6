"""The report page's totals, without a browser: every finding of a clean run is applied, skipped or resolved,
counted apart from the findings, so they add up on real runs (the seeds, with and without unsafe fixes, and a
corpus where a fix removes the text of another finding) and agree with findings.jsonl and summary.json."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from corpusclean.report.html import STATES
from tests.test_review import corpus, page_data

SEEDS = Path(__file__).resolve().parent.parent / "seeds/input"

# Findings in every state without --unsafe-fixes: AR01 applied, the trailing spaces on its line resolved,
# SP02 skipped (unsafe); and a variant cluster whose unsafe fix is applied 0 times.
EVERY_STATE = ["Updated  \n\nThe council met on Monday. It went on succesffully.\n",
               "The Rafiqa Wall stood.\n", "The Rafiqah Wall fell.\n"]


@pytest.mark.parametrize("texts, options", [(None, ()), (None, ("--unsafe-fixes",)), (EVERY_STATE, ())],
                         ids=["seeds", "seeds-unsafe", "resolved"])
def test_findings_are_applied_skipped_or_resolved(cli, tmp_path, texts, options):
    source = SEEDS if texts is None else corpus(tmp_path / "in", texts)
    code, _, _ = cli("clean", source, "--out", tmp_path / "out", *options)
    report = tmp_path / "out/report"
    statuses = Counter(json.loads(line)["status"] for line in (report / "findings.jsonl").read_text().splitlines())
    summary = json.loads((report / "summary.json").read_text())
    shown = page_data(report / "index.html")["summary"]
    assert code == 0 and set(statuses) <= set(STATES)
    assert shown["findings"] == {"findings": sum(statuses.values()), **{s: statuses[s] for s in STATES}}
    assert shown["findings"]["skipped"] == summary["totals"]["remaining"] == sum(shown["skipped"].values())
    for rule in shown["rules"]:
        assert rule["findings"] == sum(rule[s] for s in STATES) == summary["by_rule"][rule["code"]]["findings"]
