"""WS01 trailing-whitespace."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext

# Spaces, tabs and Unicode spaces (NBSP included) before a line break or the end of the text.
TRAILING = re.compile(r"[^\S\r\n]+(?=\r\n|\n|\r|\Z)")


MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class TrailingWhitespaceOptions:
    markdown_hard_breaks: bool = True  # keep exactly two spaces after text in Markdown files


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
        Safe. Only whitespace before a line break is removed; line breaks and indentation stay. In
        Markdown files (`.md`), exactly two spaces after text are a hard line break and are kept.

    Options:
        markdown-hard-breaks: keep two trailing spaces after text in Markdown files (default true).
    """

    code = "WS01"
    name = "trailing-whitespace"
    scope = "line"
    Options: ClassVar[type] = TrailingWhitespaceOptions

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        markdown = self.options.markdown_hard_breaks and doc.id.lower().endswith(MARKDOWN_SUFFIXES)
        for match in TRAILING.finditer(doc.text):
            if markdown and match.group() == "  " and _after_text(doc.text, match.start()):
                continue
            span = Span(match.start(), match.end())
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=span, matched=match.group(),
                message=f"trailing whitespace ({len(match.group())} characters)",
                fix=Fix((Edit(span, ""),), Safety.SAFE, "delete the trailing whitespace"),
            )


def _after_text(text: str, pos: int) -> bool:
    return pos > 0 and text[pos - 1] not in "\r\n"
