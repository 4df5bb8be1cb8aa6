"""``line-pattern``: a whole line that matches one of the pack's patterns is an artifact; delete it.

Pack keys: ``patterns`` (regular expressions in the syntax of the Rust ``regex`` crate, run as automata:
linear time on any line, so no lookaround and no backreferences; matched against the whole stripped
line, and in plain text also against the line without an extractor's marks (`* Advertisement`,
`| ADVERTISEMENT |`), case-insensitive unless ``case-sensitive = true``; a group named ``cut…`` narrows a ``match`` to
itself, where lookbehind would have been used), ``fragments`` (named sub-patterns used as ``{name}`` in patterns),
``zone`` (``top``, ``bottom`` or ``any``) with ``zone-lines`` (how many non-blank lines from that edge),
``max-length`` (longer lines are prose, not artifacts), ``message``, ``safety``, and ``remove``: ``line``
(the default) or ``match``, for residue inside a line (`By . Associated Press . PUBLISHED: . 14:11 EST,
25 October 2013 .` before the first sentence): then only the match is deleted, wherever it is in the
zone, and ``max-length`` bounds the match.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import ClassVar, Iterable

from corpusclean.core.analysis import encodable, format_of
from corpusclean.core.document import Document
from corpusclean.core.errors import UsageError
from corpusclean.core.findings import Edit, Finding, Fix, Span
from corpusclean.core.rule import RuleContext
from corpusclean.packs.types.base import PackRule
from corpusclean.text.lines import deletion_span, line_at, wrapped_fragment


@dataclass(frozen=True)
class LinePatternOptions:
    zone_lines: int | None = None  # override the pack's zone size


class LinePatternRule(PackRule):
    PACK_KEYS = frozenset({"patterns", "fragments", "zone", "zone-lines", "max-length", "message", "safety",
                           "case-sensitive", "remove"})
    Options: ClassVar[type] = LinePatternOptions

    def __init__(self, spec, options) -> None:
        super().__init__(spec, options)
        data = spec.data
        self.zone = data.get("zone", "any")
        if self.zone not in ("top", "bottom", "any"):
            raise UsageError(f"{spec.path}: zone must be top, bottom or any, not {self.zone!r}")
        self.zone_lines = self.options.zone_lines or data.get("zone-lines", 1)
        # Anywhere in a document, a line's verdict depends on that line alone: after a fix only the changed
        # lines need a new look. At an edge, a change elsewhere can move the zone.
        self.scope = "line" if self.zone == "any" else "document"
        self.max_length = data.get("max-length", 300)
        self.remove = data.get("remove", "line")
        if self.remove not in ("line", "match"):
            raise UsageError(f"{spec.path}: remove must be line or match, not {self.remove!r}")
        self.message = data.get("message", "artifact line")
        self.safety = self.pack_safety()
        fragments = {k: f"(?:{v})" for k, v in data.get("fragments", {}).items()}
        try:
            expanded = [_expand(p, fragments) for p in data["patterns"]]
        except (KeyError, IndexError) as exc:
            raise UsageError(f"{spec.path}: bad pattern: no fragment {exc}") from None
        self.alternation = _checked(spec.path, expanded)
        self.case_insensitive = not data.get("case-sensitive")

    @cached_property
    def patterns(self):
        """Compiled when a document first needs them: a run on Markdown never compiles the packs made for
        plain text, and a one-file check pays for the packs it uses only."""
        return _automata(self.alternation, self.case_insensitive, self.remove == "line")

    def warm(self) -> None:
        """Start compiling the patterns in the background, ahead of the first document that needs them."""
        self.patterns.warm()

    def settle(self) -> None:
        """Wait for a background compile to end (before a process forks)."""
        self.patterns.settle()

    @property
    def fix_availability(self) -> str:
        return "always"

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        # the zone and the lines in it, found by the core in one call
        # (no line at all is in a zone of fewer than one line, as Python's loop over the lines found)
        # In plain text (scraped pages) a line also matches by its bare text: `* Advertisement`
        bare = format_of(doc) == "plain"
        found = self.patterns.find_in_zone(encodable(text), self.zone, max(0, self.zone_lines), self.max_length,
                                           bare)
        if self.remove == "match":
            yield from self._matches(doc, found)
            return
        for line_start, _ in found:
            line = line_at(text, line_start)
            if wrapped_fragment(text, line):  # `copyright\nprotection.`: a piece of a sentence, not a line
                continue
            cut = deletion_span(text, line)
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id,
                span=Span(line.start, line.end), matched=line.text,
                message=self.message.format(line=line.text.strip()),
                fix=Fix((Edit(Span(*cut), ""),), self.safety, "delete the line"),
                evidence={"pattern-pack": self.spec.path.name, "zone": self.zone, "zone-lines": self.zone_lines},
            )

    def _matches(self, doc: Document, found: list[tuple[int, int]]) -> Iterable[Finding]:
        for match_start, match_end in found:
            span, matched = Span(match_start, match_end), doc.text[match_start:match_end]
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=span, matched=matched,
                message=self.message.format(line=matched.strip()),
                fix=Fix((Edit(span, ""),), self.safety, "delete it"),
                evidence={"pattern-pack": self.spec.path.name, "zone": self.zone, "zone-lines": self.zone_lines},
            )


def _checked(path, patterns: list[str]) -> str:
    """The pack's patterns as one alternation, each checked as the Rust `regex` crate reads them (linear
    time on any line, so no lookaround and no backreferences): a pattern it refuses is named, with the
    position and the reason."""
    from corpusclean import _core

    for number, pattern in enumerate(patterns, 1):
        try:
            _core.check_pattern(pattern)
        except ValueError as exc:
            raise UsageError(f"{path}: pattern {number} {pattern!r} does not compile: {_reason(str(exc))}") from None
    alternation = "|".join(f"(?:{p})" for p in patterns)
    try:
        _core.check_pattern(alternation)
    except ValueError as exc:  # each is fine alone: two name the same group
        raise UsageError(f"{path}: the patterns do not compile together: {_reason(str(exc))}") from None
    return alternation


@lru_cache(maxsize=64)
def _automata(alternation: str, case_insensitive: bool, whole_lines: bool):
    """Compiled once per process (on first use, or in the background after :meth:`LinePatternRule.warm`):
    a program that builds plans again (the API, a test suite) reuses them."""
    from corpusclean import _core

    return _core.LinePatterns(alternation, case_insensitive, whole_lines)


def _reason(message: str) -> str:
    """``regex``'s multi-line error as one line: ``at 0: look-around ... is not supported``."""
    lines = message.splitlines()
    caret = next((line.index("^") - 4 for line in lines if line.strip().startswith("^")), None)
    error = next((line.removeprefix("error: ") for line in lines if line.startswith("error: ")), lines[-1])
    return f"at {caret}: {error}" if caret is not None else error


def _expand(pattern: str, fragments: dict[str, str]) -> str:
    """Replace ``{name}`` with its fragment; regex quantifiers such as ``{1,4}`` are left alone."""
    return re.sub(r"\{([a-z][a-z-]*)\}", lambda m: fragments[m.group(1)], pattern)
