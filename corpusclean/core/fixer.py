"""The fixer (DESIGN §5): the only code that changes text.

Filter fixes by policy → sort → drop fixes that overlap an accepted one → apply right to left → re-check
until no applicable fix remains (capped) → keep the log of applied edits in original offsets.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from typing import Callable, Mapping, Sequence

from corpusclean.core.document import Document
from corpusclean.core.edits import OriginalOffsets, apply_edits, compose
from corpusclean.core.findings import AppliedEdit, DocResult, Edit, Finding, Safety, Skipped, Span

MAX_ROUNDS = 8


@dataclass(frozen=True)
class FixPolicy:
    """Which fixes may be applied: a minimum safety, and per-code moves between tiers."""

    apply: bool = True
    unsafe: bool = False
    overrides: Mapping[str, Safety] = field(default_factory=dict)  # code or prefix -> safety
    # A reviewer's rejections (``corpusclean apply``): findings by (doc id, code, start, end, matched) in
    # original offsets, and whole decisions by an evidence key and value (`canonical`, `learned-line`).
    rejected: frozenset[tuple] = frozenset()
    rejected_groups: frozenset[tuple[str, str]] = frozenset()

    def rejects(self, doc_id: str, finding: Finding) -> bool:
        """True when a reviewer rejected ``finding`` (located in original offsets) or its decision."""
        if (doc_id, finding.code, finding.span.start, finding.span.end, finding.matched) in self.rejected:
            return True
        evidence = finding.evidence or {}
        return any(str(evidence.get(key)) == value for key, value in self.rejected_groups if key in evidence)

    def safety(self, finding: Finding) -> Safety:
        assert finding.fix is not None
        safety = finding.fix.safety
        if safety is Safety.DISPLAY_ONLY:
            return safety  # never promoted: display-only means the rule itself cannot choose a fix
        best = max((p for p in self.overrides if finding.code.startswith(p)), key=len, default=None)
        return self.overrides[best] if best is not None else safety

    def skip_reason(self, finding: Finding) -> str | None:
        """Why this finding's fix may not be applied, or None when it may."""
        if finding.fix is None:
            return "no-fix"
        safety = self.safety(finding)
        if safety is Safety.DISPLAY_ONLY:
            return "display-only"
        if safety is Safety.UNSAFE and not self.unsafe:
            return "unsafe"
        return None


Checker = Callable[[Document], Sequence[Finding]]


def _select(findings: Sequence[Finding], policy: FixPolicy) -> tuple[list[Finding], list[Skipped]]:
    """Greedy overlap resolution: earlier fixes first, then safer, then by code; a fix is all or nothing."""
    candidates = [f for f in findings if policy.skip_reason(f) is None]
    candidates.sort(key=lambda f: (min(e.span.start for e in f.fix.edits), -policy.safety(f), f.code, f.span))
    accepted: list[Finding] = []
    taken = _Taken()
    skipped: list[Skipped] = []
    for finding in candidates:
        spans = [e.span for e in finding.fix.edits]
        if any(taken.overlaps(s) for s in spans):
            skipped.append(Skipped(finding, "overlap"))
            continue
        accepted.append(finding)
        for span in spans:
            taken.add(span)
    return accepted, skipped


class _Taken:
    """Accepted edit spans, sorted by start. They never overlap one another, so their ends are sorted too
    and the spans a new one could touch are a short run found by bisection: a document with 20,000 fixes
    no longer costs 20,000 x 20,000 comparisons."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.spans: list[Span] = []

    def overlaps(self, span: Span) -> bool:
        at = bisect.bisect_right(self.starts, span.end) - 1
        while at >= 0 and self.spans[at].end >= span.start:
            if span.overlaps(self.spans[at]):
                return True
            at -= 1
        return False

    def add(self, span: Span) -> None:
        at = bisect.bisect_right(self.starts, span.start)
        self.starts.insert(at, span.start)
        self.spans.insert(at, span)


def fix_document(doc: Document, check: Checker, policy: FixPolicy, max_rounds: int = MAX_ROUNDS) -> DocResult:
    """Check ``doc`` and, when the policy applies fixes, fix it to a fixed point."""
    if not policy.apply:
        return _as_check(fix_document(doc, check, replace(policy, apply=True), max_rounds))
    current = list(check(doc))

    text = doc.text
    log: list[AppliedEdit] = []
    seen: dict[tuple, Finding] = {}

    def remember(findings: Sequence[Finding]) -> None:
        offsets = OriginalOffsets(log)
        for finding in findings:
            located = _relocate(finding, offsets)
            seen.setdefault(_key(located), located)

    remember(current)
    fixed: set[tuple] = set()  # findings whose own fix was applied
    rounds = 0
    overlapped: list[Skipped] = []
    rejected: set[int] = set()
    while rounds < max_rounds:
        if policy.rejected or policy.rejected_groups:
            offsets = OriginalOffsets(log)
            rejected |= {id(f) for f in current if policy.rejects(doc.id, _relocate(f, offsets))}
        accepted, overlapped = _select([f for f in current if id(f) not in rejected], policy)
        if not accepted:
            break
        offsets = OriginalOffsets(log)
        for finding in accepted:  # the fix applied is the one reported, not one an overlap kept from an earlier round
            located = _relocate(finding, offsets)
            fixed.add(_key(located))
            seen[_key(located)] = located
        edits = [(edit, (f.code,)) for f in accepted for edit in f.fix.edits]
        new_text = apply_edits(text, [edit for edit, _ in edits])
        log = compose(log, text, edits)
        text = new_text
        rounds += 1
        new_doc = Document(doc.id, text, doc.metadata, doc.format)
        recheck = getattr(check, "recheck", None)  # a checker that can look again only where text changed
        applied = [edit for edit, _ in edits]
        current = list(recheck(new_doc, current, applied) if recheck else check(new_doc))
        remember(current)

    offsets = OriginalOffsets(log)
    remaining = tuple(_relocate(f, offsets) for f in current)
    overlap_ids = {id(s.finding) for s in overlapped}
    skipped = []
    for raw, located in zip(current, remaining):
        reason = ("rejected" if id(raw) in rejected else
                  policy.skip_reason(raw) or ("overlap" if id(raw) in overlap_ids else "round-cap"))
        skipped.append(Skipped(located, reason))
    left = {_key(f) for f in remaining}
    # Gone without its own fix: another fix removed the text it was about (e.g. a deleted line).
    skipped += [Skipped(f, "resolved") for key, f in seen.items() if key not in fixed and key not in left]
    findings = tuple(sorted(seen.values(), key=lambda f: (f.span, f.code)))
    return DocResult(doc.id, findings, tuple(log), tuple(skipped), remaining, doc.text, text)


def _as_check(result: DocResult) -> DocResult:
    """What ``fix`` would do, reported without doing it: the findings its rounds would fix (later rounds
    included) are ``check-only``, the rest keep their reason; the text is unchanged."""
    pending = {_key(s.finding) for s in result.skipped}
    would = tuple(Skipped(f, "check-only") for f in result.findings if _key(f) not in pending)
    return replace(result, applied=(), skipped=would + result.skipped, remaining=result.findings,
                   cleaned=result.original)


def _key(finding: Finding) -> tuple:
    return finding.code, finding.span, finding.matched


def _relocate(finding: Finding, offsets: OriginalOffsets) -> Finding:
    """The finding with its span and its fix's edits mapped to original offsets, so that a report shows
    every finding, whichever round found it, on the text the reader has."""
    if not offsets.log:
        return finding
    fix = finding.fix
    if fix is not None:
        fix = replace(fix, edits=tuple(Edit(offsets.span(e.span), e.replacement) for e in fix.edits))
    return replace(finding, span=offsets.span(finding.span), fix=fix)
