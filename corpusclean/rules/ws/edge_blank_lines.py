"""WS05 edge-blank-lines."""
from __future__ import annotations

import re
from typing import Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext

LEADING = re.compile(r"\A(?:[^\S\r\n]*(?>\r\n|\n|\r))+")
TRAILING = re.compile(r"([^\S\r\n]*(?>\r\n|\n|\r))((?:[^\S\r\n]*(?>\r\n|\n|\r))+)[^\S\r\n]*\Z")


class EdgeBlankLines(Rule):
    r"""Blank lines before the first line or after the last line of a document.

    What it does:
        Deletes blank lines at the very start of a document, and blank lines after its last line (one
        final line break stays, or none if the document had none).

    Why it matters:
        Leading and trailing blank lines are left by removed headers and footers; they make documents that
        are the same text differ and shift every line number.

    Example:
        Before: "\n\nFirst line.\nLast line.\n\n\n"
        After:  "First line.\nLast line.\n"
        Unchanged: "First line.\n\nLast line.\n"

    Fix safety:
        Safe. Only blank lines go; the final line break stays as the document had it.
    """

    code = "WS05"
    name = "edge-blank-lines"
    scope = "document"

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        if not text.strip():
            return
        if match := LEADING.match(text):
            yield self._finding(doc, Span(match.start(), match.end()), "blank lines before the first line")
        if match := TRAILING.match(text, len(text.rstrip())):  # from the last visible character only
            yield self._finding(doc, Span(match.start(2), match.end()), "blank lines after the last line")

    def _finding(self, doc: Document, span: Span, message: str) -> Finding:
        return Finding(code=self.code, name=self.name, doc_id=doc.id, span=span,
                       matched=doc.text[span.start:span.end], message=message,
                       fix=Fix((Edit(span, ""),), Safety.SAFE, "delete them"))
