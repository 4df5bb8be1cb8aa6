"""Edit one string value of a JSON object row in place, leaving every other byte as it was.

Re-serializing a row changes what the user never asked to change: ``1e400`` becomes ``Infinity`` (not JSON),
``1E5`` becomes ``100000.0``, long floats are rounded, duplicate keys collapse. So the writer finds the
byte span of the text value and replaces only that.
"""
from __future__ import annotations

import bisect

import json
from json.decoder import scanstring

_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


def _skip_space(line: str, at: int) -> int:
    while at < len(line) and line[at] in _SPACE:
        at += 1
    return at


def value_span(line: str, key: str) -> tuple[int, int]:
    """The span of ``key``'s value in the top-level object ``line``; the last one when the key repeats,
    as ``json.loads`` keeps the last."""
    at = _skip_space(line, 0)
    if line[at:at + 1] != "{":
        raise ValueError("not a JSON object")
    at, span = _skip_space(line, at + 1), None
    while line[at:at + 1] == '"':
        name, at = scanstring(line, at + 1)
        at = _skip_space(line, at)
        if line[at:at + 1] != ":":
            raise ValueError(f"expected ':' at {at}")
        start = _skip_space(line, at + 1)
        _, end = _DECODER.raw_decode(line, start)
        if name == key:
            span = (start, end)
        at = _skip_space(line, end)
        if line[at:at + 1] == ",":
            at = _skip_space(line, at + 1)
    if span is None:
        raise ValueError(f"no key {key!r}")
    return span


def replace_value(line: str, key: str, text: str) -> str:
    """``line`` with ``key``'s string value replaced by ``text``, written in the style of the old value:
    ``\\uXXXX`` escapes for non-ASCII when the old value used them, the characters themselves otherwise.

    >>> replace_value('{"n": 1E5, "text": "teh caf\\\\u00e9", "x": 1e400}\\n', "text", "the café")
    '{"n": 1E5, "text": "the caf\\\\u00e9", "x": 1e400}\\n'
    """
    start, end = value_span(line, key)
    old = line[start:end]
    escaped = "\\u" in old and old.isascii()
    return line[:start] + json.dumps(text, ensure_ascii=escaped) + line[end:]



class ValueOffsets:
    """Where each character of ``key``'s string value sits in ``line``: ``offsets[i]`` is the offset in the
    row of the text's character i (``offsets[len(text)]`` the closing quote), so a finding's position can
    be given as the row's line and column, as editors and GitHub annotations count them. Computed from
    the value's escapes alone (found by ``str.find``): a 20 kB value with a hundred line breaks is a
    hundred entries, not twenty thousand.

    >>> offsets = ValueOffsets('{"text": "a\\\\u00e9\\\\nb"}', "text")
    >>> [offsets[i] for i in range(5)]
    [10, 11, 17, 19, 20]
    """

    def __init__(self, line: str, key: str) -> None:
        start, end = value_span(line, key)
        self._first, self._escaped, self._at, self._after = start + 1, [], [], []
        at, index, last = start + 1, 0, end - 1  # inside the quotes
        while (escape := line.find("\\", at, last)) >= 0:
            index += escape - at  # the plain characters before it
            if line[escape + 1] != "u":
                width = 2  # \n, \", \\ ...
            else:
                width = 12 if _surrogate_pair(line, escape) else 6  # a surrogate pair is one character
            self._escaped.append(index)
            self._at.append(escape)
            self._after.append(escape + width)
            index, at = index + 1, escape + width

    def __getitem__(self, index: int) -> int:
        k = bisect.bisect_right(self._escaped, index) - 1  # the last escape at or before the character
        if k < 0:
            return self._first + index
        if self._escaped[k] == index:
            return self._at[k]
        return self._after[k] + index - self._escaped[k] - 1


def _surrogate_pair(line: str, escape: int) -> bool:
    """Whether the ``\\uXXXX`` at ``escape`` is a high surrogate that a low one follows, as JSON decoders
    join them (a high surrogate alone stays one character)."""
    if not 0xD800 <= int(line[escape + 2:escape + 6], 16) < 0xDC00 or line[escape + 6:escape + 8] != "\\u":
        return False
    low = line[escape + 8:escape + 12]
    return len(low) == 4 and all(c in "0123456789abcdefABCDEF" for c in low) and 0xDC00 <= int(low, 16) < 0xE000
