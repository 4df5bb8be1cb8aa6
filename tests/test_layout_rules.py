"""WS03-WS05 beyond their examples: line-break styles, edges and what is left to other rules."""
from __future__ import annotations

from corpusclean.core.config import Settings
from corpusclean.run.plan import build_plan
from tests.helpers import run_rules


def clean(text, code):
    [result] = run_rules([text], build_plan(Settings(select=(code,)), apply=True).rules, unsafe=False)
    return result.cleaned


def test_a_word_broken_across_windows_line_breaks_is_joined_and_the_break_kept():
    assert clean("The govern-\r\nment met.\r\n", "WS04") == "The government\r\nmet.\r\n"


def test_names_and_unknown_joins_are_not_joined():
    assert clean("Jean-\nPaul came; the xyz-\nabc ran.\n", "WS04") == "Jean-\nPaul came; the xyz-\nabc ran.\n"


def test_odd_spaces_before_a_line_break_are_left_to_trailing_whitespace():
    assert clean("End\u00a0\nNext\u00a0word\n", "WS03") == "End\u00a0\nNext word\n"


def test_edge_blank_lines_keep_a_missing_final_line_break_missing():
    assert clean("\n \nText\n\n", "WS05") == "Text\n"
    assert clean("Text", "WS05") == "Text"
    assert clean("Text\r\n\r\n\r\n", "WS05") == "Text\r\n"
