"""Properties of fixing with the real rules, on random documents built from damaged fragments:
fixing is idempotent, the log replays, and only the damage changes."""
from __future__ import annotations

import random

import pytest

from corpusclean.core.config import Settings
from corpusclean.core.document import Document
from corpusclean.core.edits import replay
from corpusclean.core.fixer import FixPolicy, fix_document
from corpusclean.run.stages import Plan, check_with, collect, finalize
from corpusclean.run.plan import build_plan
from tests.helpers import run_rules

FRAGMENTS = [
    "Updated", "Published: 14:11 EST, 25 October 2013", "", "", "   ", "The council met on Monday.",
    "We recieved the report.  ", "Tabs at the end\t", "The Mona Lisa doesnÃ¢â‚¬â„¢t have eyebrows.",
    "Jane Doe and the Associated Press contributed to this report.", "“Quoted,” she said – naïvely.",
    "Reporting by Jane Doe; Editing by John Roe", "Accomodation was scarce in Zürich.",
    "Some escaped, some succesffully, and Raqqa held.", "Raqqa, Raqqa and Raqqa fell; Raqq did not.",
    "Succesffully recieved, the teh report", "",
]
BREAKS = ["\n", "\r\n"]


def _document(rng: random.Random) -> str:
    newline = rng.choice(BREAKS)
    lines = [rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 12))]
    return newline.join(lines) + rng.choice([newline, ""])


@pytest.fixture(scope="module")
def rules():
    return build_plan(Settings(), apply=True).rules


@pytest.mark.parametrize("seed", range(150))
def test_fix_is_idempotent_and_replayable(rules, seed):
    text = _document(random.Random(seed))
    [first] = run_rules(text, rules, unsafe=True)
    assert replay(text, first.applied) == first.cleaned
    [second] = run_rules(first.cleaned, rules, unsafe=True)
    assert second.cleaned == first.cleaned, "a second fix changed the text again"
    assert not any(s.reason in ("overlap", "round-cap") for s in first.skipped)
    # Line-break style is kept: no \n appears in a \r\n document that had none alone.
    if "\r\n" in text:
        assert "\n" not in first.cleaned.replace("\r\n", "")


@pytest.mark.parametrize("seed", range(150, 250))
def test_rechecking_only_changed_lines_finds_what_a_full_recheck_finds(rules, seed):
    rng = random.Random(seed)
    texts = [_document(rng) for _ in range(3)]
    docs = [Document(f"d{i}", t) for i, t in enumerate(texts)]
    plan = Plan(tuple(rules), FixPolicy(unsafe=True))
    checker = check_with(plan, finalize(collect(docs, plan)))
    for doc in docs:
        incremental = fix_document(doc, checker, plan.policy)
        full = fix_document(doc, lambda d: checker(d), plan.policy)  # a plain function: full re-checks
        assert incremental == full
