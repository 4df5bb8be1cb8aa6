"""``line-pattern``: a whole line that matches one of the pack's patterns is an artifact; delete it.

Pack keys: ``patterns`` (regular expressions matched against the whole stripped line, case-insensitive
unless ``case-sensitive = true``), ``fragments`` (named sub-patterns used as ``{name}`` in patterns),
``zone`` (``top``, ``bottom`` or ``any``) with ``zone-lines`` (how many non-blank lines from that edge),
``max-length`` (longer lines are prose, not artifacts), ``message``, ``safety``, and ``remove``: ``line``
(the default) or ``match``, for residue inside a line (`By . Associated Press . PUBLISHED: . 14:11 EST,
25 October 2013 .` before the first sentence): then only the match is deleted, wherever it is in the
zone, and ``max-length`` bounds the match.
"""
from __future__ import annotations

import re
import re._parser as re_parser  # noqa: PLC2701 - validating a pattern without compiling it
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar, Iterable

from corpusclean.core.document import Document
from corpusclean.core.errors import UsageError
from corpusclean.core.findings import Edit, Finding, Fix, Span
from corpusclean.core.rule import RuleContext
from corpusclean.packs.types.base import PackRule
from corpusclean.text.lines import deletion_span, edge_region, line_at


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
            self.alternation = "|".join(f"(?:{_expand(p, fragments)})" for p in data["patterns"])
            self.flags = (0 if data.get("case-sensitive") else re.IGNORECASE)
            re_parser.parse(self.alternation, self.flags)  # errors now, with their position; compiled on first use
        except (KeyError, IndexError, re.error) as exc:
            raise UsageError(f"{spec.path}: bad pattern: {exc}") from None

    # Compiled when a document first needs them: compiling every pack costs more than checking a small file,
    # and a run on Markdown never runs the packs made for plain text.
    @cached_property
    def line_regex(self) -> re.Pattern:
        return re.compile(self.alternation, self.flags)

    @cached_property
    def match_regex(self) -> re.Pattern:
        return re.compile(self.alternation, self.flags | re.MULTILINE)

    @cached_property
    def regex(self) -> re.Pattern:
        """A whole line (any line-break style), surrounding spaces aside, that matches a pattern.
        Candidates by one scan of the text; each confirmed on its own line, since a pattern's `\\s` can
        reach into the lines around it."""
        return re.compile(rf"(?<![^\r\n])(?![\r\n])[^\S\r\n]*(?:{self.alternation})[^\S\r\n]*(?![^\r\n])",
                          self.flags)

    @property
    def fix_availability(self) -> str:
        return "always"

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        start, end = edge_region(text, self.zone, self.zone_lines)
        if self.remove == "match":
            yield from self._matches(doc, start, end)
            return
        for match in self.regex.finditer(text, start, end):
            line = line_at(text, match.start())
            if line.is_blank or len(line.text) > self.max_length or not self.line_regex.fullmatch(line.text.strip()):
                continue
            cut = deletion_span(text, line)
            content = line.text.strip()
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id,
                span=Span(line.start, line.end), matched=line.text,
                message=self.message.format(line=content),
                fix=Fix((Edit(Span(*cut), ""),), self.safety, "delete the line"),
                evidence={"pattern-pack": self.spec.path.name, "zone": self.zone, "zone-lines": self.zone_lines},
            )


    def _matches(self, doc: Document, start: int, end: int) -> Iterable[Finding]:
        for match in self.match_regex.finditer(doc.text, start, end):
            if not match.group().strip() or len(match.group()) > self.max_length:
                continue
            span = Span(match.start(), match.end())
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=span, matched=match.group(),
                message=self.message.format(line=match.group().strip()),
                fix=Fix((Edit(span, ""),), self.safety, "delete it"),
                evidence={"pattern-pack": self.spec.path.name, "zone": self.zone, "zone-lines": self.zone_lines},
            )


def _expand(pattern: str, fragments: dict[str, str]) -> str:
    """Replace ``{name}`` with its fragment; regex quantifiers such as ``{1,4}`` are left alone."""
    return re.sub(r"\{([a-z][a-z-]*)\}", lambda m: fragments[m.group(1)], pattern)
