"""Text helpers: lines with offsets, word finding, glue and sentence starts."""
from __future__ import annotations

import random

import pytest

from corpusclean.rules.en.mojibake import SUSPECT, Mojibake
from corpusclean.text.lines import deletion_span, edge_region, line_at, next_nonblank, prev_nonblank
from corpusclean.text.tokens import WORD, find_words, is_glued, is_sentence_start
from tests.helpers import run_rules


@pytest.mark.parametrize("text", ["", "a", "a\n", "a\r\nb", "a\rb\n\n", "\n\n", "x\r\n\r\n"])
def test_lines_cover_the_text_exactly(text):
    lines = [line_at(text, 0)]
    while lines[-1].next < len(text):
        lines.append(line_at(text, lines[-1].next))
    assert "".join(text[line.start:line.next] for line in lines) == text
    for line in lines:
        assert line_at(text, line.start).start == line.start
        assert line_at(text, line.end).start == line.start  # the line break belongs to its line


def test_nonblank_neighbours_and_deletion_spans():
    text = "Title\r\n\r\n  \r\nBody.\r\n\r\nEnd"
    body = next_nonblank(text, 7)
    assert body.text == "Body."
    assert prev_nonblank(text, body.start).text == "Title"
    assert deletion_span(text, line_at(text, 0)) == (0, body.start)
    last = prev_nonblank(text, len(text))
    assert text[:deletion_span(text, last)[0]] == "Title\r\n\r\n  \r\nBody."
    assert edge_region(text, "top", 1) == (0, 7)


@pytest.mark.parametrize("seed", range(20))
def test_find_words_agrees_with_a_token_scan(seed):
    rng = random.Random(seed)
    vocab = ["cat", "cats", "dog", "don't", "o’brien", "a", "ab", "Cat"]  # words as WORD draws them
    text = " ".join(rng.choice(vocab + ["x1", "-", "_", "'", ".", "\n"]) for _ in range(60))
    many = [f"{w}{n}" for n in range(70) for w in ("cat", "dog")]  # digits split tokens: never found
    for wanted in (*(set(rng.sample(vocab, k)) for k in (1, 3, 8)), set(vocab + many)):  # both strategies
        expected = [(m.group(), *m.span()) for m in WORD.finditer(text) if m.group() in wanted]
        assert [tuple(w) for w in find_words(text, wanted)] == expected


def test_glue_and_sentence_starts():
    text = "See @bob and #tag, U.S.-backed, a/b and www.x.org. Done. “Quoted"
    assert is_glued(text, 5, 8)  # bob after @
    assert is_glued(text, 14, 17)  # tag after #
    assert not is_glued(text, 9, 12)  # and
    assert is_glued(text, text.index("backed"), text.index("backed") + 6)
    assert is_glued(text, text.index("x.org") - 0, text.index("x.org") + 1)
    assert is_sentence_start(text, 0)
    assert is_sentence_start(text, text.index("Done"))
    assert is_sentence_start(text, text.index("Quoted"))
    assert not is_sentence_start(text, text.index("and"))


@pytest.mark.parametrize("encoding", ["cp1252", "cp1251", "mac_roman", "latin-1"])
def test_mojibake_gate_passes_utf8_misread_in_each_encoding(encoding):
    good = "Zürich’s café – naïve “quote”"
    bad = good.encode("utf-8").decode(encoding, errors="replace")
    assert SUSPECT.search(bad)


def test_mojibake_gate_skips_plain_typography():
    assert not SUSPECT.search("“Quoted” – it’s fine — really…")


def test_mojibake_repairs_cp1251_misreading():
    bad = "Blog tip 2 – broadcast".encode("utf-8").decode("cp1251") + "\n"
    [result] = run_rules(bad, [Mojibake()])
    assert result.cleaned == "Blog tip 2 – broadcast\n"
    assert result.findings[0].explanation  # ftfy's steps travel with the finding


def test_markdown_hard_breaks_survive_trailing_whitespace_fix(cli, tmp_path):
    doc = tmp_path / "notes.md"
    doc.write_text("Line one  \nLine two   \n  \nEnd\t\n")
    txt = tmp_path / "notes.txt"
    txt.write_text("Line one  \n")
    cli("fix", doc, txt, "--select", "WS01")
    assert doc.read_text() == "Line one  \nLine two\n\nEnd\n"
    assert txt.read_text() == "Line one\n"


def test_find_words_finds_phrases_beside_many_single_words():
    from corpusclean.text.tokens import find_words

    words = {f"w{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(65)} | {"Al Nuri"}
    found = find_words("The Al Nuri mosque and Al Nurix.", words)
    assert [(w.word, w.start) for w in found] == [("Al Nuri", 4)]


def test_particle_names_are_found_whole_and_english_words_are_not_particles():
    from corpusclean._core import WordCounts

    text = "The al-Nuri mosque, Al Nuri, van Gogh; As Reuters said, an-Nasr; made Gaulle; El Salvador-based."
    counts = WordCounts()
    counts.observe([text])
    names = [form for form in counts.to_dicts()[1] if " " in form or "-" in form]
    assert sorted(names) == ["Al Nuri", "al-Nuri", "an-Nasr", "van Gogh"]
