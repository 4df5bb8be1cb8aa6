"""Spans, edits, fixes, findings and per-document results (DESIGN §3)."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Safety(enum.IntEnum):
    """How sure a fix is. Ordered: a policy that applies UNSAFE also applies SAFE."""

    DISPLAY_ONLY = 0  # reported, never applied
    UNSAFE = 1  # applied only with --unsafe-fixes
    SAFE = 2  # applied by fix and clean

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")

    @classmethod
    def parse(cls, value: str) -> "Safety":
        try:
            return cls[value.strip().upper().replace("-", "_")]
        except KeyError:
            raise ValueError(f"unknown safety {value!r} (expected safe, unsafe or display-only)") from None


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character offsets ``[start, end)`` into a text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def overlaps(self, other: "Span") -> bool:
        """True when the spans share a character, or when one is an insertion inside or at the edge of the other."""
        if self.start == self.end or other.start == other.end:
            return other.start <= self.start <= other.end or self.start <= other.start <= self.end
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``span`` with ``replacement``: an empty replacement deletes, an empty span inserts."""

    span: Span
    replacement: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.span.start, "end": self.span.end, "replacement": self.replacement}


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    safety: Safety
    title: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a rule found, with the evidence a reviewer needs to trust or reject its fix."""

    code: str
    name: str
    doc_id: str
    span: Span
    matched: str
    message: str
    fix: Fix | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    explanation: tuple[str, ...] = ()

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.safety is not Safety.DISPLAY_ONLY


@dataclass(frozen=True, slots=True)
class Skipped:
    """A finding whose fix was not applied, and why (``display-only``, ``unsafe``, ``overlap``, ...)."""

    finding: Finding
    reason: str


@dataclass(frozen=True, slots=True)
class AppliedEdit:
    """An applied edit in original-text offsets, with the findings it came from (the replayable log)."""

    span: Span
    replacement: str
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DocResult:
    """What processing one document produced.

    ``findings`` are located in the original text; ``applied`` is the log of edits in original offsets, so
    replaying it on the original text gives ``cleaned``; ``skipped`` says why each finding not fixed by its
    own edit was left (``unsafe``, ``display-only``, ``overlap``, ... or ``resolved``: another fix removed
    its text); ``remaining`` are findings still present in the
    cleaned text (unfixable, display-only, or not applied by policy).
    """

    doc_id: str
    findings: tuple[Finding, ...]
    applied: tuple[AppliedEdit, ...]
    skipped: tuple[Skipped, ...]
    remaining: tuple[Finding, ...]
    original: str
    cleaned: str
    language: str = "und"  # the document's language (ISO 639-3), as the analysis judged it
    # Findings the prose guard dropped before fixing: (reason, detail, count), e.g.
    # ("in code/markup", "code", 3), ("code vocabulary", "ident: 23 times in code", 1).
    suppressed: tuple[tuple[str, str, int], ...] = ()
    over_budget: float | None = None  # the time budget (seconds) it ran out of: passed through unchanged

    @property
    def changed(self) -> bool:
        return self.cleaned != self.original
