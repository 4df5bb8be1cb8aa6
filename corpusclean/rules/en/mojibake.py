"""EN01 mojibake."""
from __future__ import annotations

import re
from typing import Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext
from corpusclean.text.lines import line_at

# The single-byte encodings ftfy's repair knows. UTF-8 misread in any of them shows the character its
# lead byte (0xC2-0xF4) decodes to; a line without one (nor a C1 control, surrogate or U+FFFD) holds no
# mojibake ftfy can repair, so ftfy never sees it. Typographic quotes and dashes are lead bytes only in
# MacRoman and would send most English lines to ftfy, so they are left out. On ftfy's own test cases the
# gate lets every line through that ftfy changes. (The ellipsis and NBSP are MacRoman lead bytes too.)
_ENCODINGS = ("latin-1", "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "iso-8859-2", "mac_roman", "cp437")


def _lead_characters() -> set[str]:
    found = set()
    for encoding in _ENCODINGS:
        for byte in range(0xC2, 0xF5):
            try:
                found.add(bytes([byte]).decode(encoding))
            except UnicodeDecodeError:
                pass
    return found - set("‘’“”–—…\xa0")


SUSPECT = re.compile("[" + "".join(re.escape(c) for c in sorted(_lead_characters())) + "\x80-\x9f\ud800-\udfff\ufffd]")


def _ftfy_config():
    import ftfy  # imported on first non-ASCII line: pure-ASCII corpora never pay for it

    # Encoding repair only: quote, dash, width and normalisation changes are other rules' business.
    return ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
        fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        remove_control_chars=False, normalization=None, explain=True,
    )


class Mojibake(Rule):
    r"""Text decoded with the wrong encoding (`doesnâ€™t` for `doesn’t`), repaired with ftfy.

    What it does:
        Runs ftfy's encoding repair on every line that has non-ASCII characters and proposes its result,
        with ftfy's explanation (the encode/decode steps it took) as the finding's explanation.

    Why it matters:
        Mojibake turns one character into two or three garbage characters. It breaks tokenisation,
        search and every later rule, and it is common in scraped text.

    Example:
        Before: "The Mona Lisa doesnÃ¢â‚¬â„¢t have eyebrows.\n"
        After:  "The Mona Lisa doesn’t have eyebrows.\n"
        Before: "Ãºnico\n"
        After:  "único\n"
        Unchanged: "ISIS’ fighters, naïve café owners and “quotes”.\n"

    Fix safety:
        Safe. ftfy changes text only when the result is far more plausible than the input (its
        heuristics are tested against a large negative set of real text), and this rule switches off
        ftfy's formatting changes (quotes, ligatures, widths, normalisation). Lines without a character
        that misread UTF-8 produces (pure ASCII, or curly quotes only) are skipped: they cannot hold
        mojibake.
    """

    code = "EN01"
    byte_level = True
    name = "mojibake"
    scope = "line"

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        if doc.text.isascii() or not SUSPECT.search(doc.text):
            return
        import ftfy

        config = _ftfy_config()
        for line in _suspect_lines(doc.text):
            fixed, steps = ftfy.fix_and_explain(line.text, config)
            if fixed == line.text:
                continue
            start, end, replacement = _changed_region(line.text, fixed)
            span = Span(line.start + start, line.start + end)
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=span,
                matched=line.text[start:end], message=f"mojibake: {line.text[start:end]!r} reads {replacement!r}",
                fix=Fix((Edit(span, replacement),), Safety.SAFE, "repair the encoding"),
                evidence={"ftfy": ftfy.__version__},
                explanation=tuple(f"{action} {parameter}" for action, parameter in steps or ()),
            )


def _suspect_lines(text: str):
    pos = 0
    while (match := SUSPECT.search(text, pos)) is not None:
        line = line_at(text, match.start())
        yield line
        pos = max(line.next, match.end())


def _changed_region(old: str, new: str) -> tuple[int, int, str]:
    """The smallest ``old[start:end]`` that, replaced by the returned text, turns ``old`` into ``new``."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix, new[prefix:len(new) - suffix]
