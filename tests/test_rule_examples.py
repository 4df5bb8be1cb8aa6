"""Every rule documents itself and its examples run: the docs cannot drift from the behaviour."""
from __future__ import annotations

import pytest

from corpusclean.core.registry import RuleSet
from corpusclean.core.rule import CODE_RE, NAME_RE, REQUIRED_SECTIONS
from tests.helpers import run_rules

RULES = list(RuleSet().rules.values())
EXAMPLES = [pytest.param(rule, example, id=f"{rule.code}-{i}")
            for rule in RULES for i, example in enumerate(rule.doc.examples)]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    assert CODE_RE.match(rule.code) and NAME_RE.match(rule.name)
    doc = rule.doc
    assert doc.summary
    for section in REQUIRED_SECTIONS:
        assert doc.sections.get(section), f"{rule.code} lacks the section {section!r}"
    kinds = {example.kind for example in doc.examples}
    assert "unchanged" in kinds, f"{rule.code} needs an example of text it leaves alone"
    assert kinds & {"fix", "flagged"}, f"{rule.code} needs an example of what it finds"


@pytest.mark.parametrize("rule,example", EXAMPLES)
def test_rule_example(rule, example):
    *_, result = run_rules([*example.corpus, example.text], [rule])
    if example.kind == "fix":
        assert result.cleaned == example.after
        assert all(f.code == rule.code for f in result.findings)
    elif example.kind == "unchanged":
        assert result.findings == ()
        assert result.cleaned == example.text
    else:
        assert result.findings and result.cleaned == example.text


def test_codes_and_names_are_unique():
    assert len({r.name for r in RULES}) == len(RULES)
    assert len({r.code for r in RULES}) == len(RULES)
