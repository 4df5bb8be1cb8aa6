"""Word tokens with offsets.

A word is a run of letters, with inner apostrophes (``don't``, ``O’Brien``). Digits, underscores and
punctuation split words; rules decide themselves whether a word's neighbours (``-``, ``/``, ``@``, digits)
make it part of something they must not touch.
"""
from __future__ import annotations

import re
from typing import Iterable, NamedTuple

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A name with a particle, joined by a hyphen or a space (`al-Nuri`, `Al Nuri`, `van Gogh`): WORD splits it,
# so pass 1 counts it whole as well (the core, `native/src/counts.rs`, lists the same particles), for the
# variant rule to see both spellings of one name.
_SPACED_PARTICLES = ("al", "el", "ul", "abu", "bin", "ibn", "ben", "van", "von", "de", "del", "da", "di", "du",
                     "la", "le")
_HYPHENED_PARTICLES = ("an", "ar", "as", "ash", "at", "ad", "az")  # English words when a space follows
_NAME_AFTER = r"(?=[A-Z])[^\W\d_]++(?!-[^\W\d_])"
PARTICLE_NAME = re.compile(rf"(?:(?i:{'|'.join(_SPACED_PARTICLES)})[- ]|(?i:{'|'.join(_HYPHENED_PARTICLES)})-)"
                           + _NAME_AFTER)
_GLUE = frozenset("0123456789_@#/-\\&")  # & also: `caf&#233;` is one word, written as an entity


_LETTER = re.compile(r"[^\W\d_]")
_APOSTROPHES = "'’"


class WordAt(NamedTuple):
    word: str
    start: int
    end: int


def case_pattern(word: str) -> str:
    """``lower``, ``title``, ``upper`` or ``mixed``: corpus corrections keep a word's pattern."""
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper"
    if word[:1].isupper() and (word[1:].islower() or not word[1:]):
        return "title"
    return "mixed"


_ACRONYM_SUFFIX = re.compile(r"(?:['’]?s)$")


def is_acronym(word: str) -> bool:
    """ALL CAPS, alone or with a plural or possessive suffix (``IEDs``, ``MEPs``, ``DVD's``): an
    abbreviation, which no spelling rule can judge."""
    core = _ACRONYM_SUFFIX.sub("", word) if len(word) > 2 else word
    return len(core) > 1 and core.isupper()


def transfer_case(source: str, target: str) -> str:
    """Give ``target`` the casing pattern of ``source``: lower, Title or UPPER (else ``target`` as is)."""
    if source.isupper() and len(source) > 1:
        return target.upper()
    if source[:1].isupper() and source[1:].islower():
        return target[:1].upper() + target[1:]
    return target


# Broken apostrophes and quotes: a C1 control left by cp1252 (`didn\x92t`), or the lead of a UTF-8 sequence
# read as cp1252 or Latin-1 (`didnâ€™t`, `yearâ\x80\x99s`), which WORD may have taken as the word's last letter.
_C1 = re.compile(r"[\x80-\x9f]")
_MOJIBAKE_LEAD = re.compile(r"[âÃÂ][\x80-\x9f€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")


def touches_broken_encoding(text: str, start: int, end: int) -> bool:
    """True when the word at ``text[start:end]`` is glued to a broken apostrophe or quote: a contraction or a
    possessive for the encoding rules to repair (`didn\x92t` is `didn’t`), never a spelling candidate."""
    if _C1.match(text, end) or (start and _C1.match(text, start - 1)):
        return True
    return bool(_MOJIBAKE_LEAD.match(text, end) or (end - start > 1 and _MOJIBAKE_LEAD.match(text, end - 1)))


def is_glued(text: str, start: int, end: int) -> bool:
    """True when the word at ``text[start:end]`` is part of a larger token that spelling rules must not touch:
    a handle or hashtag, a path or URL, a compound (``U.S.-backed``, ``retail/grocery``), a word with digits,
    a word glued to a broken apostrophe (``didn\x92t``)."""
    if touches_broken_encoding(text, start, end):
        return True
    before, after = text[start - 1:start], text[end:end + 1]
    if before and (before in _GLUE or before == "."):
        return True
    if after == ".":  # a full stop ends a sentence, unless a word follows at once (a domain, a file name)
        return text[end + 1:end + 2].isalnum()
    if after and after in _GLUE:
        return True
    return in_url_or_email(text, start, end)


def in_url_or_email(text: str, start: int, end: int, reach: int = 256) -> bool:
    """True when the word lies inside a URL or e-mail address (the run of non-space characters around it,
    looked for within ``reach`` characters: addresses are short, documents are not)."""
    window_start = max(0, start - reach)
    left = text[window_start:start]
    right = text[end:end + reach]
    run = left.split()[-1] if left and not left[-1].isspace() else ""
    run += text[start:end] + (right.split()[0] if right and not right[0].isspace() else "")
    return "://" in run or "@" in run or run.lower().startswith("www.")


_OPENERS = "\"'“‘(["


def is_sentence_start(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence (or a line): a capital there says nothing about
    whether the word is a name."""
    pos = start
    while pos and text[pos - 1] in _OPENERS:
        pos -= 1
    while pos and text[pos - 1] in " \t":
        pos -= 1
    return pos == 0 or text[pos - 1] in ".!?:\r\n" or text[pos - 1] in _OPENERS


def find_words(text: str, words: Iterable[str]) -> list[WordAt]:
    """Whole-token occurrences of any of ``words`` (case-sensitive), in text order, found by ``str.find``
    (C speed; each hit checked for token edges as WORD draws them). Lexical rules find single words
    through per-form tables (:mod:`corpusclean.text.form_table`); this finds the few phrases no token
    holds (`Al Nuri`)."""
    return _find_each(text, set(words))


def _find_each(text: str, wanted: set[str]) -> list[WordAt]:
    found = []
    for word in wanted:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if _token_edges(text, at, end):
                found.append(WordAt(word, at, end))
            at = text.find(word, at + 1)
    return sorted(found, key=lambda w: w.start)


def _token_edges(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a whole WORD token: no letter (nor letter + apostrophe) before it,
    no letter (nor apostrophe + letter) after it."""
    if start and (_LETTER.match(text, start - 1)
                  or (text[start - 1] in _APOSTROPHES and start > 1 and _LETTER.match(text, start - 2))):
        return False
    if end < len(text) and (_LETTER.match(text, end)
                            or (text[end] in _APOSTROPHES and _LETTER.match(text, end + 1))):
        return False
    return True


_NEIGHBOUR_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+\Z")  # \Z: `$` also matches before a final line break
_NEIGHBOUR_AFTER = re.compile(r"[ \t]+([^\W\d_]+)")


def neighbours(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The words (lowercase) right before and after ``text[start:end]``, when only spaces separate them:
    punctuation breaks context."""
    before = _NEIGHBOUR_BEFORE.search(text, max(0, start - 40), start)
    after = _NEIGHBOUR_AFTER.match(text, end, end + 40)
    return (before.group(1).lower() if before else None), (after.group(1).lower() if after else None)
