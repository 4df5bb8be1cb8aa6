"""EN02 html-entity and EN03 invisible-character beyond their examples: where a fix turns unsafe."""
from __future__ import annotations

from corpusclean.core.config import Settings
from corpusclean.core.findings import Safety
from corpusclean.run.plan import build_plan
from tests.helpers import run_rules


def rules(code):
    return build_plan(Settings(select=(code,)), apply=True).rules


def test_entities_in_a_document_with_markup_are_left_to_a_reviewer():
    [result] = run_rules(["<p>Use &amp;amp; to write &amp; in HTML.</p>\n"], rules("EN02"), unsafe=False)
    assert result.cleaned == "<p>Use &amp;amp; to write &amp; in HTML.</p>\n"
    assert {f.fix.safety for f in result.findings} == {Safety.UNSAFE}


def test_entities_for_control_characters_are_deleted_as_en03_would_delete_the_character():
    [result] = run_rules(["A bell &#7; rang.\n"], rules("EN02"))
    assert result.cleaned == "A bell  rang.\n" and "U+0007" in result.findings[0].message
    [kept] = run_rules(["A line &#10; and &#xFFFE; stay.\n"], rules("EN02"))  # a line feed; a non-character
    assert kept.findings == ()
    [windows] = run_rules(["It&#146;s a test &#150; really.\n"], rules("EN02"))  # HTML reads 128-159 as cp1252
    assert windows.cleaned == "It’s a test – really.\n"


def test_bidi_controls_are_unsafe_to_delete_beside_right_to_left_text():
    text = "The sign read \u202bשלום\u202c today.\n"
    [result] = run_rules([text], rules("EN03"), unsafe=False)
    assert result.cleaned == text and len(result.findings) == 2
    [plain] = run_rules(["An \u202eoverride here.\n"], rules("EN03"), unsafe=False)
    assert plain.cleaned == "An override here.\n"


def test_a_leading_byte_order_mark_is_not_an_invisible_character_in_the_text():
    [result] = run_rules(["\ufeffTitle\nBody\ufeff text.\n"], rules("EN03"))
    assert result.cleaned == "\ufeffTitle\nBody text.\n"
