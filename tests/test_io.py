"""Round trips: what the reader saw is what the writer writes, except for the fixes."""
from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings, strategies as st

from corpusclean.core.edits import replay
from corpusclean.io.atomic import atomic_writer
from corpusclean.io.sources import InputOptions, Source, read


def test_crlf_bom_and_missing_final_newline_survive_fix(cli, tmp_path):
    path = tmp_path / "w.txt"
    path.write_bytes(b"\xef\xbb\xbfUpdated\r\n\r\nLine one.  \r\nLine two.")
    assert cli("fix", path)[0] == 0
    assert path.read_bytes() == b"\xef\xbb\xbfLine one.\r\nLine two."


def test_latin1_file_is_reported_with_its_byte_offset_and_left_untouched(cli, tmp_path):
    bad = tmp_path / "latin1.txt"
    data = "Updated\n\nCafé au lait.  \n".encode("latin-1")
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("Updated\n\nFine.\n")
    code, _, err = cli("fix", tmp_path)
    assert code == 2
    assert f"{bad}: not valid UTF-8 at byte 12 (0xe9); file left untouched" in err
    assert bad.read_bytes() == data
    assert good.read_text() == "Fine.\n"  # the run went on


def test_clean_copies_an_unreadable_file_verbatim(cli, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "bad.txt").write_bytes(b"caf\xe9\n")
    code, _, _ = cli("clean", corpus, "--out", tmp_path / "out")
    assert code == 2
    assert (tmp_path / "out/bad.txt").read_bytes() == b"caf\xe9\n"


def test_jsonl_round_trip_keeps_ids_order_and_other_fields(cli, tmp_path):
    rows = [
        {"id": "b7", "text": "Updated\n\nWe recieved it.", "meta": {"k": [1, 2.5], "s": "é"}, "n": None},
        {"id": "a1", "text": "Already clean.", "score": 0.25},
        {"id": "c3", "body": "no text field"},
    ]
    lines = [json.dumps(rows[0]), json.dumps(rows[1], separators=(",", ":")), json.dumps(rows[2])]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    code, _, err = cli("clean", path, "--out", out, "--id-field", "id")
    assert code == 0
    assert "corpus.jsonl:3: no string field 'text'; row kept unchanged" in err
    written = (out / "corpus.jsonl").read_text().splitlines()
    assert json.loads(written[0]) == {**rows[0], "text": "We received it."}
    assert written[1] == lines[1] and written[2] == lines[2]  # untouched rows are byte-identical
    findings = [json.loads(x) for x in (out / "report/findings.jsonl").read_text().splitlines()]
    assert {f["doc_id"] for f in findings} == {"b7"}


def test_jsonl_custom_text_field(cli, tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"body": "Text.   ", "text": "Other.   "}) + "\n")
    assert cli("fix", path, "--text-field", "body", "--fix-only")[0] == 0
    assert json.loads(path.read_text()) == {"body": "Text.", "text": "Other.   "}


def test_replaying_the_edit_log_reproduces_the_cleaned_text(cli, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    original = "Updated\n\nWe recieved   \n\n\n\nthe doesnÃ¢â‚¬â„¢t report.  \n"
    (corpus / "a.txt").write_text(original)
    cli("clean", corpus, "--out", tmp_path / "out")
    [entry] = [json.loads(x) for x in (tmp_path / "out/report/edits.jsonl").read_text().splitlines()]
    from corpusclean.core.findings import AppliedEdit, Span

    log = [AppliedEdit(Span(e["start"], e["end"]), e["replacement"], tuple(e["codes"])) for e in entry["edits"]]
    assert replay(original, log) == (tmp_path / "out/a.txt").read_text()
    assert (tmp_path / "out/a.txt").read_text() == "We received\n\nthe doesn’t report.\n"


def test_atomic_writer_leaves_the_original_whole_when_interrupted(tmp_path):
    target = tmp_path / "t.txt"
    target.write_text("original")
    with pytest.raises(KeyboardInterrupt):
        with atomic_writer(target) as handle:
            handle.write(b"half of the new cont")
            raise KeyboardInterrupt
    assert target.read_text() == "original"
    assert os.listdir(tmp_path) == ["t.txt"]  # no temp file left behind


def test_atomic_writer_keeps_the_file_mode(tmp_path):
    target = tmp_path / "t.txt"
    target.write_text("x")
    target.chmod(0o640)
    with atomic_writer(target) as handle:
        handle.write(b"y")
    assert target.read_text() == "y" and (target.stat().st_mode & 0o777) == 0o640


def test_jsonl_rows_split_only_on_newline(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({"text": "a\u2028b"}, ensure_ascii=False) + "\n", encoding="utf-8")
    items = list(read(Source(path, "s.jsonl", "jsonl"), InputOptions()))
    assert len(items) == 1 and items[0].text == "a\u2028b"


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(["a", "é", "\n", '"', "\\", "𝄞", "\t", "\u2028", " ", "\ud800"]), max_size=30),
       st.booleans())
def test_value_offsets_point_at_each_character_of_the_json_string(text, ascii_only):
    """Entry i is where the JSON string's character i starts in the row (escapes counted), the last one
    the closing quote: checked by decoding the row up to each offset."""
    from corpusclean.io.jsonl_edit import ValueOffsets, value_span

    line = json.dumps({"id": 1, "text": text}, ensure_ascii=ascii_only)
    start, end = value_span(line, "text")
    offsets = ValueOffsets(line, "text")
    assert offsets[len(text)] == end - 1
    for index in range(len(text)):
        assert json.loads(line[start:offsets[index]] + '"') == text[:index]
