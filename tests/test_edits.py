from __future__ import annotations

import random

import pytest

from corpusclean.core.edits import OriginalOffsets, Shifts, apply_edits, changed_lines, compose, replay
from corpusclean.core.findings import AppliedEdit, Edit, Span


def test_apply_edits_deletes_inserts_and_replaces_in_any_order():
    edits = [Edit(Span(6, 11), "there"), Edit(Span(0, 0), ">> "), Edit(Span(11, 12), "")]
    assert apply_edits("hello world!", edits) == ">> hello there"


def test_apply_edits_rejects_overlaps():
    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(Span(0, 3), "x"), Edit(Span(2, 4), "y")])


def _random_round(rng: random.Random, text: str) -> list[Edit]:
    cuts = sorted(rng.sample(range(len(text) + 1), k=min(len(text) + 1, rng.randint(0, 6))))
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        edits.append(Edit(Span(start, end), rng.choice(["", "X", "yz", "\n"])))
    return edits


@pytest.mark.parametrize("seed", range(300))
def test_composed_log_replays_every_round(seed):
    rng = random.Random(seed)
    original = "".join(rng.choice("ab \n") for _ in range(rng.randint(0, 30)))
    text, log = original, []
    for _ in range(rng.randint(1, 4)):
        edits = _random_round(rng, text)
        log = compose(log, text, [(e, ("T00",)) for e in edits])
        text = apply_edits(text, edits)
        assert replay(original, log) == text
        starts = [e.span.start for e in log]
        assert starts == sorted(starts)
        assert all(a.span.end <= b.span.start for a, b in zip(log, log[1:]))


def test_original_offsets_map_positions_around_and_inside_edits():
    original = "Updated\n\nBody text."
    log = [AppliedEdit(Span(0, 9), "", ("AR01",))]
    # "Body" sits at 0 in the cleaned text and at 9 in the original.
    assert OriginalOffsets(log).span(Span(0, 4)) == Span(9, 13)
    grown = [AppliedEdit(Span(2, 3), "XYZ", ("T",))]  # "abcdef" -> "abXYZdef"
    assert OriginalOffsets(grown).span(Span(3, 4)) == Span(2, 3)  # inside the replacement: the edit's span
    assert OriginalOffsets(grown).span(Span(5, 6)) == Span(3, 4)  # after it: shifted back
    assert OriginalOffsets(grown).span(Span(0, 2)) == Span(0, 2)


def test_changed_lines_are_whole_lines_with_their_breaks_merged():
    before = "one\r\ntwo teh\nthree\nfour\n"
    edits = [Edit(Span(9, 12), "the"), Edit(Span(13, 19), "")]  # fix a word, delete the line "three\n"
    after = apply_edits(before, edits)
    assert after == "one\r\ntwo the\nfour\n"
    assert changed_lines(after, edits) == [Span(5, 18)]  # "two the\n" and the line the deletion joined
    assert changed_lines("a\nb", [Edit(Span(2, 3), "c")]) == [Span(2, 3)]  # last line without a break


def test_shifts_move_untouched_ranges_and_refuse_touched_ones():
    edits = [Edit(Span(2, 4), "xyz"), Edit(Span(10, 10), "++")]  # +1 at 2..4, an insertion at 10
    shifts = Shifts(edits, windows=[Span(0, 6)])
    assert shifts.shift(0, 2) == 0
    assert shifts.shift(4, 6) == 1
    assert shifts.shift(3, 5) is None  # the edit is inside
    assert shifts.shift(10, 12) is None  # an insertion at the start is inside
    assert shifts.shift(8, 10) == 1  # ... and one at the end is after
    assert shifts.shift(12, 14) == 3
    assert shifts.in_window(5, 7) and not shifts.in_window(6, 9)  # the next line is not the window
