"""EN05 typographic-quotes and EN06 typographic-dashes: format choices, off by default."""
from __future__ import annotations

import re
from typing import ClassVar, Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext

QUOTES = {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "′": "'", "″": '"'}
DASHES = dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")


class _CharacterFold(Rule):
    """Replaces each character of ``FOLD`` with its ASCII form (a format choice: off by default)."""

    FOLD: ClassVar[dict[str, str]]
    default = False
    scope = "line"

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls._pattern = re.compile("[" + "".join(map(re.escape, cls.FOLD)) + "]")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        if doc.text.isascii():
            return
        for match in self._pattern.finditer(doc.text):
            char, plain = match.group(), self.FOLD[match.group()]
            span = Span(match.start(), match.end())
            yield Finding(code=self.code, name=self.name, doc_id=doc.id, span=span, matched=char,
                          message=f"typographic {char!r} (U+{ord(char):04X})",
                          fix=Fix((Edit(span, plain),), Safety.SAFE, f"replace with {plain!r}"))


class TypographicQuotes(_CharacterFold):
    r"""Curly quotes and apostrophes (`“it’s”`), folded to straight ones (`"it's"`). Off by default.

    What it does:
        Replaces typographic single and double quotation marks, apostrophes and primes with the ASCII
        `'` and `"`.

    Why it matters:
        A corpus that mixes `it’s` and `it's` has two spellings of every contraction; some pipelines want
        one form. It is a format choice, not a repair, so the rule is off unless selected (as ftfy's
        `uncurl_quotes` is in datatrove's formatters).

    Example:
        Before: "“It’s here,” she said.\n"
        After:  "\"It's here,\" she said.\n"
        Unchanged: "\"It's here,\" she said.\n"

    Fix safety:
        Safe once selected: only quotation marks change, and the quoted text stays.
    """

    code = "EN05"
    name = "typographic-quotes"
    FOLD = QUOTES


class TypographicDashes(_CharacterFold):
    r"""En and em dashes and other dash characters (`–`, `—`, `‒`, `―`, `−`), folded to ASCII. Off by default.

    What it does:
        Replaces hyphen and dash characters (hyphen, non-breaking hyphen, figure, en and em dashes,
        horizontal bar, minus sign) with the ASCII `-`; the spaces around them stay as written.

    Why it matters:
        Pipelines that want plain ASCII punctuation need one dash; it is a format choice, not a repair,
        so the rule is off unless selected.

    Example:
        Before: "Pages 10–12 — see below; −5 °C.\n"
        After:  "Pages 10-12 - see below; -5 °C.\n"
        Unchanged: "Pages 10-12 - see below.\n"

    Fix safety:
        Safe once selected: one dash for another.
    """

    code = "EN06"
    name = "typographic-dashes"
    FOLD = DASHES
