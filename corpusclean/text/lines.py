"""Lines with their offsets, and line/column positions, for rules that work line by line."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Iterable

_LINE = re.compile(r"([^\r\n]*)(\r\n|\n|\r|\Z)")


@dataclass(frozen=True, slots=True)
class Line:
    """One line: ``start``..``end`` is its content, ``next`` the offset after its line break."""

    start: int
    end: int
    next: int
    text: str

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


class LineIndex:
    """Maps a character offset to a 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


_BREAK_KEPT = re.compile(r"(\r\n|\n|\r)")


def line_starts(text: str) -> list[int]:
    """The offset where each line starts (lines numbered as :func:`iter_lines` yields them), summed in C."""
    return list(accumulate(map(len, _BREAK_KEPT.split(text)), initial=0))[::2]


def line_at(text: str, offset: int) -> Line:
    """The line containing ``offset``."""
    search_end = offset
    if 0 < offset < len(text) and text[offset] == "\n" and text[offset - 1] == "\r":
        search_end = offset - 1  # the \n of a \r\n belongs to the line the \r ends
    start = max(text.rfind("\n", 0, search_end), text.rfind("\r", 0, search_end)) + 1
    match = _LINE.match(text, start)
    return Line(match.start(1), match.end(1), match.end(), match.group(1))


def iter_lines(text: str) -> Iterable[Line]:
    """Every line of ``text`` in order (a final line without a break included, an empty tail not)."""
    for match in _LINE.finditer(text):
        if match.start() == len(text):
            return
        yield Line(match.start(1), match.end(1), match.end(), match.group(1))


def next_nonblank(text: str, pos: int) -> Line | None:
    """The first non-blank line starting at or after ``pos`` (a line start)."""
    while pos < len(text):
        line = line_at(text, pos)
        if not line.is_blank:
            return line
        pos = line.next
    return None


def prev_nonblank(text: str, pos: int) -> Line | None:
    """The last non-blank line ending before ``pos`` (a line start)."""
    while pos > 0:
        probe = _break_start(text, pos) if text[pos - 1] in "\r\n" else pos - 1
        line = line_at(text, probe)
        if not line.is_blank:
            return line
        pos = line.start
    return None


def _break_start(text: str, pos: int) -> int:
    """Offset of the line content before the line break that ends at ``pos``."""
    if text[pos - 1] == "\n" and pos >= 2 and text[pos - 2] == "\r":
        return pos - 2
    return pos - 1


def edge_region(text: str, zone: str, lines: int) -> tuple[int, int]:
    """Offsets covering the first (``top``) or last (``bottom``) ``lines`` non-blank lines, or all (``any``):
    found by the core, where the pattern packs use it."""
    from corpusclean import _core
    from corpusclean.core.analysis import encodable

    return _core.edge_zone(encodable(text), zone, max(0, lines))


def deletion_span(text: str, line: Line) -> tuple[int, int]:
    """What to delete to remove ``line`` without leaving a gap: the line and the blank lines after it, or,
    for the last non-blank line, the blank lines before it (so a missing final newline stays missing)."""
    after = next_nonblank(text, line.next)
    if after is not None:
        return line.start, after.start
    before = prev_nonblank(text, line.start)
    if before is not None:
        return before.end, line.end
    return 0, len(text)



_SENTENCE_END = re.compile(r"""[.!?:;…]["'”’)\]]*\s*$""")


def wrapped_fragment(text: str, line: Line, lines: list[Line] | None = None, index: int = -1) -> bool:
    """Whether ``line`` is part of a hard-wrapped paragraph rather than a line of its own: it carries on
    a line of six words or more just above it that ends no sentence (`...make it\nprotection.`), or it
    ends no sentence and a line starting in lower case carries it on just below it (`Click here to
    make the single best and\nmost useful...`). ``lines`` (every line, as :func:`iter_lines` gives
    them) and the line's ``index`` among them spare looking its neighbours up."""
    if lines is not None:
        above = lines[index - 1] if index > 0 else None
        below = lines[index + 1] if index + 1 < len(lines) else None
    else:
        above = line_at(text, line.start - 1) if line.start > 0 else None
        below = line_at(text, line.next) if line.next < len(text) else None
    starts_lower = line.text.lstrip()[:1].islower()
    if above is not None and not above.is_blank and starts_lower and len(above.text.split()) >= 6 \
            and not _SENTENCE_END.search(above.text):
        return True
    return (below is not None and not below.is_blank and below.text.lstrip()[:1].islower()
            and len(line.text.split()) >= 6 and not _SENTENCE_END.search(line.text))
