"""WS03 odd-space."""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext

# Unicode spaces between words (NBSP, narrow NBSP, en/em/thin/hair spaces, ideographic space, ...),
# but not before a line break (WS01's) and not tabs. Runs of them become one plain space.
ODD = re.compile(r"[\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]+(?![^\S\r\n]*(?:\r\n|\n|\r|\Z))")


class OddSpace(Rule):
    r"""A non-breaking or other Unicode space between words (`10\u00a0km`, `word\u2003word`).

    What it does:
        Finds the Unicode space characters scraping leaves between words (no-break, narrow no-break,
        en, em, thin, hair, ideographic spaces) and replaces each run with one plain space. Spaces
        before a line break are WS01's; tabs and indentation are left alone.

    Why it matters:
        `New\u00a0York` and `New York` look the same and are different strings: tokenizers, search and
        deduplication treat them as different words.

    Example:
        Before: "It is 10\u00a0km from New\u2003York.\n"
        After:  "It is 10 km from New York.\n"
        Unchanged: "Plain spaces\tand a tab.\n"

    Fix safety:
        Safe. One space for another; the only thing lost is the hint not to break a line there, which
        plain text does not use.
    """

    code = "WS03"
    name = "odd-space"
    scope = "line"

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        if doc.text.isascii():
            return
        for match in ODD.finditer(doc.text):
            span = Span(match.start(), match.end())
            names = ", ".join(sorted({unicodedata.name(c, f"U+{ord(c):04X}").lower() for c in match.group()}))
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=span, matched=match.group(),
                message=f"odd space ({names})", fix=Fix((Edit(span, " "),), Safety.SAFE, "use a plain space"),
            )
