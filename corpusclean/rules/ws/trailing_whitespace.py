"""WS01 trailing-whitespace."""
from __future__ import annotations

import re
from typing import Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext

# Spaces, tabs and Unicode spaces (NBSP included) before a line break or the end of the text.
TRAILING = re.compile(r"[^\S\r\n]+(?=\r\n|\n|\r|\Z)")


class TrailingWhitespace(Rule):
    r"""Spaces or tabs at the end of a line.

    What it does:
        Finds whitespace (spaces, tabs, non-breaking and other Unicode spaces) between the last
        character of a line and its line break, and deletes it.

    Why it matters:
        Trailing whitespace is invisible noise: it makes identical lines differ, defeats deduplication
        and line fingerprints, and shows up as churn in every diff.

    Example:
        Before: "The end.   \nNext line.\t\n"
        After:  "The end.\nNext line.\n"
        Before: "Windows line. \r\n"
        After:  "Windows line.\r\n"
        Unchanged: "Clean line.\n  Indented line.\n"

    Fix safety:
        Safe. Only whitespace before a line break is removed; line breaks and indentation stay.
    """

    code = "WS01"
    name = "trailing-whitespace"

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for match in TRAILING.finditer(doc.text):
            span = Span(match.start(), match.end())
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=span, matched=match.group(),
                message=f"trailing whitespace ({len(match.group())} characters)",
                fix=Fix((Edit(span, ""),), Safety.SAFE, "delete the trailing whitespace"),
            )
