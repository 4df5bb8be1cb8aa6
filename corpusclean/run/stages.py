"""The only things an executor knows (DESIGN §6): top-level, picklable functions over a frozen plan.

``collect`` folds documents into collector states (pass 1), ``merge`` combines two states, ``finalize``
freezes them for rules, and ``process`` checks and fixes one document (pass 2).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, Iterable, Mapping, Sequence

from corpusclean.core.analysis import UNDETERMINED, Analysis, analyze
from corpusclean.core.budget import DEFAULT_SECONDS, OverBudget, time_limit
from corpusclean.core.document import Document
from corpusclean.core.edits import Shifts, changed_lines
from corpusclean.core.findings import DocResult, Edit, Finding, Safety, Span
from corpusclean.core.fixer import FixPolicy, fix_document
from corpusclean.core.guard import ProseGuard
from corpusclean.core.rule import Rule, RuleContext
from corpusclean.stats import COLLECTORS


@dataclass(frozen=True)
class Plan:
    rules: tuple[Rule, ...]
    policy: FixPolicy
    allow_words: frozenset[str] = frozenset()
    canonical: tuple[tuple[str, str], ...] = ()  # (variant, pinned spelling), hashable and picklable

    explicit: frozenset[str] = frozenset()  # codes the user selected by name: they run on every format
    time_budget: float | None = DEFAULT_SECONDS  # per document, in seconds (None: no limit)

    @property
    def needs(self) -> tuple[str, ...]:
        needs = {need for rule in self.rules for need in rule.needs}
        if needs and any(rule.lexical for rule in self.rules):
            # word-level fixes respect the corpus's code vocabulary; when nothing else needs pass 1, the
            # document's own code serves, and the input still streams
            needs.add("code")
        return tuple(sorted(needs))


def collect(docs: Iterable[Document], plan: Plan) -> dict[str, Any]:
    collectors = {name: COLLECTORS[name] for name in plan.needs}
    states = {name: c.empty() for name, c in collectors.items()}
    repair = _repairs(plan) if collectors else None
    for doc in docs:
        if repair is not None:
            doc = repair(doc)
        for name, collector in collectors.items():
            states[name] = collector.observe(states[name], doc)
    return states


REPAIR_FAMILY = "EN"  # encoding repairs: entities, mojibake, invisible characters, normal forms


def _repairs(plan: Plan):
    """Pass 1 counts the text as the encoding repairs will leave it: `Jos&#233;` is counted as `José`,
    or the second run over a cleaned corpus would count a form the first never saw and fix again. The
    repairs need no statistics, so they can run before any are collected."""
    rules = tuple(r for r in plan.rules if r.code.startswith(REPAIR_FAMILY) and not r.needs)
    if not rules:
        return None
    repair_plan = replace(plan, rules=rules, policy=replace(plan.policy, apply=True))  # check counts so too
    bare = RuleContext(allow_words=plan.allow_words, canonical=dict(plan.canonical))

    def repaired(doc: Document) -> Document:
        # Most documents need no repair: the rules alone say so, at the cost of their own quick screens
        # (ASCII, no `&`), without the fixer's analysis and guard around them.
        if not any(True for rule in rules for _ in rule.check(doc, bare)):
            return doc
        cleaned = fix_document(doc, Checker(repair_plan, {}), repair_plan.policy).cleaned
        return doc if cleaned == doc.text else replace(doc, text=cleaned)

    return repaired


def merge(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
    return {name: COLLECTORS[name].merge(a[name], b[name]) for name in a}


def absorb(into: dict[str, Any], part: Mapping[str, Any]) -> dict[str, Any]:
    """``merge(into, part)`` computed in place in ``into`` (and returned): folding N parts costs their
    size, not N times the corpus's."""
    for name in into:
        COLLECTORS[name].absorb(into[name], part[name])
    return into


def finalize(states: Mapping[str, Any]) -> dict[str, Any]:
    return {name: COLLECTORS[name].finalize(state) for name, state in states.items()}


class Checker:
    """Every selected rule on one document, findings in text order; after a round of fixes,
    :meth:`recheck` looks again only where it must: line-scoped rules on the changed lines, the other
    rules everywhere. On a long document with a few fixes this halves the work of a fixed point."""

    def __init__(self, plan: Plan, stats: Mapping[str, Any]) -> None:
        self.context = RuleContext(stats=stats, allow_words=plan.allow_words, canonical=dict(plan.canonical))
        self.rules = plan.rules
        self.explicit = plan.explicit
        self.by_code = {rule.code: rule for rule in plan.rules}
        self.policy = plan.policy
        self.language = UNDETERMINED  # the document's, once it has been checked
        self.suppressed: Counter = Counter()  # (reason, detail) of the findings the guard dropped

    def __call__(self, doc: Document) -> list[Finding]:
        analysis = analyze(doc)
        self.language = analysis.language.code
        return self._everywhere(doc, analysis, count=True)

    def _everywhere(self, doc: Document, analysis: Analysis, count: bool) -> list[Finding]:
        self._languages = _languages(analysis)
        line_rules, document_rules = self._rules_for(analysis.format)
        return self._admit(doc, analysis, self._run(line_rules + document_rules, doc), count=count)

    def recheck(self, doc: Document, previous: Sequence[Finding], edits: Sequence[Edit]) -> list[Finding]:
        """Findings in ``doc``, the text that applying ``edits`` to the text of ``previous`` produced."""
        analysis = analyze(doc)
        if _languages(analysis) != self._languages:
            # A repair changed what language the text reads as (mojibake read as French): rules that were
            # off for the unchanged lines may now apply to them, and the other way round.
            return self._everywhere(doc, analysis, count=False)
        line_rules, document_rules = self._rules_for(analysis.format)
        windows = changed_lines(doc.text, edits)
        found = self._run([rule for rule in document_rules if rule.scope != "once"], doc)
        line_codes = {rule.code for rule in line_rules}
        once = {rule.code: rule for rule in document_rules if rule.scope == "once"}
        shifts = Shifts(edits, windows)
        for finding in previous:  # unchanged lines keep their findings, moved by the edits before them
            if finding.code in line_codes and (moved := _moved(finding, shifts)) is not None:
                found.append(moved)
            elif finding.code in once and (shift := shifts.shift(finding.span.start, finding.span.end)) is not None:
                # judged once, on the document as read: the verdict stays with its text, the fix is fitted
                # to the text around it now
                found += once[finding.code].carry(doc, finding, shift)
        for window in windows:
            # With the lines around it: a line rule may read its neighbours (is this line a piece of a
            # hard-wrapped paragraph?); only what it finds on the changed lines is new.
            start, end = _with_neighbours(doc.text, window)
            part = Document(doc.id, doc.text[start:end], doc.metadata, doc.format)
            found += [f for f in (_shifted(f, start) for f in self._run(line_rules, part))
                      if window.start <= f.span.start and f.span.end <= window.end]
        return self._admit(doc, analysis, found, count=False)

    def _rules_for(self, format: str) -> tuple[list[Rule], list[Rule]]:
        """The rules that run on a document of ``format``: those made for it, and any selected by name."""
        rules = [r for r in self.rules if r.formats is None or format in r.formats or r.code in self.explicit]
        # Rules still compiling in the background (pattern packs) run last, while the others work; the order
        # of findings does not depend on it (they are sorted by span).
        rules.sort(key=lambda rule: hasattr(rule, "warm"))
        return [r for r in rules if r.scope == "line"], [r for r in rules if r.scope != "line"]

    def _admit(self, doc: Document, analysis: Analysis, found: list[Finding], count: bool) -> list[Finding]:
        """The findings the prose guard lets through; the first look at a document counts the others."""
        guard = ProseGuard(doc, analysis, self.context.stats.get("code"), self.policy)
        kept = []
        for finding in found:
            reason = guard.reason(self.by_code[finding.code], finding)
            if reason is None:
                kept.append(finding)
            elif count:
                self.suppressed[reason] += 1
        return _one_per_family_and_span(kept)

    def _run(self, rules: Sequence[Rule], doc: Document) -> list[Finding]:
        return [finding for rule in rules for finding in rule.check(doc, self.context)]


def _with_neighbours(text: str, window: Span) -> tuple[int, int]:
    """``window`` (whole lines) widened by the line before it and the line after it."""
    start = text.rfind("\n", 0, window.start - 1) + 1 if window.start > 0 else 0
    after = text.find("\n", window.end)
    return start, len(text) if after < 0 else after + 1


def _languages(analysis: Analysis) -> tuple:
    """What the guard's language checks read: the document's language and each paragraph's."""
    return analysis.language.code, tuple(block.language.code for block in analysis.blocks)


def _moved(finding: Finding, shifts: Shifts) -> Finding | None:
    """The finding where its unchanged text now stands, or None when that text changed or lies on a
    changed line (the re-check of those lines answers for it)."""
    spans = [finding.span, *(e.span for e in finding.fix.edits)] if finding.fix else [finding.span]
    low, high = min(s.start for s in spans), max(s.end for s in spans)
    shift = shifts.shift(low, high)
    if shift is None or shifts.in_window(low + shift, high + shift):
        return None
    return _shifted(finding, shift)


def _shifted(finding: Finding, by: int) -> Finding:
    if not by:
        return finding
    fix = finding.fix
    if fix is not None:
        fix = replace(fix, edits=tuple(Edit(Span(e.span.start + by, e.span.end + by), e.replacement)
                                       for e in fix.edits))
    return replace(finding, span=Span(finding.span.start + by, finding.span.end + by), fix=fix)


def check_with(plan: Plan, stats: Mapping[str, Any]) -> Checker:
    return Checker(plan, stats)


def _one_per_family_and_span(found: list[Finding]) -> list[Finding]:
    """Rules of one family answer the same question about a span (is this word misspelled?): the span is
    reported once, by the rule with the lowest code (`_rank`). Codes are ordered by how curated their
    knowledge is (SP01 a list people wrote, SP02 a dictionary, SP03 corpus statistics), so when the curated
    list calls `ther` ambiguous, no statistic overrules it."""
    best: dict[tuple, Finding] = {}
    for finding in found:
        key = (finding.code[:2], finding.span)
        if key not in best or _rank(finding) < _rank(best[key]):
            best[key] = finding
    return sorted(best.values(), key=lambda f: (f.span.start, f.span.end, f.code))


def _rank(finding: Finding) -> tuple:
    """Within a family and span, the lowest code; among artifact rules, a safe fix first (AR05 and AR09 are
    two ways to learn boilerplate: a weak repeat must not hide the model's confident verdict). Spelling
    keeps its order of curation whatever the safety: a list calling `ther` ambiguous is not overruled."""
    safe = finding.fix is not None and finding.fix.safety is Safety.SAFE
    return finding.code.startswith("AR") and not safe, finding.code


def process(doc: Document, plan: Plan, stats: Mapping[str, Any]) -> DocResult:
    """Check ``doc`` and fix it by the plan's policy; over the time budget it passes through unchanged."""
    checker = check_with(plan, stats)
    try:
        with time_limit(plan.time_budget):
            result = fix_document(doc, checker, plan.policy)
    except OverBudget:
        return DocResult(doc.id, (), (), (), (), doc.text, doc.text, over_budget=plan.time_budget)
    return replace(result, language=checker.language,
                   suppressed=tuple((reason, detail, n) for (reason, detail), n in sorted(checker.suppressed.items())))
