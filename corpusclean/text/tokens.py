"""Word tokens with offsets.

A word is a run of letters, with inner apostrophes (``don't``, ``O’Brien``). Digits, underscores and
punctuation split words; rules decide themselves whether a word's neighbours (``-``, ``/``, ``@``, digits)
make it part of something they must not touch.
"""
from __future__ import annotations

import re
from typing import Iterator

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_GLUE = frozenset("0123456789_@#/-\\")


def iter_words(text: str) -> Iterator[re.Match[str]]:
    return WORD.finditer(text)


def transfer_case(source: str, target: str) -> str:
    """Give ``target`` the casing pattern of ``source``: lower, Title or UPPER (else ``target`` as is)."""
    if source.isupper() and len(source) > 1:
        return target.upper()
    if source[:1].isupper() and source[1:].islower():
        return target[:1].upper() + target[1:]
    return target


def is_glued(text: str, start: int, end: int) -> bool:
    """True when the word at ``text[start:end]`` is part of a larger token that spelling rules must not touch:
    a handle or hashtag, a path or URL, a compound (``U.S.-backed``, ``retail/grocery``), a word with digits."""
    before, after = text[start - 1:start], text[end:end + 1]
    if before and (before in _GLUE or before == "."):
        return True
    if after == ".":  # a full stop ends a sentence, unless a word follows at once (a domain, a file name)
        return text[end + 1:end + 2].isalnum()
    if after and after in _GLUE:
        return True
    return in_url_or_email(text, start, end)


def in_url_or_email(text: str, start: int, end: int) -> bool:
    """True when the word lies inside a URL or e-mail address (the run of non-space characters around it)."""
    left = max(text.rfind(c, 0, start) for c in " \t\r\n") + 1
    right = min((i for i in (text.find(c, end) for c in " \t\r\n") if i >= 0), default=len(text))
    run = text[left:right]
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
