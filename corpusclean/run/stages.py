"""The only things an executor knows (DESIGN §6): top-level, picklable functions over a frozen plan.

``collect`` folds documents into collector states (pass 1), ``merge`` combines two states, ``finalize``
freezes them for rules, and ``process`` checks and fixes one document (pass 2).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from corpusclean.core.document import Document
from corpusclean.core.findings import DocResult, Finding
from corpusclean.core.fixer import FixPolicy, fix_document
from corpusclean.core.rule import Rule, RuleContext
from corpusclean.stats import COLLECTORS


@dataclass(frozen=True)
class Plan:
    rules: tuple[Rule, ...]
    policy: FixPolicy
    allow_words: frozenset[str] = frozenset()

    @property
    def needs(self) -> tuple[str, ...]:
        return tuple(sorted({need for rule in self.rules for need in rule.needs}))


def collect(docs: Iterable[Document], plan: Plan) -> dict[str, Any]:
    collectors = {name: COLLECTORS[name] for name in plan.needs}
    states = {name: c.empty() for name, c in collectors.items()}
    for doc in docs:
        for name, collector in collectors.items():
            states[name] = collector.observe(states[name], doc)
    return states


def merge(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
    return {name: COLLECTORS[name].merge(a[name], b[name]) for name in a}


def finalize(states: Mapping[str, Any]) -> dict[str, Any]:
    return {name: COLLECTORS[name].finalize(state) for name, state in states.items()}


def check_with(plan: Plan, stats: Mapping[str, Any]):
    """A checker for the fixer: every selected rule on one document, findings in text order."""
    context = RuleContext(stats=stats, allow_words=plan.allow_words)

    def check(doc: Document) -> list[Finding]:
        found = [finding for rule in plan.rules for finding in rule.check(doc, context)]
        return _one_per_family_and_span(found)

    return check


def _one_per_family_and_span(found: list[Finding]) -> list[Finding]:
    """Rules of one family answer the same question about a span (is this word misspelled?): the span is
    reported once, by the rule with the lowest code. Codes are ordered by how curated their knowledge is
    (SP01 a list people wrote, SP02 a dictionary, SP03 corpus statistics), so when the curated list calls
    `ther` ambiguous, no statistic overrules it."""
    best: dict[tuple, Finding] = {}
    for finding in found:
        key = (finding.code[:2], finding.span)
        if key not in best or finding.code < best[key].code:
            best[key] = finding
    return sorted(best.values(), key=lambda f: (f.span.start, f.span.end, f.code))


def process(doc: Document, plan: Plan, stats: Mapping[str, Any]) -> DocResult:
    return fix_document(doc, check_with(plan, stats), plan.policy)
