"""EN02 html-entity."""
from __future__ import annotations

import html
import re
import unicodedata
from html.entities import html5
from typing import Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext

ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Markup or code in the document: there an entity may be meant literally (an HTML sample, an escaped
# attribute), so its decoding is left to a reviewer.
MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--|\bdef |\bfunction\s*\(|[{};]\s*$", re.MULTILINE)
SPACES = {"\xa0": " "}  # `&nbsp;` in scraped prose is a plain space; the odd-space rule would fold it anyway


class HtmlEntity(Rule):
    r"""An HTML entity left in text by scraping (`&amp;`, `&#39;`, `&nbsp;`, `&#x2019;`), decoded.

    What it does:
        Finds character references that HTML defines (named, decimal and hexadecimal) and replaces each
        with the character it stands for; `&nbsp;` becomes a plain space.

    Why it matters:
        An extractor that forgets to unescape leaves `AT&amp;T` and `don&#39;t` in the corpus: words a
        tokenizer splits into noise and a model learns to write.

    Example:
        Before: "AT&amp;T said it won&#39;t raise prices.&nbsp;Shares rose.\n"
        After:  "AT&T said it won't raise prices. Shares rose.\n"
        Before: "The caf&#233; on Main St &#x2014; closed.\n"
        After:  "The café on Main St — closed.\n"
        Before: "Shares rose&#3; 5% on Monday.\n"
        After:  "Shares rose 5% on Monday.\n"
        Unchanged: "Fish & chips; R&D spending; &notanentity; and 5 &lt 6 without a semicolon.\n"

    Fix safety:
        Safe in prose. Only references HTML defines are decoded (`&notanentity;` stays); a reference to a
        control character (`&#3;`) is deleted, as EN03 would delete the character decoded; references to
        non-characters are left alone. In a document that
        holds markup or code (`<p>`, `<!--`, a line ending in `{`), the fix is unsafe: there an entity
        may be meant literally.
    """

    code = "EN02"
    formats = ("plain", "rst")  # in Markdown and HTML an entity is markup, written on purpose
    name = "html-entity"
    scope = "line"

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        if "&" not in text:
            return
        safety = None
        for match in ENTITY.finditer(text):
            entity = match.group()
            if entity[1] != "#" and entity[1:] not in html5:  # `&notanentity;` is not `&not;` + text
                continue
            decoded = html.unescape(entity)
            if decoded == "":  # Python decodes `&#3;` to nothing; `&#146;` is HTML's (Windows-1252's) `’`
                decoded = _code_point(entity) or decoded
            control = _control(decoded)
            if decoded in ("", entity) or not (control or _printable(decoded)):
                continue
            if safety is None:
                safety = Safety.UNSAFE if MARKUP.search(text) else Safety.SAFE
            # A control character decoded is one EN03 would drop: the two fixes in one, the reference goes.
            replacement = "" if control else "".join(SPACES.get(c, c) for c in decoded)
            span = Span(match.start(), match.end())
            what = f"control character U+{ord(decoded):04X} (deleted, as EN03 deletes it)" if control else repr(decoded)
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=span, matched=entity,
                message=f"HTML entity {entity!r} stands for {what}",
                fix=Fix((Edit(span, replacement),), safety,
                        "delete it" if control else f"replace with {replacement!r}"),
                evidence={"entity": entity, "character": f"U+{ord(decoded[0]):04X}" if len(decoded) == 1 else decoded},
            )


def _code_point(entity: str) -> str | None:
    """The control character a numeric reference names (`&#3;`, `&#x1B;`), else None."""
    if entity[1] != "#":
        return None
    digits = entity[2:].rstrip(";")
    try:
        number = int(digits[1:], 16) if digits[:1] in "xX" and digits[:1] else int(digits)
    except ValueError:
        return None
    return chr(number) if number < 0x110000 and _control(chr(number)) else None


def _control(text: str) -> bool:
    """A C0 or C1 control character other than tab and line breaks (`\x03`; NEL breaks lines)."""
    return len(text) == 1 and unicodedata.category(text) == "Cc" and text not in "\t\n\r\x85"


def _printable(text: str) -> bool:
    return all(c.isprintable() or c in "\xa0\t" for c in text)
