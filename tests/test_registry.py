from __future__ import annotations

import pytest

from corpusclean.core.errors import UsageError
from corpusclean.core.registry import RuleSet


@pytest.fixture(scope="module")
def ruleset():
    return RuleSet()


def codes(rules):
    return [r.code for r in rules]


def test_default_selection_is_every_default_rule(ruleset):
    assert codes(ruleset.select()) == sorted(c for c, r in ruleset.rules.items() if r.default)


def test_select_by_code_prefix_and_name(ruleset):
    assert codes(ruleset.select(["AR01"])) == ["AR01"]
    every = codes(ruleset.select(["ALL"]))
    assert codes(ruleset.select(["AR"])) == [c for c in every if c.startswith("AR")]
    assert {"AR01", "AR02", "AR05"} <= set(codes(ruleset.select(["AR"])))
    assert codes(ruleset.select(["trailing-whitespace"])) == ["WS01"]
    assert codes(ruleset.select(["ALL"], ignore=["SP", "CN", "EN"])) == [c for c in every if c[:2] in ("AR", "WS")]


def test_families_select_their_rules(ruleset):
    assert codes(ruleset.select(["SP", "CN"])) == ["CN01", "CN02", "SP01", "SP02", "SP03", "SP04"]


def test_ignore_wins_over_extend_select(ruleset):
    assert codes(ruleset.select(["WS01", "WS02"], extend=["AR01"], ignore=["WS02"])) == ["AR01", "WS01"]


def test_unknown_selector_names_the_closest_rule(ruleset):
    with pytest.raises(UsageError, match="'stray-label-line'"):
        ruleset.select(["stray-labl-line"])


def test_rule_families(ruleset):
    assert {r.family for r in ruleset.rules.values()} >= {"AR", "CN", "EN", "SP", "WS"}
