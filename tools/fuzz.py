"""Fuzz the readers, the native core and the API with atheris (libFuzzer for Python).

    python tools/fuzz.py [libFuzzer flags, e.g. -max_total_time=SECONDS] [corpus_dir]
    python tools/fuzz.py CRASH_FILE   # re-run one input, e.g. a crash file it wrote

The first byte of each input picks a target, the rest is its data:

* the readers: ``decode`` on raw bytes, and ``read`` on a file of each kind (.txt, .md, .jsonl, .jsonl.gz,
  .jsonl.zst, .parquet), both with the bytes compressed or built into a table by the harness (to reach
  the rows) and as they are (to reach the corrupt-file paths);
* the native core, ``_core.analyze_batch([text], [format])`` for each format;
* ``api.clean`` (default and unsafe fixes) on the decoded text, for each format.

A ReadError or PassThrough is an answer; any exception, or a broken invariant the docs promise (regions
sorted and inside the text, the edit log replays), is a crash. Python code is instrumented for coverage;
the Rust core is not built with sanitizer coverage, so libFuzzer fuzzes it black-box.

Without a corpus folder the run uses a new temporary one; either way it is seeded from the test fixtures
(tests/data, seeds/input), once per target. Crash files go to the corpus folder's parent unless
``-artifact_prefix`` says otherwise.
"""
from __future__ import annotations

import gzip
import io
import json
import signal
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["corpusclean"]):
    from corpusclean import _core, api
    from corpusclean.core.analysis import FORMATS
    from corpusclean.core.edits import replay
    from corpusclean.io.sources import InputOptions, PassThrough, ReadError, decode, read, source_for

    list(api.clean(["Warm up: the rules and packs load lazily."], unsafe_fixes=True))  # instrument them too

import zstandard

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError:  # the parquet extra: without it, the Parquet targets are left out
    pa = pq = None

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = [ROOT / "tests" / "data", ROOT / "seeds" / "input"]
DEFAULT_FLAGS = ["-max_total_time=180", "-timeout=30", "-max_len=16384"]
WORK = Path(tempfile.mkdtemp(prefix="corpusclean-fuzz-files-"))  # the files `read` is given, rewritten per input
OPTIONS = InputOptions()


def _write(name: str, data: bytes) -> Path:
    path = WORK / name
    path.write_bytes(data)
    return path


def _as_rows(data: bytes) -> bytes:
    """Fuzz bytes as JSONL rows whose texts are the decoded data (NUL, which the text targets refuse, splits
    rows): reaches the documents, not just the JSON parser."""
    text = data.decode("utf-8", "replace")
    return b"".join(json.dumps({"id": n, "text": line}).encode() + b"\n" for n, line in enumerate(text.split("\0")))


def _parquet(data: bytes) -> bytes:
    table = pa.table({"id": [1, 2], "text": [data.decode("utf-8", "replace"), None]})
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


def _read_all(name: str, data: bytes) -> None:
    """Read a file of this name and kind to the end; a ReadError or PassThrough is an answer, not a crash."""
    for item in read(source_for(_write(name, data), name), OPTIONS):
        if not isinstance(item, (ReadError, PassThrough)):
            item.text.encode("utf-8")  # a document's text is always writable back as UTF-8


def _decode(data: bytes) -> None:
    decoded = decode(data, source_for(Path("fuzz.txt"), "fuzz.txt"))
    if isinstance(decoded, ReadError):
        return
    text, bom = decoded
    assert (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8") == data, "decode lost bytes"


def _text(data: bytes) -> str | None:
    """The text ``decode`` makes of the bytes, as every reader does; None when it refuses them."""
    decoded = decode(data, source_for(Path("fuzz.txt"), "fuzz.txt"))
    return None if isinstance(decoded, ReadError) else decoded[0]


def _analyze(format: str, data: bytes) -> None:
    text = _text(data)
    if text is None:
        return
    [(name, regions, _, _)] = _core.analyze_batch([text], [format])
    assert name == format, (name, format)
    end = 0
    for _, start, stop in regions:  # sorted, never overlapping, inside the text (code-point offsets)
        assert end <= start <= stop <= len(text), (regions, len(text))
        end = stop


def _clean(format: str, data: bytes) -> None:
    text = _text(data)
    if text is None:
        return
    # The per-document time budget runs on ITIMER_REAL and zeroes it after; so does libFuzzer's -timeout,
    # which would stop catching hangs after the first clean unless its timer is put back.
    timer = signal.getitimer(signal.ITIMER_REAL)
    try:
        for unsafe in (False, True):
            [result] = api.clean([text], format=format, unsafe_fixes=unsafe)
            assert replay(text, result.applied) == result.cleaned, "the edit log does not replay"
    finally:
        signal.setitimer(signal.ITIMER_REAL, *timer)


TARGETS = [
    ("decode", _decode),
    ("read .txt", lambda data: _read_all("fuzz.txt", data)),
    ("read .md", lambda data: _read_all("fuzz.md", data)),
    ("read .jsonl", lambda data: _read_all("fuzz.jsonl", data)),
    ("read .jsonl rows", lambda data: _read_all("fuzz.jsonl", _as_rows(data))),
    ("read .jsonl.gz", lambda data: _read_all("fuzz.jsonl.gz", gzip.compress(data, mtime=0))),
    ("read .jsonl.gz raw", lambda data: _read_all("fuzz.jsonl.gz", data)),
    ("read .jsonl.zst", lambda data: _read_all("fuzz.jsonl.zst", zstandard.ZstdCompressor().compress(data))),
    ("read .jsonl.zst raw", lambda data: _read_all("fuzz.jsonl.zst", data)),
    *([("read .parquet", lambda data: _read_all("fuzz.parquet", _parquet(data))),
       ("read .parquet raw", lambda data: _read_all("fuzz.parquet", data))] if pq else []),
    *[(f"analyze {f}", lambda data, f=f: _analyze(f, data)) for f in FORMATS],
    *[(f"clean {f}", lambda data, f=f: _clean(f, data)) for f in FORMATS],
]


def test_one_input(data: bytes) -> None:
    if data:
        TARGETS[data[0] % len(TARGETS)][1](data[1:])


def _seed(corpus: Path) -> None:
    """One input per fixture and target (the target's byte, then the fixture), unless already seeded."""
    corpus.mkdir(parents=True, exist_ok=True)
    if any(corpus.iterdir()):
        return
    fixtures = [p.read_bytes() for folder in FIXTURES for p in sorted(folder.iterdir()) if p.is_file()]
    for number, fixture in enumerate(fixtures):
        for index in range(len(TARGETS)):
            (corpus / f"seed-{number}-{index}").write_bytes(bytes([index]) + fixture)


def main(argv: list[str]) -> None:
    flags = [a for a in argv[1:] if a.startswith("-")]
    folders = [a for a in argv[1:] if not a.startswith("-")]
    if not folders:
        folders = [tempfile.mkdtemp(prefix="corpusclean-fuzz-corpus-")]
    if not Path(folders[0]).is_file():  # a file is one input to re-run (a crash to reproduce)
        _seed(Path(folders[0]))
    given = {flag.split("=")[0] for flag in flags}
    flags += [f for f in DEFAULT_FLAGS if f.split("=")[0] not in given]
    if "-artifact_prefix" not in given:
        flags.append(f"-artifact_prefix={Path(folders[0]).resolve().parent}/")
    print(f"corpus: {folders[0]}; targets: {', '.join(name for name, _ in TARGETS)}", file=sys.stderr)
    atheris.Setup([argv[0], *flags, *folders], test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
