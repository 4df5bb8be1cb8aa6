"""WS02 blank-lines."""
from __future__ import annotations

import re
from typing import Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext

_BREAK = r"(?:\r\n|\n|\r(?!\n))"
# A line break followed by two or more blank (whitespace-only) lines: keep the first blank line only.
RUN = re.compile(rf"{_BREAK}[^\S\r\n]*{_BREAK}((?:[^\S\r\n]*{_BREAK})+)")


class BlankLines(Rule):
    r"""More than one blank line in a row.

    What it does:
        Finds runs of two or more blank (empty or whitespace-only) lines and reduces each run to one
        blank line, the usual paragraph separator.

    Why it matters:
        Extraction leaves gaps where boxes, images and ads were. Runs of blank lines carry no meaning,
        inflate token counts and make paragraph splitting unreliable.

    Example:
        Before: "First paragraph.\n\n\n\nSecond paragraph.\n"
        After:  "First paragraph.\n\nSecond paragraph.\n"
        Before: "One.\r\n\r\n  \r\nTwo.\r\n"
        After:  "One.\r\n\r\nTwo.\r\n"
        Unchanged: "First paragraph.\n\nSecond paragraph.\n"

    Fix safety:
        Safe. Only blank lines are removed and one paragraph break always stays.
    """

    code = "WS02"
    # reST and HTML sources space sections with blank-line runs by convention; Markdown linters flag them
    formats = ("plain", "markdown")
    name = "blank-lines"

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for match in RUN.finditer(doc.text):
            span = Span(match.start(1), match.end(1))
            count = len(re.findall(_BREAK, match.group(1))) + 1
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=span, matched=match.group(1),
                message=f"{count} blank lines in a row",
                fix=Fix((Edit(span, ""),), Safety.SAFE, "keep one blank line"),
            )
