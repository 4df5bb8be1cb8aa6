"""Applying edits to a text, and composing rounds of edits into one log in original offsets.

The fixer changes a document in rounds; each round's edits are located in that round's text. To report
every change against the text as read (and to replay it), the rounds are composed into one sorted list of
non-overlapping edits on the original text. Edits that touch or overlap an earlier round's edit merge with
it, so the log stays exact: replaying it on the original gives the cleaned text.
"""
from __future__ import annotations

import bisect
from typing import Iterable, Sequence

from corpusclean.core.findings import AppliedEdit, Edit, Span


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (any order) to ``text``."""
    pieces: list[str] = []
    cursor = len(text)
    # Right to left, so each edit's offsets are still valid when it is applied.
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end), reverse=True):
        if edit.span.end > cursor:
            raise ValueError(f"overlapping edits at {edit.span}")
        pieces.append(text[edit.span.end:cursor])
        pieces.append(edit.replacement)
        cursor = edit.span.start
    pieces.append(text[:cursor])
    return "".join(reversed(pieces))


def replay(original: str, log: Sequence[AppliedEdit]) -> str:
    """Reproduce the cleaned text from the original and the log of applied edits."""
    return apply_edits(original, (Edit(a.span, a.replacement) for a in log))


def _delta(edit: AppliedEdit) -> int:
    return len(edit.replacement) - (edit.span.end - edit.span.start)


def compose(log: Sequence[AppliedEdit], text: str, new: Sequence[tuple[Edit, tuple[str, ...]]]) -> list[AppliedEdit]:
    """Fold edits made on ``text`` (the result of ``log``) into ``log``, in original offsets.

    ``new`` pairs each edit with the codes of the findings it fixes.
    """
    items: list[tuple[int, int, int, object]] = []
    shift = 0
    for old in log:
        start = old.span.start + shift
        items.append((start, start + len(old.replacement), 0, old))
        shift += _delta(old)
    for edit, codes in new:
        items.append((edit.span.start, edit.span.end, 1, (edit, codes)))
    items.sort(key=lambda item: (item[0], item[1], item[2]))

    clusters: list[list] = []  # [start, end, members]
    for item in items:
        if clusters and item[0] <= clusters[-1][1]:
            clusters[-1][1] = max(clusters[-1][1], item[1])
            clusters[-1][2].append(item)
        else:
            clusters.append([item[0], item[1], [item]])

    result: list[AppliedEdit] = []
    shift = 0  # total length change of old edits left of the cursor
    for start, end, members in clusters:
        olds = [m[3] for m in members if m[2] == 0]
        news = [m[3] for m in members if m[2] == 1]
        cluster_shift = sum(_delta(old) for old in olds)
        if not news:
            result.extend(olds)
        else:
            local = [Edit(Span(e.span.start - start, e.span.end - start), e.replacement) for e, _ in news]
            codes = sorted({c for old in olds for c in old.codes} | {c for _, cs in news for c in cs})
            result.append(AppliedEdit(
                Span(start - shift, end - shift - cluster_shift),
                apply_edits(text[start:end], local),
                tuple(codes),
            ))
        shift += cluster_shift
    return result


class OriginalOffsets:
    """Maps spans of the text produced by ``log`` back to the original text, by binary search.

    A position inside replaced text maps to the edge of the edit that produced it.
    """

    def __init__(self, log: Sequence[AppliedEdit]) -> None:
        self.log = list(log)
        self.out_starts: list[int] = []
        self.out_ends: list[int] = []
        self.shifts: list[int] = []  # total length change of the edits before each one
        shift = 0
        for edit in self.log:
            self.out_starts.append(edit.span.start + shift)
            self.out_ends.append(edit.span.start + shift + len(edit.replacement))
            self.shifts.append(shift)
            shift += _delta(edit)
        self.total = shift

    def position(self, pos: int, is_end: bool) -> int:
        # The last edit whose output starts before pos (at or before it, for a start position).
        i = (bisect.bisect_left if is_end else bisect.bisect_right)(self.out_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self.out_ends[i]:
            return self.log[i].span.end if is_end else self.log[i].span.start
        return pos - self.shifts[i] - _delta(self.log[i])

    def span(self, span: Span) -> Span:
        start = self.position(span.start, False)
        return Span(start, max(start, self.position(span.end, True)))



WINDOW_GAP = 2_000  # characters of unchanged lines worth checking again to save a window's fixed cost


def changed_lines(text: str, edits: Sequence[Edit]) -> list[Span]:
    """The whole lines (with their line breaks) of ``text`` that ``edits`` (non-overlapping, in offsets of
    the text before them) wrote into, merged: what a line-local rule must look at again. Windows less
    than WINDOW_GAP characters apart are merged too: checking a window costs every line rule a call,
    and a novel with a fix every few lines would otherwise be hundreds of windows."""
    windows: list[Span] = []
    shift = 0
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        start = edit.span.start + shift
        end = start + len(edit.replacement)
        shift += len(edit.replacement) - (edit.span.end - edit.span.start)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end + 1
        if windows and line_start <= windows[-1].end + WINDOW_GAP:
            windows[-1] = Span(windows[-1].start, max(windows[-1].end, line_end))
        else:
            windows.append(Span(line_start, line_end))
    return windows


class Shifts:
    """Where text outside ``edits`` (non-overlapping, in offsets of the text before them) moved to, and
    whether a range of the new text meets one of ``windows``: bisection, since a long document can
    have thousands of fixes and findings."""

    def __init__(self, edits: Sequence[Edit], windows: Sequence[Span] = ()) -> None:
        ordered = sorted(edits, key=lambda e: (e.span.start, e.span.end))
        self.starts = [e.span.start for e in ordered]
        self.ends = [e.span.end for e in ordered]
        self.before: list[int] = [0]  # total length change of the first i edits
        for edit in ordered:
            self.before.append(self.before[-1] + len(edit.replacement) - (edit.span.end - edit.span.start))
        self.window_starts = [w.start for w in windows]
        self.window_ends = [w.end for w in windows]

    def shift(self, start: int, end: int) -> int | None:
        """How far ``[start, end)`` moved, or None when an edit lies inside it or touches it (an edit
        ending at ``start`` is before it only if it also starts before it: an insertion there is inside)."""
        i = bisect.bisect_left(self.ends, start)  # edits ending before start come first ...
        while i < len(self.starts) and self.ends[i] == start and self.starts[i] < start:
            i += 1  # ... and so do those ending at start but starting before it
        if i < len(self.starts) and self.starts[i] < max(end, start + 1):
            return None
        return self.before[i]

    def in_window(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` shares a character with a window (an empty range: its point lies in one)."""
        i = bisect.bisect_left(self.window_starts, max(end, start + 1)) - 1
        return i >= 0 and self.window_ends[i] > start
