"""EN04 unicode-normalization."""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext

# A run of characters that NFC may change: a base letter and the combining marks after it.
_CLUSTER = re.compile(r"[^\W\d_]?[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a]+")


class UnicodeNormalization(Rule):
    r"""Letters written as a base letter plus combining marks (`cafe\u0301`), composed to NFC (`café`).

    What it does:
        Finds text that is not in Unicode normalisation form C, a letter followed by combining accents
        where one precomposed character exists, and composes it.

    Why it matters:
        `café` written two ways is two strings: search, deduplication, tokenizers and the spelling rules see
        different words. NFC is the form the web and most corpora use.

    Example:
        Before: "The cafe\u0301 in Zu\u0308rich.\n"
        After:  "The café in Zürich.\n"
        Unchanged: "The café in Zürich; a\u0332 (no precomposed underlined a).\n"

    Fix safety:
        Safe. NFC changes no character's meaning (canonical equivalence); compatibility forms (ligatures,
        full-width letters) are not touched, unlike NFKC.
    """

    code = "EN04"
    byte_level = True
    name = "unicode-normalization"
    scope = "line"

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        if text.isascii() or unicodedata.is_normalized("NFC", text):
            return
        for match in _CLUSTER.finditer(text):
            composed = unicodedata.normalize("NFC", match.group())
            if composed == match.group():
                continue
            span = Span(match.start(), match.end())
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=span, matched=match.group(),
                message=f"{match.group()!r} is not in NFC: {composed!r}",
                fix=Fix((Edit(span, composed),), Safety.SAFE, f"compose to {composed!r}"),
            )
