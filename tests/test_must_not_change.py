"""Clean prose full of names, jargon, quotes and compounds: the default rules change nothing in it."""
from __future__ import annotations

from corpusclean.run.plan import build_plan
from corpusclean.core.config import Settings
from tests.helpers import run_rules

PROSE = [
    "Updated guidance was published on Monday, the ministry said.\n\nOfficials in Tabqa and Palmyra agreed.\n",
    "The U.S.-backed fighters cleared the Al-Nuri mosque; IEDs and prepositioned mines slowed them.\n",
    "“We’re not there yet,” said Col. Ryan Dillon, naïve café owners in Zürich aside.\n",
    "Email jane.doe@example.com or see https://example.com/recieve_page, #recieve and @teh_bot.\n",
    "Retail/grocery sales rose 3.5% in Q2; margins were flat. Scrocca warned of more.\n",
    "The report said staff contributed to this report in the past, but the editor disagreed.\n\nMore text.\n",
    "Behaviour, colour and organisation are British spellings; travelled and analysed too.\n",
]


def test_default_rules_leave_clean_prose_alone():
    plan = build_plan(Settings(), apply=True)
    results = run_rules(PROSE, plan.rules, unsafe=True)
    for text, result in zip(PROSE, results):
        assert result.cleaned == text
        assert [f.matched for f in result.findings] == [], text


def test_the_corpus_vouches_for_its_own_jargon():
    plan = build_plan(Settings(select=("SP02",)), apply=True)
    alone = run_rules(["Capex rose; capex and ebitda were flat.\n"], plan.rules, apply=False)
    assert {f.matched for f in alone[0].findings} == {"Capex", "capex", "ebitda"}
    corpus = [f"Report {n}: capex and ebitda were up.\n" for n in range(3)]
    assert all(r.findings == () for r in run_rules(corpus, plan.rules))
