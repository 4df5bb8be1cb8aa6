"""WS04 hyphenated-line-break."""
from __future__ import annotations

import re
from typing import Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext
from corpusclean.text import lexicon

# A word broken at a line end with a hyphen, its rest starting the next line: `govern-\nment`. The search
# starts from the hyphen and line break (a literal the regex engine finds fast), then reads the words.
BREAK = re.compile(r"-[^\S\r\n]*(\r\n|\n|\r)[^\S\r\n]*")
HEAD = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,40}\Z")
TAIL = re.compile(r"([^\W\d_]+)(?![^\W\d_])[^\S\r\n]*")


class HyphenatedLineBreak(Rule):
    r"""A word hyphenated across a line break (`govern-\nment`), joined again.

    What it does:
        Finds a word split by a hyphen at the end of a line and continued at the start of the next, and
        joins the halves when together they make a word the dictionary knows and the hyphenated form is
        not itself a word (`well-known`); the line break moves after the joined word.

    Why it matters:
        Text extracted from print layouts (PDFs, OCR, fixed-width archives) is full of broken words:
        `govern-` and `ment` are two tokens no model or search index connects.

    Example:
        Before: "The govern-\nment met today.\n"
        After:  "The government\nmet today.\n"
        Unchanged: "A well-\nknown face; the pre-\nTrump era.\n"

    Fix safety:
        Safe when the joined word is a dictionary word and neither half with its hyphen reads as a
        compound the dictionary lists (`well-known`): then the hyphen was the typesetter's. Otherwise
        nothing is reported.
    """

    code = "WS04"
    languages = ("eng",)  # joins only what the English dictionary knows
    name = "hyphenated-line-break"
    scope = "document"

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        if "-" not in text:
            return
        for hyphen in BREAK.finditer(text):
            head = HEAD.search(text, max(0, hyphen.start() - 41), hyphen.start())
            tail = TAIL.match(text, hyphen.end())
            if not head or not tail:
                continue
            joined = head.group() + tail.group(1)
            if not _typesetter_hyphen(head.group(), tail.group(1), joined):
                continue
            span, newline = Span(head.start(), tail.end()), hyphen.group(1)
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=span, matched=text[span.start:span.end],
                message=f"{head.group()}- / {tail.group(1)} is one word broken across lines: {joined!r}",
                fix=Fix((Edit(span, joined + newline),), Safety.SAFE, f"join as {joined!r}"),
                evidence={"joined": joined, "source": "dictionary"},
            )


def _typesetter_hyphen(head: str, tail: str, joined: str) -> bool:
    if tail[:1].isupper() or not lexicon.in_dictionary(joined.lower()):
        return False
    return not lexicon.in_dictionary(f"{head}-{tail}".lower())
