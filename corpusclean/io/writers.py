"""Writing cleaned documents back: in place (``fix``) or into a mirrored tree (``clean --out``).

Both keep what the reader saw: a BOM, line endings (the text is never re-split), JSONL field order and
every field but the text. Unchanged JSONL rows are written back byte for byte.
"""
from __future__ import annotations

import contextlib
import gzip
import io
import sys
from pathlib import Path
from typing import BinaryIO

from corpusclean.core.document import Document
from corpusclean.core.findings import DocResult
from corpusclean.io.atomic import atomic_writer, write_bytes
from corpusclean.io.jsonl_edit import replace_value
from corpusclean.io.sources import BOM, STDIN, PassThrough, ReadError, Source


def encode_text(text: str, bom: bool) -> bytes:
    return (BOM if bom else b"") + text.encode("utf-8")


def jsonl_row(doc: Document, result: DocResult) -> bytes:
    """The row as it should be written: the original bytes when unchanged, else the same bytes with only
    the text value replaced (numbers, escapes, key order and duplicate keys elsewhere stay as they were)."""
    raw: str = doc.metadata["raw"]
    if not result.changed:
        return raw.encode("utf-8")
    return replace_value(raw, doc.metadata["text_field"], result.cleaned).encode("utf-8")


def open_output(stack: contextlib.ExitStack, path: Path, source: Source) -> BinaryIO:
    """An atomic writer for ``path``, compressed like ``source`` (gzip with no timestamp, so that the same
    input gives the same bytes)."""
    return compressed(stack, stack.enter_context(atomic_writer(path)), source)


def compressed(stack: contextlib.ExitStack, handle: BinaryIO, source: Source) -> BinaryIO:
    """``handle``, compressed like ``source``."""
    if source.compression == "gz":
        return stack.enter_context(gzip.GzipFile(fileobj=handle, mode="wb", mtime=0, filename=""))
    if source.compression == "zst":
        import zstandard

        return stack.enter_context(zstandard.ZstdCompressor().stream_writer(handle, closefd=False))
    return handle


def _row_bytes(item, result: DocResult | None) -> bytes:
    if isinstance(item, PassThrough):
        return item.raw
    data = jsonl_row(item, result)
    return (BOM + data) if item.metadata.get("bom") else data


class ParquetRows:
    """A Parquet source written back: the cleaned texts of the changed rows are kept by row number, and
    at the end of the source the file is read again batch by batch and written with those texts in the
    text column; every other column, the schema and its metadata are copied as they are."""

    def __init__(self) -> None:
        self.changed: dict[int, str] = {}

    def add(self, item, result: DocResult | None) -> None:
        if isinstance(item, Document) and result is not None and result.changed:
            self.changed[item.metadata["row"]] = result.cleaned

    def write(self, source: Source, target: Path, text_field: str) -> None:
        with atomic_writer(target) as handle:
            self.write_to(handle, source, text_field)

    def write_to(self, handle: BinaryIO, source: Source, text_field: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from corpusclean.io.sources import PARQUET_BATCH, parquet_file

        table = parquet_file(source)
        schema = table.schema_arrow
        column = schema.get_field_index(text_field)
        with pq.ParquetWriter(handle, schema) as writer:
            row = 0
            for batch in table.iter_batches(batch_size=PARQUET_BATCH):
                texts = batch.column(column).to_pylist()
                texts = [self.changed.get(row + i + 1, text) for i, text in enumerate(texts)]
                row += len(texts)
                columns = list(batch.columns)
                columns[column] = pa.array(texts, type=schema.field(column).type)
                writer.write_batch(pa.RecordBatch.from_arrays(columns, schema=schema))


class TreeWriter:
    """Writes the whole cleaned corpus under ``out``, mirroring the input tree; unreadable files are copied
    byte for byte so the output corpus is complete."""

    def __init__(self, out: Path, text_field: str = "text") -> None:
        self.out = out
        self.text_field = text_field
        self._stack = contextlib.ExitStack()
        self._handle = None
        self._failed = False
        self._parquet: ParquetRows | None = None

    def begin(self, source: Source) -> None:
        self._failed = False
        self._parquet = ParquetRows() if source.kind == "parquet" else None
        if source.kind == "jsonl":
            self._handle = open_output(self._stack, self.out / source.relative, source)

    def item(self, item, result: DocResult | None = None) -> None:
        if isinstance(item, ReadError):
            self._failed = True
        elif self._parquet is not None:
            self._parquet.add(item, result)
        elif isinstance(item, Document) and item.metadata["source"].kind == "text":
            write_bytes(self.out / item.id, encode_text(result.cleaned, item.metadata["bom"]))
        else:
            self._handle.write(_row_bytes(item, result))

    def end(self, source: Source) -> None:
        self._stack.close()
        self._handle = None
        if self._failed:
            try:  # keep the output corpus complete: what could not be cleaned is copied as it is
                data = source.data if source.data is not None else source.path.read_bytes()
            except OSError:
                data = None  # unreadable (reported already): nothing to copy, and the run goes on
            if data is not None:
                write_bytes(self.out / source.relative, data)
        elif self._parquet is not None:
            self._parquet.write(source, self.out / source.relative, self.text_field)
        self._parquet = None


class InPlaceWriter:
    """Rewrites changed inputs in place (``fix``); files with no change are not touched. Standard input
    (`-`) goes to standard output, changed or not: a filter always passes its text on."""

    def __init__(self, text_field: str = "text") -> None:
        self.text_field = text_field
        self._rows: list[bytes] | None = None
        self._changed = False
        self._parquet: ParquetRows | None = None
        self.changed_files: list[Path] = []

    def begin(self, source: Source) -> None:
        self._rows, self._changed = ([] if source.kind == "jsonl" else None), False
        self._parquet = ParquetRows() if source.kind == "parquet" else None

    def item(self, item, result: DocResult | None = None) -> None:
        if isinstance(item, ReadError):
            if item.source.path == STDIN and item.source.data is not None:
                sys.stdout.buffer.write(item.source.data)  # a filter passes on what it cannot read, as it is
            self._changed = False  # rows after the error were never read: rewriting would lose them
            self._rows = self._parquet = None
            return
        if self._parquet is not None:
            self._parquet.add(item, result)
            return
        if isinstance(item, Document) and item.metadata["source"].path == STDIN and item.metadata["source"].kind == "text":
            sys.stdout.buffer.write(encode_text(result.cleaned, item.metadata["bom"]))
            return
        if isinstance(item, Document) and item.metadata["source"].kind == "text":
            if result.changed:
                path = item.metadata["source"].path
                write_bytes(path, encode_text(result.cleaned, item.metadata["bom"]))
                self.changed_files.append(path)
            return
        if self._rows is not None:
            self._rows.append(_row_bytes(item, result))
            self._changed |= result is not None and result.changed

    def end(self, source: Source) -> None:
        if self._parquet is not None and source.path == STDIN:
            if self._parquet.changed:
                output = io.BytesIO()  # pyarrow needs a seekable handle; standard output may be a pipe
                self._parquet.write_to(output, source, self.text_field)
                sys.stdout.buffer.write(output.getvalue())
            else:
                sys.stdout.buffer.write(source.data)
        elif self._parquet is not None and self._parquet.changed:
            self._parquet.write(source, source.path, self.text_field)
            self.changed_files.append(source.path)
        self._parquet = None
        to_stdout = source.path == STDIN
        if self._rows is not None and (to_stdout or self._changed):
            with contextlib.ExitStack() as stack:
                if to_stdout:
                    handle = compressed(stack, sys.stdout.buffer, source)
                else:
                    handle = open_output(stack, source.path, source)
                    self.changed_files.append(source.path)
                for row in self._rows:  # zstandard's writer has no writelines
                    handle.write(row)
        self._rows = None
