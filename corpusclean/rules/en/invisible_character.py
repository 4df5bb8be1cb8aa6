"""EN03 invisible-character."""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext

# C0 controls but tab and line breaks, DEL, C1 controls, soft hyphen, zero-width space, word joiner,
# invisible operators, a byte-order mark inside the text, and the bidi embedding/override/isolate controls.
# Zero-width (non-)joiners stay: Persian, Indic scripts and emoji sequences need them.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u200b\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069"
                       "\u200e\u200f]")
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


class InvisibleCharacter(Rule):
    r"""A control or invisible formatting character in text (`\x07`, U+200B zero-width space, a stray BOM).

    What it does:
        Finds C0 and C1 control characters (tab and line breaks aside), DEL, soft hyphens, zero-width
        spaces, word joiners, a byte-order mark inside the text and bidirectional control characters,
        and deletes them.

    Why it matters:
        Invisible characters split words a reader sees as one (`in\u200bformation` never matches
        `information`), break deduplication, and bidi overrides can make text read differently from
        what it holds.

    Example:
        Before: "The in\u200bformation was\x07 public.\n"
        After:  "The information was public.\n"
        Unchanged: "Tabs\tand line breaks stay; so does the joiner in 👩\u200d💻.\n"

    Fix safety:
        Safe for control characters, zero-width spaces, word joiners, soft hyphens and an inner BOM.
        Bidi controls are safe to delete only in a document without right-to-left script; where Arabic
        or Hebrew text is present they may be doing their job, so the fix is unsafe.
    """

    code = "EN03"
    byte_level = True
    name = "invisible-character"
    scope = "line"

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        rtl = None
        for match in INVISIBLE.finditer(text):
            char = match.group()
            if char == "\ufeff" and match.start() == 0:
                continue  # a leading BOM is the reader's business: it is kept and reported there
            if char in BIDI and rtl is None:
                rtl = RIGHT_TO_LEFT.search(text) is not None
            safety = Safety.UNSAFE if char in BIDI and rtl else Safety.SAFE
            name = unicodedata.name(char, f"control character U+{ord(char):04X}")
            span = Span(match.start(), match.end())
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=span, matched=char,
                message=f"invisible character U+{ord(char):04X} ({name.lower()})",
                fix=Fix((Edit(span, ""),), safety, "delete it"),
                evidence={"character": f"U+{ord(char):04X}", "category": unicodedata.category(char)},
            )
