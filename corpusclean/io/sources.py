"""Inputs: find the files behind the paths a user gives, and read them into documents.

A plain-text file (``.txt``, ``.md``, or any file named directly) is one document; a ``.jsonl`` file holds
one document per line. Undecodable bytes never pass silently: such a file becomes a :class:`ReadError`
with its byte offset, and is left untouched.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from corpusclean.core.document import Document
from corpusclean.core.errors import UsageError

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl",)
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Source:
    """One input file. ``relative`` is its path under the input root (the document id for text files)."""

    path: Path
    relative: str
    kind: str  # "text" or "jsonl"


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


def kind_of(path: Path) -> str:
    return "jsonl" if path.suffix.lower() in JSONL_SUFFIXES else "text"


def discover(paths: Sequence[Path]) -> list[Source]:
    """The files behind ``paths``: files as given, folders walked for .txt/.md/.jsonl in sorted order."""
    sources: list[Source] = []
    for path in paths:
        if path.is_file():
            sources.append(Source(path, path.name, kind_of(path)))
        elif path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = file.relative_to(path)
                if any(part.startswith(".") for part in relative.parts):
                    continue  # hidden files and folders (.git, .venv) are not corpus text
                if file.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
                    sources.append(Source(file, relative.as_posix(), kind_of(file)))
        else:
            raise UsageError(f"{path}: no such file or folder")
    return sources


def decode(data: bytes, source: Source) -> tuple[str, bool] | ReadError:
    """UTF-8 text and whether it had a BOM, or a ReadError naming the first bad byte."""
    bom = data.startswith(BOM)
    try:
        return data[len(BOM):].decode("utf-8") if bom else data.decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(BOM) if bom else 0)
        return ReadError(source, f"not valid UTF-8 at byte {offset} (0x{data[offset]:02x}); file left untouched")


def read(source: Source, options: InputOptions) -> Iterator[Document | ReadError | PassThrough]:
    try:
        data = source.path.read_bytes()
    except OSError as exc:
        yield ReadError(source, f"cannot read: {exc.strerror or exc}")
        return
    decoded = decode(data, source)
    if isinstance(decoded, ReadError):
        yield decoded
        return
    text, bom = decoded
    if source.kind == "text":
        yield Document(source.relative, text, {"bom": bom, "source": source})
    else:
        yield from _jsonl_rows(source, text, bom, options)


def _jsonl_rows(source: Source, text: str, bom: bool, options: InputOptions) -> Iterator[Any]:
    for number, line in enumerate(_split_rows(text), 1):
        if not line.strip():
            yield PassThrough(source, number, line.encode("utf-8"), "blank line")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield PassThrough(source, number, line.encode("utf-8"), f"not JSON: {exc.msg}")
            continue
        if not isinstance(record, dict) or not isinstance(record.get(options.text_field), str):
            what = "not an object" if not isinstance(record, dict) else f"no string field {options.text_field!r}"
            yield PassThrough(source, number, line.encode("utf-8"), what)
            continue
        doc_id = record.get(options.id_field) if options.id_field else None
        doc_id = str(doc_id) if doc_id is not None else f"{source.relative}:{number}"
        yield Document(doc_id, record[options.text_field], {
            "source": source, "row": number, "record": record, "raw": line, "bom": bom and number == 1,
            "text_field": options.text_field,
        })


def _split_rows(text: str) -> Iterator[str]:
    """JSONL rows with their line breaks; only ``\n`` ends a row (JSON strings may hold U+2028 and friends)."""
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end + 1
        yield text[pos:end]
        pos = end
