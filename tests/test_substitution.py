from __future__ import annotations

import pytest

from corpusclean.core.findings import Safety
from corpusclean.core.registry import RuleSet
from tests.helpers import run_rules


@pytest.fixture(scope="module")
def rule():
    return RuleSet().get("SP01")


def _safety(rule, text, **kw):
    [result] = run_rules(text, [rule], apply=False, **kw)
    return [(f.matched, f.fix.safety) for f in result.findings]


def test_casing_is_carried_over_at_a_sentence_start(rule):
    [result] = run_rules("He left. Recieved, it was. “Accomodation” too.\n", [rule], unsafe=False)
    assert result.cleaned == "He left. Received, it was. “Accommodation” too.\n"


def test_capitalised_word_inside_a_sentence_is_only_shown(rule):
    assert _safety(rule, "Musician Alan Wass was fined.\n") == [("Wass", Safety.DISPLAY_ONLY)]


def test_capitalised_entries_are_unsafe(rule):
    assert _safety(rule, "He flew to Britian.\n") == [("Britian", Safety.UNSAFE)]
    [safe_run] = run_rules("He flew to Britian.\n", [rule], unsafe=False)
    [unsafe_run] = run_rules("He flew to Britian.\n", [rule], unsafe=True)
    assert safe_run.cleaned == "He flew to Britian.\n" and unsafe_run.cleaned == "He flew to Britain.\n"


def test_entries_with_several_candidates_are_display_only(rule):
    assert _safety(rule, "the Enlish text\n")[0][1] is Safety.DISPLAY_ONLY


def test_allow_words_and_all_caps_and_glued_words_are_left_alone(rule):
    assert _safety(rule, "RECIEVE recieve_x x-recieve recieve@x.org\n") == []
    assert _safety(rule, "we recieve\n", allow_words=frozenset({"recieve"})) == []


def test_finding_names_its_list_and_entry(rule):
    [result] = run_rules("we recieve\n", [rule], apply=False)
    assert result.findings[0].evidence == {"list": "misspellings.txt", "entry": "recieve->receive",
                                           "candidates": ["receive"]}
