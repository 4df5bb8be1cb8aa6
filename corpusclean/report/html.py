"""``report/index.html``: a self-contained page for reviewing a clean run (no network, no external files).

Built from the same records as ``findings.jsonl``. Every document with findings gets a view: the lines
its findings touch, with one line of context, each change highlighted with its rule, message and evidence.
Corpus text only ever reaches the page as JSON inside ``<script type="application/json">`` (with ``<``,
``>`` and ``&`` escaped) and is put on screen with ``textContent``: a document holding ``<script>`` shows
it as text.

Size is bounded: a document shows at most MARKS_PER_DOC findings (the rest are counted, all are in
findings.jsonl), each context block at most BLOCK_CHARS characters; documents go into pages of at most
PAGE_BYTES of data (``index.html`` holds the totals, the rules, the learned decisions and the first page;
``docs-0002.html`` and on hold the rest, each self-contained), so no file is much over 2.2 MB whatever the
corpus size. Rejections are kept in the browser's storage for the run and exported as ``decisions.json``
for ``corpusclean apply``.
"""
from __future__ import annotations

import json
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from corpusclean.core.document import Document
from corpusclean.core.findings import DocResult
from corpusclean.io.atomic import write_bytes
from corpusclean.report.records import display_path
from corpusclean.text.calibration import sentence

MARKS_PER_DOC = 60
BLOCK_CHARS = 2_000
PAGE_BYTES = 2_000_000
PAGE_DOCS = 1_000


class HtmlReport:
    """A report sink: a bounded view of each document with findings, written page by page as pages fill
    (only the first page, which ``index.html`` shows under the totals, waits for the end of the run)."""

    def __init__(self, folder: Path, run_id: str | None = None) -> None:
        self.folder = folder
        # The run's key when given: a rerun of the same command on the same inputs writes the same bytes,
        # and a reviewer's saved decisions (kept in the browser under this id) still apply to it.
        self.run_id = (run_id or uuid.uuid4().hex)[:12]
        self.first: list[dict[str, Any]] = []
        self.current: list[dict[str, Any]] = self.first
        self.page, self._page_bytes = 1, 0
        self.safety: dict[str, Counter] = {}

    needs = frozenset({"view"})

    def consume(self, entry: dict[str, Any]) -> None:
        view = entry.get("view")
        if view is None:
            return
        for record in entry["records"]:
            self.safety.setdefault(record["code"], Counter())[record["safety"] or "no fix"] += 1
        size = len(json.dumps(view, ensure_ascii=False))
        if self.current and (self._page_bytes + size > PAGE_BYTES or len(self.current) >= PAGE_DOCS):
            if self.page > 1:
                self._write_page(self.page, self.current, has_next=True)
            self.page, self.current, self._page_bytes = self.page + 1, [], 0
        self.current.append(view)
        self._page_bytes += size

    def write(self, summary: dict[str, Any]) -> None:
        if self.page > 1:
            self._write_page(self.page, self.current, has_next=False)
        self._write_page(1, self.first, has_next=self.page > 1, summary=overview(summary, self.safety))

    def _write_page(self, number: int, documents: list, has_next: bool, summary: dict | None = None) -> None:
        data = {"run_id": self.run_id, "report_dir": str(self.folder.resolve()), "page": number,
                "has_next": has_next, "pages": self.page if summary else None, "documents": documents,
                "summary": summary}
        write_bytes(self.folder / page_name(number), render(data).encode("utf-8"))


def page_name(number: int) -> str:
    return "index.html" if number == 1 else f"docs-{number:04d}.html"


# What became of a finding in a clean run: its fix applied, not applied (the record's reason says why), or
# its text removed by another fix. Every finding is in exactly one.
STATES = ("applied", "skipped", "resolved")


def overview(summary: dict[str, Any], safety: dict[str, Counter]) -> dict[str, Any]:
    """The run's totals, rules and learned decisions, as the page shows them."""
    by_rule = summary.get("by_rule", {})
    skipped: Counter = Counter()
    for row in by_rule.values():
        skipped.update({key.split(":", 1)[1]: value for key, value in row.items() if key.startswith("skipped:")})
    rules = [{"code": code, "name": row["name"], **finding_states(row),
              "safety": dict(sorted(safety.get(code, {}).items()))} for code, row in sorted(by_rule.items())]
    everything = sum((Counter(finding_states(row)) for row in by_rule.values()), Counter())
    return {"totals": dict(summary.get("totals", {})), "findings": {key: everything[key] for key in ("findings", *STATES)},
            "skipped": dict(sorted(skipped.items())), "rules": rules,
            "clusters": summary.get("variant_clusters", []), "learned_lines": summary.get("learned_lines", []),
            "calibration": [{"rule": code, "sentence": sentence(found)}
                            for code, found in summary.get("calibration", {}).items()],
            "inputs": summary.get("inputs", []), "unsafe_fixes": summary.get("unsafe_fixes", False)}


def finding_states(row: dict[str, Any]) -> dict[str, int]:
    """A rule's findings and how many ended in each state, counted apart, so the page shows whether they add up.

    >>> finding_states({"name": "x", "findings": 3, "applied": 2, "resolved": 1, "skipped:unsafe": 0})
    {'findings': 3, 'applied': 2, 'skipped': 0, 'resolved': 1}
    """
    return {"findings": row.get("findings", 0), **{state: row.get(state, 0) for state in STATES}}


def document_view(doc: Document, result: DocResult, records: list[dict[str, Any]]) -> dict[str, Any]:
    """The lines each finding touches (one line of context around), and the findings as marks on them."""
    text = doc.text
    shown = sorted(records, key=lambda r: (r["start"], r["code"]))[:MARKS_PER_DOC]
    blocks: list[list[int]] = []
    for record in shown:
        start, end = _context(text, record["start"], max(record["end"], _fix_end(record)))
        if blocks and start <= blocks[-1][1] + 1:
            blocks[-1][1] = max(blocks[-1][1], end)
        else:
            blocks.append([start, end])
    marks = []
    for number, record in enumerate(shown):
        edits = (record.get("fix") or {}).get("edits") or []
        start, end = record["start"], record["end"]
        replacement = None
        if len(edits) == 1 and edits[0]["start"] <= start and end <= edits[0]["end"] <= len(text):
            start, end, replacement = edits[0]["start"], edits[0]["end"], edits[0]["replacement"]
        marks.append({"n": number, "start": start, "end": end, "replacement": replacement,
                      "code": record["code"], "name": record["name"], "message": record["message"],
                      "status": record["status"], "reason": record["reason"], "safety": record["safety"],
                      "evidence": record.get("evidence") or {}, "matched": record["matched"],
                      "key": [doc.id, record["code"], record["start"], record["end"], record["matched"]]})
    return {"id": doc.id, "path": display_path(doc), "changed": result.changed, "findings": len(records),
            "hidden": len(records) - len(shown),
            "blocks": [{"start": s, "text": text[s:min(e, s + BLOCK_CHARS)], "line": text.count("\n", 0, s) + 1}
                       for s, e in blocks],
            "marks": marks}


def _fix_end(record: dict[str, Any]) -> int:
    edits = (record.get("fix") or {}).get("edits") or []
    return max((e["end"] for e in edits), default=record["end"])


def _context(text: str, start: int, end: int) -> tuple[int, int]:
    """From the start of the line before ``start`` to the end of the line after ``end``."""
    begin = text.rfind("\n", 0, start)
    begin = text.rfind("\n", 0, begin) + 1 if begin > 0 else 0
    finish = text.find("\n", end)
    finish = text.find("\n", finish + 1) if finish >= 0 else -1
    return begin, len(text) if finish < 0 else finish


def _asset(name: str) -> str:
    from importlib import resources

    return resources.files("corpusclean.report").joinpath("static", name).read_text(encoding="utf-8")


def render(data: dict[str, Any]) -> str:
    """The page: viewer styles and script inline, the data as escaped JSON."""
    payload = (json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
               .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    title = "corpusclean report" if data["page"] == 1 else f"corpusclean report, page {data['page']}"
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            f"style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{title}</title>\n<style>\n{_asset('viewer.css')}</style>\n</head>\n<body>\n"
            f"<script type=\"application/json\" id=\"report-data\">{payload}</script>\n"
            f"<script>\n{_asset('viewer.js')}</script>\n</body>\n</html>\n")
