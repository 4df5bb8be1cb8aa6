"""Findings as flat, JSON-able records: the one shape every report is built from."""
from __future__ import annotations

from typing import Any

from corpusclean.core.document import Document
from corpusclean.core.findings import DocResult, Finding
from corpusclean.io.jsonl_edit import ValueOffsets
from corpusclean.text.lines import LineIndex

SCHEMA_VERSION = 1
DONE_STATUSES = ("applied", "resolved")  # no longer in the cleaned text


def display_path(doc: Document) -> str:
    source = doc.metadata["source"]
    if source.kind == "jsonl":
        return f"{source.path}[{doc.id if doc.metadata.get('record') is not None else doc.metadata['row']}]"
    if source.kind == "parquet":
        return f"{source.path}[{doc.id}]"
    return str(source.path)


class _Positions:
    """1-based (line, column) of a text offset in the file a user opens: for a JSONL row, the row's line
    and the column of the character inside the JSON string (escapes counted), so that editors and GitHub
    annotations point at it; for everything else, the position in the text."""

    def __init__(self, doc: Document) -> None:
        self._row, self._offsets, self._index = doc.metadata.get("row"), None, None
        if doc.metadata.get("raw") is not None:
            self._offsets = ValueOffsets(doc.metadata["raw"], doc.metadata["text_field"])
        else:
            self._index = LineIndex(doc.text)

    def __call__(self, offset: int) -> tuple[int, int]:
        if self._offsets is not None:
            return self._row, self._offsets[offset] + 1
        return self._index.position(offset)


def file_path(doc: Document) -> str:
    """The file a finding is in, as editors and GitHub annotations name it (a record's id aside)."""
    source = doc.metadata["source"]
    return str(source.path) if source.kind == "jsonl" else display_path(doc)


def _status(finding: Finding, pending: dict) -> tuple[str, str | None]:
    reason = pending.get((finding.code, finding.span, finding.matched))
    if reason is None:
        return "applied", None
    if reason == "check-only":
        return "fixable", None
    if reason == "resolved":
        return "resolved", None
    return "skipped", reason


def finding_records(doc: Document, result: DocResult) -> list[dict[str, Any]]:
    if not result.findings:
        return []
    pending = {(s.finding.code, s.finding.span, s.finding.matched): s.reason for s in result.skipped}
    position = _Positions(doc)
    records = []
    for finding in result.findings:
        line, col = position(finding.span.start)
        end_line, end_col = position(finding.span.end)
        status, reason = _status(finding, pending)
        fix = finding.fix
        records.append({
            "schema_version": SCHEMA_VERSION,
            "doc_id": doc.id,
            "path": display_path(doc),
            "file": file_path(doc),
            "code": finding.code,
            "name": finding.name,
            "line": line, "col": col, "end_line": end_line, "end_col": end_col,
            "start": finding.span.start, "end": finding.span.end,
            "matched": finding.matched,
            "message": finding.message,
            "status": status,
            "reason": reason,
            "safety": fix.safety.label if fix else None,
            "fix": {"title": fix.title, "edits": [e.to_json() for e in fix.edits]} if fix else None,
            "evidence": finding.evidence,
            "explanation": list(finding.explanation),
        })
    return records
