"""Inline suppressions: comments in a document that turn rules off where a writer knows better.

    <!-- corpusclean: off -->   ...   <!-- corpusclean: on -->     Markdown, HTML
    <!-- corpusclean: ignore SP02, CN -->                          the next block (up to a blank line)
    .. corpusclean: off   /   .. corpusclean: ignore SP02          reStructuredText comments
    # corpusclean: off    /   // corpusclean: ignore               plain text, a line of its own

`ignore` without codes ignores every rule; codes may be prefixes (`SP`). `off` without `on` lasts to the
end of the document. The marker line itself is covered too, so no rule deletes it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

MARKER = "corpusclean:"
_DIRECTIVE = re.compile(
    r"^[ \t]*(?:<!--|\.\.|#|//|%)?[ \t]*corpusclean:[ \t]*(?P<verb>off|on|ignore)"
    r"(?P<codes>(?:[ \t,]+[A-Z]{2}\d{0,2})*)[ \t]*(?:-->)?[ \t]*\r?$", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


@dataclass(frozen=True, slots=True)
class Suppression:
    start: int
    end: int
    codes: frozenset[str] | None  # None: every rule

    def covers(self, code: str, position: int) -> bool:
        return self.start <= position < self.end and (self.codes is None or any(map(code.startswith, self.codes)))


def suppressions(text: str, is_example: Callable[[int], bool] = lambda at: False) -> tuple[Suppression, ...]:
    """The suppressed ranges of ``text``, in order. ``is_example(position)`` tells a marker that is only
    shown (inside a code block or inline code) from one that acts."""
    if MARKER not in text:  # the common case costs one substring search
        return ()
    found: list[Suppression] = []
    off_since: int | None = None
    for match in _DIRECTIVE.finditer(text):
        if is_example(text.index(MARKER, match.start())):
            continue
        verb = match.group("verb")
        codes = frozenset(re.findall(r"[A-Z]{2}\d{0,2}", match.group("codes"))) or None
        if verb == "off" and off_since is None:
            off_since = match.start()
        elif verb == "on" and off_since is not None:
            found.append(Suppression(off_since, match.end(), None))
            off_since = None
        elif verb == "ignore":
            found.append(Suppression(match.start(), _block_end(text, match.end()), codes))
    if off_since is not None:
        found.append(Suppression(off_since, len(text), None))
    return tuple(found)


def _block_end(text: str, after: int) -> int:
    """The end of the block that follows a marker: the first blank line after some content."""
    content = re.compile(r"\S").search(text, after)
    if content is None:
        return len(text)
    blank = _BLANK_LINE.search(text, content.start())
    return blank.start() + 1 if blank else len(text)
