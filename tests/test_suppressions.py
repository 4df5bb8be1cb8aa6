"""Inline suppressions: `ignore` covers the next block and only its codes (or prefixes), `off`/`on` a range,
`off` alone the rest; the comment syntax of each format; every drop counted as "by comment"."""
from __future__ import annotations

import dataclasses

from corpusclean.core.config import Settings
from corpusclean.core.document import Document
from corpusclean.core.findings import DocResult
from corpusclean.core.suppressions import suppressions
from corpusclean.run.plan import build_plan
from corpusclean.run.stages import collect, finalize, process


def run(text: str, doc_id: str = "doc.md", settings: Settings = Settings()) -> DocResult:
    plan = build_plan(dataclasses.replace(settings, unsafe_fixes=True), apply=True)
    doc = Document(doc_id, text)
    stats = finalize(collect([doc], plan)) if plan.needs else {}
    return process(doc, plan, stats)


def by_comment(result: DocResult) -> dict[str, int]:
    return {detail: n for reason, detail, n in result.suppressed if reason == "by comment"}


def test_ignore_covers_only_the_next_block_and_only_its_code():
    text = ("We saw teh start. \n\n<!-- corpusclean: ignore WS01 -->\nWe saw teh middle. \nIt goes on. \n\n"
            "We saw teh end. \n")
    result = run(text)
    assert result.cleaned == ("We saw the start.\n\n<!-- corpusclean: ignore WS01 -->\nWe saw the middle. \n"
                              "It goes on. \n\nWe saw the end.\n")
    assert by_comment(result) == {"WS01": 2}


def test_ignore_takes_several_codes_and_prefixes():
    text = "<!-- corpusclean: ignore WS01, SP -->\nWe saw teh middle and recieve it. \n\nWe saw teh end. \n"
    result = run(text)
    assert result.cleaned == ("<!-- corpusclean: ignore WS01, SP -->\nWe saw teh middle and recieve it. \n\n"
                              "We saw the end.\n")
    counts = by_comment(result)
    assert counts["SP01"] == 2 and counts["WS01"] == 1 and set(counts) <= {"SP01", "SP02", "SP03", "WS01"}


def test_ignoring_one_rule_leaves_the_others_of_its_family():
    # `teh` is SP01's; with SP01 ignored, SP02 still judges the word (codes are rules, not words)
    text = "<!-- corpusclean: ignore SP01 -->\nWe saw teh middle.\n"
    result = run(text)
    assert by_comment(result)["SP01"] == 1
    assert [(f.code, f.matched) for f in result.findings] == [("SP02", "teh")]


def test_ignore_without_codes_ignores_every_rule():
    text = "<!-- corpusclean: ignore -->\nWe saw teh middle. \n\nWe saw teh end. \n"
    assert run(text).cleaned == "<!-- corpusclean: ignore -->\nWe saw teh middle. \n\nWe saw the end.\n"


def test_off_and_on_bound_a_range():
    text = ("We saw teh start.\n\n<!-- corpusclean: off -->\n\nWe saw teh middle. \n\nAnd teh rest.\n\n"
            "<!-- corpusclean: on -->\n\nWe saw teh end.\n")
    result = run(text)
    assert result.cleaned == text.replace("saw teh start", "saw the start").replace("saw teh end", "saw the end")
    counts = by_comment(result)
    assert counts["SP01"] == 2 and counts["WS01"] == 1


def test_off_without_on_lasts_to_the_end():
    text = "We saw teh start.\n\n<!-- corpusclean: off -->\n\nWe saw teh middle.\n\n\n\nWe saw teh end. \n"
    result = run(text)
    assert result.cleaned == text.replace("saw teh start", "saw the start")
    assert by_comment(result)["SP01"] == 2


def test_restructured_text_comments():
    text = "We saw teh start.\n\n.. corpusclean: off\n\nWe saw teh middle.\n\n.. corpusclean: on\n\nWe saw teh end.\n"
    assert run(text, "doc.rst").cleaned == text.replace("saw teh start", "saw the start").replace(
        "saw teh end", "saw the end")
    text = "We saw teh start.\n\n.. corpusclean: ignore SP\n\nWe saw teh middle.\n\nWe saw teh end.\n"
    # `ignore` covers the block after it: the marker's own paragraph ends at the first blank line after text
    result = run(text, "doc.rst")
    assert result.cleaned.count("teh") == 1 and "We saw teh middle." in result.cleaned


def test_plain_text_markers():
    text = "We saw teh start.\n# corpusclean: off\nWe saw teh middle.\n// corpusclean: on\nWe saw teh end.\n"
    assert run(text, "notes.txt").cleaned == text.replace("saw teh start", "saw the start").replace(
        "saw teh end", "saw the end")
    text = "corpusclean: ignore SP\nWe saw teh middle.\n\nWe saw teh end.\n"
    assert run(text, "notes.txt").cleaned == text.replace("saw teh end", "saw the end")


def test_a_marker_must_stand_on_a_line_of_its_own():
    text = "We saw teh start, says corpusclean: off\n\nWe saw teh end.\n"
    assert run(text, "notes.txt").cleaned == "We saw the start, says corpusclean: off\n\nWe saw the end.\n"


def test_markers_with_crlf_line_breaks():
    text = "<!-- corpusclean: ignore SP -->\r\nWe saw teh middle.\r\n\r\nWe saw teh end.\r\n"
    assert run(text).cleaned == "<!-- corpusclean: ignore SP -->\r\nWe saw teh middle.\r\n\r\nWe saw the end.\r\n"


def test_suppression_ranges():
    text = "a\n<!-- corpusclean: ignore SP02, CN -->\nb\nc\n\nd\n<!-- corpusclean: off -->\ne\n"
    ignore, off = suppressions(text)
    assert text[ignore.start:ignore.end] == "<!-- corpusclean: ignore SP02, CN -->\nb\nc\n"
    assert ignore.codes == frozenset({"SP02", "CN"})
    assert ignore.covers("CN01", text.index("b")) and not ignore.covers("SP01", text.index("b"))
    assert not ignore.covers("SP02", text.index("d"))
    assert off.codes is None and text[off.start:off.end] == "<!-- corpusclean: off -->\ne\n"
    assert suppressions("no markers here\n") == ()


def test_a_marker_shown_inside_a_code_block_is_not_a_marker():
    # documentation that shows the syntax in an example must not switch checking off for the rest of the page
    text = "How to pause checks:\n\n```markdown\n<!-- corpusclean: off -->\n```\n\nWe saw teh end.\n"
    assert run(text).cleaned == text.replace("saw teh end", "saw the end")
