"""Counts per rule (``--statistics``, ``summary.json``)."""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Mapping


class RuleTally:
    """Counts findings per rule as records stream by: total, applied, fixable, by status."""

    def __init__(self) -> None:
        self.by_rule: dict[str, Counter] = {}
        self.names: dict[str, str] = {}

    def add(self, records: Iterable[Mapping[str, Any]]) -> None:
        for record in records:
            counts = self.by_rule.setdefault(record["code"], Counter())
            self.names[record["code"]] = record["name"]
            counts["findings"] += 1
            counts[record["status"]] += 1
            if record["reason"]:
                counts[f"skipped:{record['reason']}"] += 1

    def as_json(self) -> dict[str, Any]:
        return {code: {"name": self.names[code], **dict(sorted(counts.items()))}
                for code, counts in sorted(self.by_rule.items())}

    def lines(self, fixing: bool) -> list[str]:
        rows = []
        for code, counts in sorted(self.by_rule.items(), key=lambda kv: (-kv[1]["findings"], kv[0])):
            shown = counts["findings"] - (counts["applied"] if fixing else 0)
            if not shown and not counts["applied"]:
                continue
            mark = "[*]" if counts["fixable"] or counts["applied"] else "   "
            extra = f"  ({counts['applied']} fixed)" if fixing and counts["applied"] else ""
            rows.append(f"{counts['findings']:>7}  {code}  {mark} {self.names[code]}{extra}")
        return rows
