"""Compressed JSONL in and out, streamed: the same format, record order, ids and untouched bytes; bad rows
and corrupt files reported, never lost."""
from __future__ import annotations

import gzip
import json

import pytest
import zstandard

ROWS = [{"id": "a", "text": "Updated\n\nThe end.  \n", "meta": {"k": 1}},
        {"id": "b", "text": "Clean text.\n", "lang": "en"},
        {"id": "c", "body": "no text field"}]


def compress(kind, data: bytes) -> bytes:
    return gzip.compress(data, mtime=0) if kind == "gz" else zstandard.ZstdCompressor().compress(data)


def decompress(kind, data: bytes) -> bytes:
    return gzip.decompress(data) if kind == "gz" else zstandard.ZstdDecompressor().decompressobj().decompress(data)


@pytest.mark.parametrize("kind", ["gz", "zst"])
def test_compressed_jsonl_round_trips_in_its_format(cli, tmp_path, kind):
    raw = "".join(json.dumps(r) + "\n" for r in ROWS).encode() + b'{"id": "d", "text": "bad \xff byte"}\n'
    source = tmp_path / "in" / f"data.jsonl.{kind}"
    source.parent.mkdir()
    source.write_bytes(compress(kind, raw))
    code, _, err = cli("clean", tmp_path / "in", "--out", tmp_path / "out", "--id-field", "id")
    rows = decompress(kind, (tmp_path / "out" / f"data.jsonl.{kind}").read_bytes()).split(b"\n")
    assert code == 0 and "no string field 'text'" in err and "not valid UTF-8" in err
    assert json.loads(rows[0]) == {"id": "a", "text": "The end.\n", "meta": {"k": 1}}
    assert rows[1:4] == raw.split(b"\n")[1:4]  # untouched rows, the text-less and the undecodable, byte for byte
    again = tmp_path / "out2"
    cli("clean", tmp_path / "in", "--out", again, "--id-field", "id")
    assert (again / f"data.jsonl.{kind}").read_bytes() == (tmp_path / "out" / f"data.jsonl.{kind}").read_bytes()


def test_fix_in_place_keeps_gzip_and_a_corrupt_file_is_left_alone(cli, tmp_path):
    good = tmp_path / "good.jsonl.gz"
    good.write_bytes(gzip.compress(b'{"text": "The end.  \\n"}\n', mtime=0))
    broken = tmp_path / "broken.jsonl.gz"
    data = gzip.compress(b'{"text": "The end.  \\n"}\n' * 1000, mtime=0)
    broken.write_bytes(data[: len(data) // 2])
    code, _, err = cli("fix", good, broken)
    assert json.loads(gzip.decompress(good.read_bytes())) == {"text": "The end.\n"}
    assert broken.read_bytes() == data[: len(data) // 2]  # never half-rewritten
    assert code == 2 and "cannot read after row" in err


def run(*args, stdin: bytes):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "corpusclean", *args], input=stdin, capture_output=True)


def test_standard_input_is_checked_and_fixed_to_standard_output():
    done = run("fix", "-", stdin=b"Updated\n\nThe end.  \n")
    assert done.returncode == 0 and done.stdout == b"The end.\n" and b"2 fixed" in done.stderr
    done = run("check", "-", stdin=b"The end.  \n")
    assert done.returncode == 1 and done.stdout.startswith(b"-:1:9: WS01")
    rows = b'{"id": 1, "text": "The end.  \\n"}\n{"id": 2}\n'
    done = run("fix", "-", "--stdin-filename", "rows.jsonl", stdin=rows)
    assert done.stdout == b'{"id": 1, "text": "The end.\\n"}\n{"id": 2}\n'
    done = run("clean", "-", "--out", "x", stdin=b"text")
    assert done.returncode == 2 and b"use `fix -`" in done.stderr


def test_parquet_keeps_every_other_column_and_passes_null_texts_through(cli, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"id": ["a", "b", "c", "d"],
                      "text": ["Updated\n\nThe end.  \n", None, "Clean.\n", "Tail.  \n"],
                      "score": [0.5, 1.0, None, 2.0], "tags": [["x"], [], ["y", "z"], None]},
                     metadata={"origin": "crawl-7"})
    (tmp_path / "in").mkdir()
    pq.write_table(table, tmp_path / "in/data.parquet", row_group_size=2)
    code, _, err = cli("clean", tmp_path / "in", "--out", tmp_path / "out", "--id-field", "id")
    out = pq.read_table(tmp_path / "out/data.parquet")
    assert code == 0 and "'text' is null" in err
    assert out.schema == table.schema and out.schema.metadata[b"origin"] == b"crawl-7"
    assert out.column("text").to_pylist() == ["The end.\n", None, "Clean.\n", "Tail.\n"]
    assert out.drop_columns(["text"]).equals(table.drop_columns(["text"]))
    findings = (tmp_path / "out/report/findings.jsonl").read_text()
    assert "data.parquet[a]" in findings and "data.parquet[d]" in findings

    code, _, _ = cli("fix", tmp_path / "in/data.parquet")
    assert pq.read_table(tmp_path / "in/data.parquet").column("text").to_pylist()[0] == "The end.\n"


def test_parquet_without_the_text_column_is_reported_and_copied(cli, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "in").mkdir()
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "in/data.parquet")
    code, _, err = cli("clean", tmp_path / "in", "--out", tmp_path / "out")
    assert code == 2 and "no column 'text'" in err
    assert (tmp_path / "out/data.parquet").read_bytes() == (tmp_path / "in/data.parquet").read_bytes()
