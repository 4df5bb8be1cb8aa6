"""Edit one string value of a JSON object row in place, leaving every other byte as it was.

Re-serializing a row changes what the user never asked to change: ``1e400`` becomes ``Infinity`` (not JSON),
``1E5`` becomes ``100000.0``, long floats are rounded, duplicate keys collapse. So the writer finds the
byte span of the text value and replaces only that.
"""
from __future__ import annotations

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



def value_offsets(line: str, key: str) -> list[int]:
    """Where each character of ``key``'s string value sits in ``line``: entry i is the offset in the row
    of the text's character i (one more entry for the end), so a finding's position can be given as the
    row's line and column, as editors and GitHub annotations count them.

    >>> value_offsets('{"text": "a\\\\u00e9\\\\nb"}', "text")
    [10, 11, 17, 19, 20]
    """
    start, end = value_span(line, key)
    offsets, at, last = [], start + 1, end - 1  # inside the quotes
    while at < last:
        offsets.append(at)
        if line[at] != "\\":
            at += 1
            continue
        if line[at + 1] != "u":
            at += 2  # \n, \", \\ ...
            continue
        high = 0xD800 <= int(line[at + 2:at + 6], 16) < 0xDC00
        at += 12 if high and line[at + 6:at + 8] == "\\u" else 6  # a surrogate pair is one character
    return offsets + [at]
