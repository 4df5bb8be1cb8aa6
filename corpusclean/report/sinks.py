"""Report sinks: they receive each document's result as it arrives, in input order.

``Totals`` counts and records errors, ``Printer`` writes findings to the terminal, ``DiffPrinter`` prints
unified diffs, ``ReportDir`` streams ``findings.jsonl``, ``edits.jsonl`` and ``changes.diff`` and finally
writes ``summary.json``.
"""
from __future__ import annotations

import contextlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from corpusclean.core.findings import DocResult
from corpusclean.io.atomic import atomic_writer, write_bytes
from corpusclean.io.sources import PassThrough, ReadError, Source
from corpusclean.report.diff import unified_diff
from corpusclean.report.html import document_view
from corpusclean.report.markdown import markdown_summary
from corpusclean.report.records import DONE_STATUSES, SCHEMA_VERSION, display_path, finding_records
from corpusclean.report.statistics import AnalysisTally, DecisionTally, RuleTally
from corpusclean.report.text import finding_line, github_line


class Totals:
    """Counts documents, changes, findings and unreadable inputs; errors go to stderr at once."""

    def __init__(self, err: TextIO | None = None) -> None:
        self.counts: Counter = Counter(documents=0, changed=0, errors=0, passed_through=0, applied=0, resolved=0,
                                       remaining=0, fixable=0, unsafe=0)
        self.tally = RuleTally()
        self.decisions = DecisionTally()
        self.analysis = AnalysisTally()
        self.errors: list[str] = []
        self.err = err or sys.stderr

    def begin(self, source: Source) -> None:
        pass

    needs: frozenset[str] = frozenset()

    def consume(self, entry: dict[str, Any]) -> None:
        if "error" in entry:
            self.counts["errors"] += 1
            self.errors.append(entry["error"])
            print(f"error: {self.errors[-1]}", file=self.err)
            return
        if "passed" in entry:
            self.counts["passed_through"] += 1
            if entry["passed"] != "blank line":
                print(f"warning: {entry['where']}: {entry['passed']}; row kept unchanged", file=self.err)
            return
        records = entry["records"]
        self.analysis.add(entry)
        self.counts["documents"] += 1
        self.counts["changed"] += entry["changed"]
        self.tally.add(records)
        self.decisions.add(records)
        for record in records:
            if record["status"] in DONE_STATUSES:
                self.counts[record["status"]] += 1
                continue
            self.counts["remaining"] += 1
            self.counts["fixable"] += record["status"] == "fixable"
            self.counts["unsafe"] += record["reason"] == "unsafe"

    def end(self, source: Source) -> None:
        pass


class Printer:
    """Findings still present after the run, as text lines or one JSON array."""

    def __init__(self, output_format: str, out: TextIO | None = None) -> None:
        self.format = output_format
        self.out = out or sys.stdout
        self.collected: list[dict] = []

    needs: frozenset[str] = frozenset()

    def consume(self, entry: dict[str, Any]) -> None:
        for record in entry.get("records", ()):
            if record["status"] in DONE_STATUSES:
                continue
            if self.format == "json":
                self.collected.append(record)
            elif self.format == "github":
                print(github_line(record), file=self.out)
            else:
                print(finding_line(record), file=self.out)

    def close(self) -> None:
        if self.format == "json":
            json.dump(self.collected, self.out, ensure_ascii=False, indent=2)
            self.out.write("\n")


class DiffPrinter:
    needs = frozenset({"diff"})

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stdout

    def consume(self, entry: dict[str, Any]) -> None:
        if entry.get("diff"):
            self.out.write(entry["diff"])


class ReportDir:
    """``DIR/report/``: findings.jsonl (schema-versioned records), edits.jsonl (the replayable log of
    applied edits per document, in original offsets), changes.diff and, on close, summary.json and
    summary.md."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._stack = contextlib.ExitStack()
        self.findings = self._stack.enter_context(atomic_writer(folder / "findings.jsonl"))
        self.edits = self._stack.enter_context(atomic_writer(folder / "edits.jsonl"))
        self.diff = self._stack.enter_context(atomic_writer(folder / "changes.diff"))

    needs = frozenset({"edits", "diff"})

    def consume(self, entry: dict[str, Any]) -> None:
        for record in entry.get("records", ()):
            self.findings.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        if entry.get("edits"):
            log = {"schema_version": SCHEMA_VERSION, "doc_id": entry["id"], "path": entry["path"],
                   "edits": entry["edits"]}
            self.edits.write((json.dumps(log, ensure_ascii=False) + "\n").encode("utf-8"))
            # edits that cancel out (one fix undone by another) leave no diff
            self.diff.write(entry.get("diff", "").encode("utf-8"))

    def close(self, summary: dict[str, Any]) -> None:
        self._stack.close()
        write_bytes(self.folder / "summary.json",
                    (json.dumps(summary, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        write_bytes(self.folder / "summary.md", markdown_summary(summary).encode("utf-8"))


class Reporter:
    """The executor's sink for reports: turns each item and its result into one JSON-able entry (records,
    and the edits log, diff and page view when a child needs them), once, and hands it on.

    ``in_place`` (``fix``): a file of rows is rewritten only when all of it was read, so its entries are
    held until its end; when a read error cut it short, its fixes are reported as not applied."""

    def __init__(self, *children: Any, in_place: bool = False) -> None:
        self.children = children
        self.parts = frozenset().union(*(child.needs for child in children))
        self.in_place = in_place
        self._held: list[dict[str, Any]] | None = None

    def begin(self, source: Source) -> None:
        self._held = [] if self.in_place and source.kind != "text" else None
        for child in self.children:
            getattr(child, "begin", lambda s: None)(source)

    def item(self, item: Any, result: DocResult | None = None) -> None:
        entry = report_entry(item, result, self.parts)
        if self._held is not None:
            self._held.append(entry)
            return
        self._hand_on(entry)

    def end(self, source: Source) -> None:
        if self._held is not None:
            cut_short = any("error" in entry for entry in self._held)
            for entry in self._held:
                self._hand_on(not_written(entry) if cut_short else entry)
            self._held = None
        for child in self.children:
            getattr(child, "end", lambda s: None)(source)

    def _hand_on(self, entry: dict[str, Any]) -> None:
        for child in self.children:
            child.consume(entry)


def not_written(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry of a row whose file was left untouched: nothing in it was applied."""
    if "records" not in entry:
        return entry
    records = [{**r, "status": "skipped", "reason": "file not written"} if r["status"] in DONE_STATUSES else r
               for r in entry["records"]]
    return {key: value for key, value in entry.items() if key not in ("edits", "diff")} | {
        "records": records, "changed": False}


def report_entry(item: Any, result: DocResult | None, parts: frozenset[str]) -> dict[str, Any]:
    """What every report needs of one item, as plain data (it can be saved and replayed: see resume)."""
    if isinstance(item, ReadError):
        return {"error": f"{item.source.path}: {item.message}"}
    if isinstance(item, PassThrough):
        return {"passed": item.message, "where": f"{item.source.path}:{item.row}"}
    if result.over_budget:
        return {"error": f"{display_path(item)}: over the time budget of {result.over_budget:g} s per document "
                         "(time-budget in the config); passed through unchanged"}
    records = finding_records(item, result)
    entry: dict[str, Any] = {"id": item.id, "path": display_path(item), "records": records, "changed": result.changed,
                             "language": result.language, "suppressed": [list(s) for s in result.suppressed]}
    if result.applied and "edits" in parts:
        entry["edits"] = [{"start": e.span.start, "end": e.span.end, "replacement": e.replacement,
                           "codes": list(e.codes)} for e in result.applied]
    if result.changed and "diff" in parts:
        entry["diff"] = unified_diff(entry["path"], result.original, result.cleaned)
    if records and "view" in parts:
        entry["view"] = document_view(item, result, records)
    return entry
