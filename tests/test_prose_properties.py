"""A property of the default fix (unsafe fixes too) on generated Markdown: prose mistakes may be fixed, but
no byte of code, markup or a link destination changes, however damaged it is.

Documents mix prose paragraphs (typos, trailing spaces and NBSP, runs of blank lines) with fenced code,
inline code, HTML tags and blocks and link destinations carrying the same damage. The generator knows
each non-prose segment it wrote; the test checks them twice: against the original's analysis (no applied
edit touches a region) and against the output (every segment is there verbatim, in order).
"""
from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from corpusclean.core.analysis import TOKEN_KINDS, analyze_text
from corpusclean.core.config import Settings
from corpusclean.core.document import Document
from corpusclean.core.edits import replay
from corpusclean.run.plan import build_plan
from corpusclean.run.stages import collect, finalize, process

PLAN = build_plan(dataclasses.replace(Settings(), unsafe_fixes=True), apply=True)
NBSP = "\u00a0"

WORDS = ["the", "council", "met", "on", "Monday", "and", "agreed", "a", "budget", "for", "schools", "teh",
         "recieve", "we", "will", "report", "it", "later", "accomodation", "was", "scarce", "succesffully"]
LINE_ENDS = ["", "", " ", "  ", "   ", "\t", NBSP, " " + NBSP]
CODE_LINES = ["teh = recieve()  ", "", "", "    return teh   ", "x" + NBSP + "= 1", "accomodation = None\t",
              "# we recieve teh data ", "print( teh )", "if teh:", "  ", "\u200bzero = 1"]
INLINE_CODE = ["`teh`", "`recieve()  x`", "``a `teh` b``", "`x" + NBSP + "y`", "`teh  teh`"]
TAGS = ['<span title="teh  recieve">', '<b class="accomodation">', '<abbr title="teh">', '<!-- teh  recieve -->',
        "<br/>"]
LINKS = ["](https://example.com/teh_recieve)", '](docs/recieve.md "teh title")', "](#teh)"]


@dataclasses.dataclass
class Doc:
    text: str = ""
    segments: list[str] = dataclasses.field(default_factory=list)  # non-prose pieces, in order

    def prose(self, piece: str) -> None:
        self.text += piece

    def code(self, piece: str) -> None:
        self.segments.append(piece)
        self.text += piece


@st.composite
def prose_line(draw, doc: Doc) -> None:
    for i in range(draw(st.integers(1, 8))):
        if i:
            doc.prose(" ")
        choice = draw(st.integers(0, 9))
        if choice == 7:
            doc.code(draw(st.sampled_from(INLINE_CODE)))
        elif choice == 8:
            doc.prose("[" + draw(st.sampled_from(WORDS)) + " " + draw(st.sampled_from(WORDS)))
            doc.code(draw(st.sampled_from(LINKS)))
        elif choice == 9:
            doc.code(draw(st.sampled_from(TAGS)))
            doc.prose(draw(st.sampled_from(WORDS)))
        else:
            doc.prose(draw(st.sampled_from(WORDS)))
    doc.prose(draw(st.sampled_from(LINE_ENDS)))


@st.composite
def document(draw) -> Doc:
    doc = Doc()
    for n in range(draw(st.integers(1, 6))):
        if n:
            doc.prose(draw(st.sampled_from(["\n\n", "\n\n", "\n\n\n", "\n\n\n\n", "\n \n\n"])))
        kind = draw(st.sampled_from(["prose", "prose", "code", "html"]))
        if kind == "code":
            lines = draw(st.lists(st.sampled_from(CODE_LINES), min_size=1, max_size=6))
            fence = draw(st.sampled_from(["```python", "```", "~~~sh"]))
            doc.code(fence + "\n" + "\n".join(lines) + "\n" + fence[:3])
        elif kind == "html":
            body = draw(st.sampled_from(["teh  recieve", "accomodation\t", "x" + NBSP + "teh "]))
            doc.code(f'<div class="teh">\n{body}\n</div>')
        else:
            for i in range(draw(st.integers(1, 3))):
                if i:
                    doc.prose("\n")
                draw(prose_line(doc))
    doc.prose(draw(st.sampled_from(["\n", "\n\n\n", ""])))
    return doc


def _in_order(haystack: str, needles: list[str]) -> bool:
    at = 0
    for needle in needles:
        found = haystack.find(needle, at)
        if found < 0:
            return False
        at = found + len(needle)
    return True


@settings(max_examples=60, deadline=None, derandomize=True)
@given(document())
def test_no_byte_of_code_or_markup_changes(doc):
    text = doc.text
    document_ = Document("page.md", text)
    result = process(document_, PLAN, finalize(collect([document_], PLAN)))
    assert replay(text, result.applied) == result.cleaned

    # what the generator wrote as code or markup is in the output verbatim, in order
    assert _in_order(result.cleaned, doc.segments), (text, result.cleaned)

    # and, as the analysis of the original sees it, no applied edit touches a non-prose region
    analysis = analyze_text(text, "markdown")
    for edit in result.applied:
        touched = analysis.region_touched(edit.span.start, edit.span.end)
        assert touched is None, (edit, touched, text[touched.start:touched.end])
    for region in analysis.regions:
        if region.kind in TOKEN_KINDS:
            continue
        for edit in result.applied:
            assert edit.span.end <= region.start or edit.span.start >= region.end or (
                edit.span.start == edit.span.end and edit.span.start in (region.start, region.end)), (
                region, edit)

    # every generated segment is a non-prose region of the original (or inside one)
    covered = [(r.start, r.end) for r in analysis.regions]
    at = 0
    for segment in doc.segments:
        start = text.index(segment, at)
        at = start + len(segment)
        assert any(s <= start and at <= e for s, e in covered), (segment, text)


def test_the_same_damage_in_prose_is_fixed():
    # the property is not vacuous: beside the code it keeps, the fix changes the prose (typos the code
    # also writes, `teh` and `recieve` here, are the corpus's code vocabulary and stay in prose too)
    doc = Doc()
    doc.prose("The accomodation was succesffully booked.  \nIt was scarce" + NBSP + "\n\n\n\n")
    doc.code("```python\nteh = recieve()  \n\n\n\n    return teh   \n```")
    doc.prose("\n\nThe council ")
    doc.code('<span title="teh  recieve">')
    doc.prose("met. \n")
    document_ = Document("page.md", doc.text)
    result = process(document_, PLAN, finalize(collect([document_], PLAN)))
    assert result.cleaned == ("The accommodation was successfully booked.  \nIt was scarce\n\n" + doc.segments[0]
                              + "\n\nThe council " + doc.segments[1] + "met.\n")
