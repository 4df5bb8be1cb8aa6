"""The native per-word loops against a small Python reference: the tokenizer (`WORD`), pass 1's counts
and the per-form tables, on generated Unicode text (mixed scripts, combining marks, apostrophes,
digits, CRLF) and on every code point."""
from __future__ import annotations

import pickle
import re
import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings, strategies as st

from corpusclean import _core
from corpusclean.core.document import Document
from corpusclean.run.saved import load_states, save_states
from corpusclean.stats.tokens import TokenCollector
from corpusclean.text.tokens import _HYPHENED_PARTICLES, _NAME_AFTER, _SPACED_PARTICLES, WORD

# Pieces of text the tokenizer must agree on: letters of several scripts, marks that are not word
# characters to Python, numerics that are (`²`), apostrophes, separators and line breaks.
FRAGMENTS = ["al-", "Al ", "van ", "Nuri", "McDe", "De ", "Gaulle", "xAl", "Royal", "-x", "'", "’", "''", "don't",
             "O’Brien", "é", "e\u0301", "ß", "ΣΑΣ", "ς", "İ", "Ǆ", "x²", "Ⅻ", "٣", "7", "_", "\r\n", "\n", " ",
             ".", "-", "漢字", "ไทย", "Добрый", "مرحبا", "क्षि", "🙂", "\u200d", "\u00a0"]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS),
                           st.text(st.characters(exclude_categories=("Cs", "Cn")), max_size=6)),
                 max_size=30).map("".join)


@pytest.mark.skipif(unicodedata.unidata_version != "14.0.0",
                    reason="the core's letter table is Unicode 14.0, Python 3.11's")
def test_every_code_point_is_a_letter_exactly_when_python_says_so():
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    text = " ".join(chars)
    assert [w for w, _, _ in _core.word_spans(text)] == WORD.findall(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_words_and_spans_equal_the_regex(text):
    assert _core.word_spans(text) == [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


_PARTICLE_SEARCH = {form: re.compile(re.escape(form) + ("[- ]" if particle in _SPACED_PARTICLES else "-")
                                     + _NAME_AFTER)
                    for particle in _SPACED_PARTICLES + _HYPHENED_PARTICLES
                    for form in (particle, particle.capitalize())}
_LETTER = re.compile(r"[^\W\d_]")


def particle_names(text: str, words: set[str]) -> list[str]:
    """The names with a particle in ``text`` as Python found them before the core did: one search per
    particle the document holds as a word (``words``), a particle not preceded by a letter."""
    found = []
    for particle in sorted(words.intersection(_PARTICLE_SEARCH)):
        for match in _PARTICLE_SEARCH[particle].finditer(text):
            start = match.start()
            if start == 0 or not _LETTER.match(text, start - 1):  # `made Gaulle` holds no particle
                found.append(match.group())
    return found


def reference_counts(docs: list[list[str]]) -> dict:
    """Pass 1's token counts as the Python collector counted them before the core did."""
    state = {"documents": 0, "count": Counter(), "docs": Counter(), "pairs": Counter()}
    for pieces in docs:
        by_piece = [WORD.findall(piece) for piece in pieces]
        words = [word for found in by_piece for word in found]
        distinct = set(words)
        state["count"].update(words)
        state["docs"].update(distinct)
        if names := particle_names(" ".join(pieces), distinct):
            state["count"].update(names)
            state["docs"].update(set(names))
        for found in by_piece:
            lowered = list(map(str.lower, found))
            state["pairs"].update(map(" ".join, zip(lowered, lowered[1:])))
        state["documents"] += 1
    return state


def native_counts(docs: list[list[str]]) -> tuple:
    counts = _core.WordCounts()
    for pieces in docs:
        counts.observe(pieces)
    return counts


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(texts, min_size=1, max_size=3), max_size=4))
def test_counts_equal_the_python_reference(docs):
    expected = reference_counts(docs)
    documents, count, docs_with, pairs = native_counts(docs).to_dicts()
    assert documents == expected["documents"]
    assert count == dict(expected["count"]) and list(count) == list(expected["count"])  # first-seen order
    assert docs_with == dict(expected["docs"])
    assert pairs == dict(expected["pairs"])


def test_names_with_particles_are_counted_as_the_reference_counts_them():
    docs = [["Nasr al-Nuri and Al Nuri met al-jazeera, Royal-Navy, al-Nuri-Smith, d'al-Nuri, de Gaulle",
             "Abu-Bakr van Gogh an-Nasr McDe De Gaulle, xAl Al Nuri, GetAl-Al Nuri, Abdel Nasser el Nasser"]]
    assert native_counts(docs).to_dicts()[1] == dict(reference_counts(docs)["count"])
    assert native_counts(docs).to_dicts()[1]["Al Nuri"] == 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(texts, min_size=1, max_size=2), max_size=5), st.integers(0, 5))
def test_merge_in_either_order_equals_one_pass(docs, cut):
    whole = native_counts(docs)
    left, right = native_counts(docs[:cut]), native_counts(docs[cut:])
    assert left.merged(right) == whole == right.merged(left)


def test_counts_pickle_and_save_as_plain_data(tmp_path):
    counts = native_counts([["The Raqqa road, Raqqa."], ["al-Nuri"]])
    assert pickle.loads(pickle.dumps(counts)) == counts
    collector = TokenCollector()
    assert collector.from_plain(collector.to_plain(counts)) == counts

    class Plan:
        needs = ("tokens",)

    path = tmp_path / "stats.json.gz"
    save_states(path, {"tokens": counts})
    assert load_states(path, Plan()) == {"tokens": counts}


def test_damaged_pickled_counts_raise_instead_of_reading_garbage():
    state = native_counts([["one two"]]).__getstate__()
    broken = _core.WordCounts()
    with pytest.raises(ValueError, match="cut short"):
        broken.__setstate__(state[:-3])


def test_the_collector_counts_prose_only():
    collector = TokenCollector()
    state = collector.observe(collector.empty(), Document("a.md", "Raqqa fell.\n\n```\nraqqa_x = 1\n```\n"))
    stats = collector.finalize(state)
    assert stats.count("Raqqa") == 1 and stats.count("raqqa") == 0


def test_a_table_decides_each_form_once_and_finds_its_hits_by_lookup():
    vocabulary, table = _core.Vocabulary(), _core.FormTable()
    first = vocabulary.scan("Teh cat, teh dog; é Teh")
    new = table.undecided(first)
    assert vocabulary.forms(new) == ["Teh", "cat", "teh", "dog", "é"]
    table.decide(new, [2, 0, 1, 0, 0])
    assert table.undecided(first) == []
    assert table.hits(first) == [(2, 0, 3), (1, 9, 12), (2, 20, 23)]
    second = vocabulary.scan("the teh 𝄞 bird")
    assert vocabulary.forms(table.undecided(second)) == ["the", "bird"]
    assert table.hits(second) == [(1, 4, 7)]
    with pytest.raises(ValueError):
        table.decide([1, 2], [0])


def test_saved_statistics_with_a_damaged_token_state_give_one_clear_error(tmp_path):
    import gzip
    import json

    from corpusclean.core.errors import UsageError
    from corpusclean.run.saved import SCHEMA_VERSION

    class Plan:
        needs = ("tokens",)

    path = tmp_path / "stats.json.gz"
    state = {"documents": 1, "count": {"a": 1}, "docs": {"a": 1}, "pairs": {"nospace": 1}}
    saved = {"schema_version": SCHEMA_VERSION, "states": {"tokens": state}}
    path.write_bytes(gzip.compress(json.dumps(saved).encode()))
    with pytest.raises(UsageError, match="damaged.*not a word pair"):
        load_states(path, Plan())


def reference_edge_region(text: str, zone: str, lines: int) -> tuple[int, int]:
    """The edge zone as Python found it before the core did, line by line."""
    from corpusclean.text.lines import next_nonblank, prev_nonblank

    if zone == "any":
        return 0, len(text)
    if zone == "top":
        pos, seen = 0, 0
        while seen < lines and (line := next_nonblank(text, pos)) is not None:
            pos, seen = line.next, seen + 1
        return 0, pos
    pos, seen = len(text), 0
    while seen < lines and (line := prev_nonblank(text, pos)) is not None:
        pos, seen = line.start, seen + 1
    return pos, len(text)


LINES = st.lists(st.sampled_from(["Updated", "  ", "\u001c", "\u2028", "\u00a0", "é text", "x", ""]), max_size=8)
BREAKS = st.lists(st.sampled_from(["\n", "\r\n", "\r", "\n\n", ""]), min_size=8, max_size=8)


@settings(max_examples=500, deadline=None)
@given(LINES, BREAKS, st.sampled_from(["top", "bottom", "any"]), st.integers(0, 4))
def test_edge_zones_equal_the_python_reference(lines, breaks, zone, count):
    text = "".join(line + br for line, br in zip(lines, breaks))
    assert _core.edge_zone(text, zone, count) == reference_edge_region(text, zone, count)


def test_python_white_space_is_the_core_s():
    spaces = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and chr(c).isspace()]
    text = "x\n" + "\n".join(spaces) + "\ny"
    assert _core.edge_zone(text, "top", 2) == reference_edge_region(text, "top", 2) == (0, len(text))
    assert _core.edge_zone("x\n\u200b\ny", "top", 2) == (0, 4)  # a zero-width space is not white space


LETTERS = "abcdefghijklmnopqrstuvwxyz'"


def reference_candidates(word: str) -> tuple[tuple[str, int], ...]:
    """Correction candidates as Python searched them before the core did: edits of all but the first
    letter intersected with the dictionary, the first two swapped, then, for words of four letters or
    more, words of three letters or more two edits away by rapidfuzz's distance over the bucket of the
    same first letter and a length within two (common ones only for words under six letters)."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    from corpusclean.text import lexicon

    words = lexicon.correction_frequencies()
    rest = word[1:]
    splits = [(rest[:i], rest[i:]) for i in range(len(rest) + 1)]
    edits = ({a + b[1:] for a, b in splits if b} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
             | {a + c + b[1:] for a, b in splits if b for c in LETTERS}
             | {a + c + b for a, b in splits for c in LETTERS})
    near = {word[:1] + e for e in edits} & set(words)
    near.discard(word)
    swapped = word[1::-1] + word[2:]
    if len(word) > 2 and swapped in words:
        near.add(swapped)
    found = [(c, 1) for c in near]
    if len(word) >= 4:
        floor = lexicon.COMMON if len(word) < lexicon.SHORT_FOR_2 else 0
        bucket = [w for w in words if len(w) >= 3 and w[0] == word[0] and abs(len(w) - len(word)) <= 2]
        found += [(c, 2) for c, d, _ in process.extract(word, bucket, scorer=OSA.distance, score_cutoff=2,
                                                         limit=None) if d == 2 and words[c] >= floor]
    return tuple(sorted(found, key=lambda cd: (-words[cd[0]], cd[0])))


MISSPELLED = ["teh", "hte", "recieve", "succesffully", "govermnent", "accomodation", "definately", "wierd",
              "occured", "beleive", "seperate", "untill", "tommorow", "neccessary", "acheive", "adress",
              "concious", "enviroment", "existance", "goverment", "independant", "knowlege", "occassion",
              "persistant", "posession", "reccomend", "refered", "sucessful", "thier", "truely", "arguement",
              "begining", "beleived", "calender", "cemetary", "collegue", "comittee", "completly", "dilemna",
              "embarass", "excercise", "facinating", "finaly", "foriegn", "fourty", "freind", "garantee",
              "a", "x'y", "é", "caféé", "don't", "aardvarkz", "qqqqqqqqqq", "responsibilty", "intelectual"]


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.sampled_from(MISSPELLED),
                 st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzé'"), min_size=1, max_size=11)))
def test_candidates_equal_the_python_search(word):
    from corpusclean.text import lexicon

    assert lexicon.candidates(word) == reference_candidates(word)


_DIGITS = re.compile(r"\d+")
_BREAK = re.compile(r"\r\n|\n|\r")
MARKUP_LINE = re.compile(r"""^[ \t]*(?:
    \#{1,6}(?:[ \t]|$) | [-*+][ \t] | \d{1,3}[.)][ \t] | \| | > | <!-- | </?[A-Za-z] | \.\.(?:[ \t]|$)
  | ``` | ~~~ | !!! | \?\?\? | /// | ===[ \t] | :[\w-]+: | \{[{%\#*] | --8<--)""", re.VERBOSE)
UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+|~+|\^+|\*+|#+)[ \t]*$")


def reference_fingerprint(line: str) -> str | None:
    import hashlib

    words = line.lower().split()
    if len(words) < 3:
        return None
    text = _DIGITS.sub("0", " ".join(words))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest() if len(text) >= 12 else None


def reference_key(line: str) -> str | None:
    import hashlib

    if not any(c.isalnum() for c in line):
        return None
    return hashlib.blake2b(" ".join(line.lower().split()).encode("utf-8"), digest_size=8).hexdigest()


def reference_learnable(text: str, blocked: set[int], edges_only: bool) -> tuple[list, int]:
    """The learnable lines as Python found them before the core did (outside plain text: markup lines
    are never learnable)."""
    lines = _BREAK.split(text)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    edges = set(filled[:6] + filled[-6:])

    def heading(i: int) -> bool:
        return bool((i and UNDERLINE.match(lines[i])) or (i + 1 < len(lines) and UNDERLINE.match(lines[i + 1])))

    return [(i, len(lines[i]), i in edges, reference_fingerprint(lines[i]), reference_key(lines[i]))
            for i in (sorted(edges) if edges_only else filled)
            if i not in blocked and not MARKUP_LINE.match(lines[i]) and not heading(i)], len(filled)


LINE_PARTS = ["© 2019", "All rights reserved", "Share this", "# Title", "- item", "1. first", "| a |", "> quote",
              "<!-- c -->", ".. note::", "```", ":param x:", "{% x %}", "=====", "---", "   ", "\u2003", "\u001c",
              "ÉTÉ", "٣٤ news", "x² y z", "Straße Öl", "word", "\t", "ΣΑΣ ΟΔΟΣ", ":ü-x:"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(LINE_PARTS), max_size=4).map(" ".join), max_size=18),
       st.sampled_from(["\n", "\r\n", "\r"]), st.sets(st.integers(0, 18), max_size=3), st.booleans())
def test_learnable_lines_and_fingerprints_equal_the_python_reference(lines, br, blocked, edges_only):
    text = br.join(lines)
    found, filled = _core.learnable_lines(text, sorted(blocked), edges_only)
    assert (found, filled) == reference_learnable(text, blocked, edges_only)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs", "Cn")), max_size=40))
def test_fingerprints_of_any_line_equal_the_python_reference(line):
    line = _BREAK.sub(" ", line)
    assert _core.fingerprint(line) == reference_fingerprint(line)


def test_a_zone_of_fewer_than_one_line_holds_no_line():
    from corpusclean.text.lines import edge_region

    text = "Updated\n\nBody.\n"
    assert edge_region(text, "top", -1) == reference_edge_region(text, "top", -1) == (0, 0)
    assert edge_region(text, "bottom", -1) == reference_edge_region(text, "bottom", -1) == (len(text), len(text))


def test_saved_token_counts_below_zero_are_damaged_statistics(tmp_path):
    import gzip
    import json

    from corpusclean.core.errors import UsageError
    from corpusclean.run.saved import SCHEMA_VERSION

    class Plan:
        needs = ("tokens",)

    path = tmp_path / "stats.json.gz"
    state = {"documents": -1, "count": {"a": -1}, "docs": {"a": 1}, "pairs": {}}
    saved = {"schema_version": SCHEMA_VERSION, "states": {"tokens": state}}
    path.write_bytes(gzip.compress(json.dumps(saved).encode()))
    with pytest.raises(UsageError, match="damaged"):
        load_states(path, Plan())
