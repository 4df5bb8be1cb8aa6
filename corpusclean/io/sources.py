"""Inputs: find the files behind the paths a user gives, and read them into documents.

A plain-text file (``.txt``, ``.md``, or any file named directly) is one document; a ``.jsonl`` file
(also ``.jsonl.gz`` and ``.jsonl.zst``) holds one document per line and is streamed row by row, so memory
does not grow with the file. Undecodable bytes never pass silently: a text file becomes a
:class:`ReadError` with its byte offset and is left untouched; a JSONL row becomes a :class:`PassThrough`,
kept byte for byte and reported.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, Iterator, Sequence

from corpusclean.core.document import Document
from corpusclean.core.errors import UsageError
from corpusclean.io.atomic import read_only, recover
from corpusclean.text.sites import DEFAULT_FIELDS, site_of_path, site_of_record

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".mdx", ".rst", ".rest", ".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst")
PARQUET_SUFFIXES = (".parquet",)
PARQUET_BATCH = 1024
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Source:
    """One input file. ``relative`` is its path under the input root (the document id for text files)."""

    path: Path
    relative: str
    kind: str  # "text", "jsonl" or "parquet"
    compression: str | None = None  # "gz" or "zst" for compressed JSONL
    data: bytes | None = field(default=None, repr=False, compare=False)  # standard input, read once (two passes)
    error: str | None = None  # why it cannot be read, found while walking (a folder that cannot be listed)
    site: str | None = None  # a text file's site: its first folder under the folder given, else that folder


@dataclass(frozen=True)
class ReadError:
    """A file (or JSONL row) that could not be read; it is reported and left as it is."""

    source: Source
    message: str
    row: int | None = None


@dataclass(frozen=True)
class PassThrough:
    """A JSONL row without a usable text field: kept unchanged in the output, reported."""

    source: Source
    row: int
    raw: bytes
    message: str


@dataclass(frozen=True)
class InputOptions:
    text_field: str = "text"
    id_field: str | None = None
    format: str | None = None  # `--format`: every document is in this format
    # (glob, format), first match wins: an absolute glob (the config's, anchored at its folder) matches the
    # file's absolute path, a relative one its path under the input root
    formats: tuple[tuple[str, str], ...] = ()
    in_place: bool = False  # `fix`: the files read will be rewritten
    site_fields: tuple[str, ...] = DEFAULT_FIELDS  # record fields naming the document's site (first present)

    def format_for(self, source: "Source", record: bool) -> str | None:
        """The format of a document read from ``source``; None lets the document id's extension decide.
        Records are plain text unless told."""
        if self.format:
            return self.format
        if self.formats:
            path = Path(os.path.realpath(Path.cwd() / source.relative if source.path == STDIN else source.path)).as_posix()
            for pattern, name in self.formats:
                if glob_regex(pattern).fullmatch(path if pattern.startswith("/") else source.relative):
                    return name
        return "plain" if record else None


@lru_cache(maxsize=64)
def glob_regex(pattern: str) -> re.Pattern:
    """A path glob as a regex: `*` and `?` stay within a folder, `**/` spans any number of folders, none
    included (`docs/**/*.md` matches `docs/a.md`)."""
    out, at = [], 0
    while at < len(pattern):
        if pattern.startswith("**/", at):
            out.append("(?:[^/]*/)*")
            at += 3
        elif pattern.startswith("**", at):
            out.append(".*")
            at += 2
        else:
            char = pattern[at]
            out.append("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char))
            at += 1
    return re.compile("".join(out))


STDIN = Path("-")  # `-` on the command line: the text arrives on standard input


def size_of(source: "Source") -> int:
    """The input's size in bytes for planning and progress; 0 when it cannot be read (a broken link, a
    symlink loop), which reading it then reports."""
    if source.data is not None:
        return len(source.data)
    try:
        return source.path.stat().st_size
    except OSError:
        return 0


def source_for(path: Path, relative: str) -> Source:
    name = Path(relative).name.lower()  # for standard input, the name given for it
    if name.endswith(PARQUET_SUFFIXES):
        return Source(path, relative, "parquet")
    for suffix in JSONL_SUFFIXES:
        if name.endswith(suffix):
            return Source(path, relative, "jsonl", suffix.rpartition(".")[2] if suffix != ".jsonl" else None)
    return Source(path, relative, "text")


def discover(paths: Sequence[Path], stdin_name: str | None = None) -> list[Source]:
    """The files behind ``paths``: files as given, folders walked for .txt/.md/.markdown/.rst/.html/.htm and
    .jsonl(.gz/.zst)/.parquet in sorted order. A file reached twice is read once. Each file's ``relative``
    (its path under ``clean --out``) is its name, or its path under the folder given; when two inputs would
    share one, every path is taken under the inputs' common folder instead (``en/x.jsonl``, ``fr/x.jsonl``)."""
    found: list[tuple[Path, Path, str]] = []  # (root the path was given as, file, relative)
    stdin: list[Source] = []
    for path in paths:
        if path == STDIN:
            stdin.append(replace(source_for(STDIN, stdin_name or "-"), data=sys.stdin.buffer.read()))
        elif path.is_file():
            found.append((path.parent, path, path.name))
        elif path.is_dir():
            found.extend((path, file, file.relative_to(path).as_posix()) for file in _walk(path))
        else:
            raise UsageError(f"{path}: no such file or folder")
    found = _once_each(found)
    sites = {file: site_of_path(root, file) for root, file, _ in found}
    if len({relative for _, _, relative in found}) < len(found):
        found = _under_common_root(found)
    return stdin + [replace(_source(file, relative), site=sites[file]) for _, file, relative in found]


def _source(path: Path, relative: str) -> Source:
    if path.is_dir():  # in the walk's list because it could not be listed itself
        try:
            os.listdir(path)
            why = "it changed during the walk"
        except OSError as exc:
            why = exc.strerror or str(exc)
        return Source(path, relative, "text", error=f"cannot list the folder ({why}); its files are left untouched")
    return source_for(path, relative)


def _walk(folder: Path) -> Iterator[Path]:
    """The corpus files under ``folder`` in sorted order; a folder that cannot be listed comes out as
    itself, and reading it reports why (its files are not silently missing from the run)."""
    found: list[Path] = []

    def unlistable(error: OSError) -> None:
        found.append(Path(error.filename))

    for root, folders, files in os.walk(folder, onerror=unlistable):
        folders[:] = [name for name in folders if not name.startswith(".")]  # .git, .venv: not corpus text
        found.extend(Path(root, name) for name in files
                     if not name.startswith(".") and name.lower().endswith(TEXT_SUFFIXES + JSONL_SUFFIXES + PARQUET_SUFFIXES))
    return iter(sorted(found))


def _once_each(found: list[tuple[Path, Path, str]]) -> list[tuple[Path, Path, str]]:
    """Drop a file reached a second time (named twice, or inside two folders given): fixing it twice
    would apply its fixes twice."""
    seen: set[Path] = set()
    kept = []
    for entry in found:
        key = Path(os.path.realpath(entry[1]))  # never raises, not even on a symlink loop
        if key not in seen:
            seen.add(key)
            kept.append(entry)
    return kept


def _under_common_root(found: list[tuple[Path, Path, str]]) -> list[tuple[Path, Path, str]]:
    """Relative paths under the inputs' common folder, which are unique because the files are."""
    roots = [Path(os.path.abspath(root)) for root, _, _ in found]
    common = Path(os.path.commonpath(roots)) if roots else Path.cwd()
    return [(root, file, Path(os.path.abspath(file)).relative_to(common).as_posix()) for root, file, _ in found]


def decode(data: bytes, source: Source) -> tuple[str, bool] | ReadError:
    """UTF-8 text and whether it had a BOM, or a ReadError naming what the bytes are instead: UTF-16 (with
    or without a byte order mark), binary (NUL bytes: an archive renamed `.txt` decodes as UTF-8 and
    would be "fixed" to pieces), or the first byte that is not UTF-8."""
    if not_text := _not_text(data):
        return ReadError(source, f"{not_text}; file left untouched")
    bom = data.startswith(BOM)
    try:
        return data[len(BOM):].decode("utf-8") if bom else data.decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(BOM) if bom else 0)
        return ReadError(source, f"not valid UTF-8 at byte {offset} (0x{data[offset]:02x}); file left untouched")


UTF16_BOMS = {b"\xff\xfe": "UTF-16LE", b"\xfe\xff": "UTF-16BE"}


def _not_text(data: bytes) -> str | None:
    """What ``data`` is when it is not UTF-8 text: UTF-16 or binary; None when it may be text."""
    for bom, name in UTF16_BOMS.items():
        if data.startswith(bom):
            return f"{name} text (byte order mark); corpusclean reads UTF-8"
    nul = data.find(b"\x00")
    if nul < 0:
        return None
    # BOM-less UTF-16 of mostly ASCII text: a NUL in every other byte, on the same side.
    sample = data[:65536]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if half and odd > 0.3 * half and even < 0.02 * half:
        return "UTF-16LE text without a byte order mark; corpusclean reads UTF-8"
    if half and even > 0.3 * half and odd < 0.02 * half:
        return "UTF-16BE text without a byte order mark; corpusclean reads UTF-8"
    return f"binary data (a NUL byte at offset {nul}), not text"


def read(source: Source, options: InputOptions) -> Iterator[Document | ReadError | PassThrough]:
    if source.error:
        yield ReadError(source, source.error)
        return
    if options.in_place and source.path != STDIN:
        if refusal := _not_writable(source.path):
            yield ReadError(source, refusal)
            return
    if source.kind == "jsonl":
        yield from _jsonl_rows(source, options)
        return
    if source.kind == "parquet":
        yield from _parquet_rows(source, options)
        return
    try:
        data = source.data if source.data is not None else source.path.read_bytes()
    except OSError as exc:
        yield ReadError(source, f"cannot read: {exc.strerror or exc}")
        return
    decoded = decode(data, source)
    if isinstance(decoded, ReadError):
        yield decoded
        return
    text, bom = decoded
    yield Document(source.relative, text, {"bom": bom, "source": source, "site": source.site},
                   options.format_for(source, False))


def _not_writable(path: Path) -> str | None:
    """Why ``fix`` must not rewrite ``path``, after clearing up what a killed earlier run left beside it."""
    try:
        recover(path)
        if read_only(path):
            return "read-only file: not fixed (make it writable to fix it); file left untouched"
    except OSError as exc:
        return f"cannot prepare to rewrite: {exc.strerror or exc}; file left untouched"
    return None


def open_rows(source: Source) -> BinaryIO:
    """The file's bytes, decompressed as they are read."""
    if source.compression == "gz":  # gzip.open closes the file it opened; a GzipFile over a handle does not
        return gzip.open(io.BytesIO(source.data) if source.data is not None else source.path, "rb")
    raw = io.BytesIO(source.data) if source.data is not None else open(source.path, "rb")
    if source.compression == "zst":
        return io.BufferedReader(_ZstdReader(raw))
    return raw


class _ZstdReader(io.RawIOBase):
    """Zstandard frames decompressed as they are read, one after another. zstandard's own stream reader
    ends quietly at a frame cut short, so a truncated file would read as fewer rows (or none) with no
    error; this raises EOFError instead, as gzip does."""

    CHUNK = 1 << 17

    def __init__(self, raw: BinaryIO) -> None:
        import zstandard

        self._raw, self._new, self._error = raw, zstandard.ZstdDecompressor().decompressobj, zstandard.ZstdError
        self._frame, self._pending, self._taken, self._started = self._new(), b"", 0, False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self._taken == len(self._pending):
            data = self._raw.read(self.CHUNK)
            if not data:
                if self._started and not self._frame.eof:
                    raise EOFError("compressed file ended before the end of a zstd frame (truncated?)")
                return 0
            self._feed(data)
        # Handed out from an offset: slicing off what was taken would copy the rest at every read.
        size = min(len(buffer), len(self._pending) - self._taken)
        buffer[:size] = memoryview(self._pending)[self._taken:self._taken + size]
        self._taken += size
        return size

    def _feed(self, data: bytes) -> None:
        self._pending, self._taken = b"", 0
        while data:
            if self._frame.eof:
                self._frame = self._new()
            self._started = True
            try:
                self._pending += self._frame.decompress(data)
            except self._error as exc:
                raise ValueError(f"not zstd data: {exc}") from None
            data = self._frame.unused_data if self._frame.eof else b""

    def close(self) -> None:
        self._raw.close()
        super().close()


def _jsonl_rows(source: Source, options: InputOptions) -> Iterator[Any]:
    """Rows as they stream in; only ``\n`` ends a row (JSON strings may hold U+2028 and friends)."""
    number = 0
    try:
        with open_rows(source) as handle:
            for number, raw in enumerate(handle, 1):
                yield _row(source, number, raw, options)
    except (OSError, EOFError, ValueError) as exc:  # a truncated or corrupt compressed file
        yield ReadError(source, f"cannot read after row {number}: {exc}; file left untouched", number + 1)


def _row(source: Source, number: int, raw: bytes, options: InputOptions) -> Document | PassThrough:
    bom = number == 1 and raw.startswith(BOM)
    try:
        line = raw[len(BOM):].decode("utf-8") if bom else raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return PassThrough(source, number, raw, f"not valid UTF-8 at byte {exc.start} of the row")
    if not line.strip():
        return PassThrough(source, number, raw, "blank line")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return PassThrough(source, number, raw, f"not JSON: {exc.msg}")
    except ValueError as exc:  # an integer of more digits than Python converts
        return PassThrough(source, number, raw, f"not readable JSON: {exc}")
    except RecursionError:
        return PassThrough(source, number, raw, "not readable JSON: nested too deeply")
    if not isinstance(record, dict) or not isinstance(record.get(options.text_field), str):
        what = "not an object" if not isinstance(record, dict) else f"no string field {options.text_field!r}"
        return PassThrough(source, number, raw, what)
    doc_id = record.get(options.id_field) if options.id_field else None
    doc_id = str(doc_id) if doc_id is not None else f"{source.relative}:{number}"
    return Document(doc_id, record[options.text_field], {
        "source": source, "row": number, "record": record, "raw": line, "bom": bom, "text_field": options.text_field,
        "site": site_of_record(record, options.site_fields),
    }, options.format_for(source, True))


def parquet_file(source: Source):
    """The Parquet file behind ``source`` (pyarrow is the ``parquet`` extra: imported only for Parquet)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(f"{source.path}: reading Parquet needs pyarrow: pip install 'corpusclean[parquet]'") from None
    return pq.ParquetFile(io.BytesIO(source.data) if source.data is not None else source.path)


def _parquet_rows(source: Source, options: InputOptions) -> Iterator[Any]:
    """Rows streamed batch by batch; the text column becomes documents, a row whose text is null or not a
    string is passed through. Every other column is left to the writer, which copies it."""
    row = 0
    try:
        table = parquet_file(source)
        names = table.schema_arrow.names
        if options.text_field not in names:
            yield ReadError(source, f"no column {options.text_field!r} (columns: {', '.join(names)}); file left untouched")
            return
        columns = [options.text_field] + ([options.id_field] if options.id_field in names else [])
        sites = [name for name in options.site_fields if name in names]
        read = columns + [name for name in sites if name not in columns]
        for batch in table.iter_batches(batch_size=PARQUET_BATCH, columns=read):
            ids = batch.column(1).to_pylist() if len(columns) > 1 else None
            site_rows = [dict(zip(sites, values))
                         for values in zip(*(batch.column(read.index(n)).to_pylist() for n in sites))]
            for index, text in enumerate(batch.column(0).to_pylist()):
                row += 1
                if not isinstance(text, str):
                    yield PassThrough(source, row, b"", f"{options.text_field!r} is {'null' if text is None else type(text).__name__}")
                    continue
                doc_id = str(ids[index]) if ids and ids[index] is not None else f"{source.relative}:{row}"
                site = site_of_record(site_rows[index], sites) if sites else None
                yield Document(doc_id, text, {"source": source, "row": row, "bom": False, "site": site},
                               options.format_for(source, True))
    except UsageError as exc:
        yield ReadError(source, str(exc).split(": ", 1)[1])
    except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
        yield ReadError(source, f"cannot read Parquet after row {row}: {exc}; file left untouched", row + 1)
