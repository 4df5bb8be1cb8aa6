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


class DecisionTally:
    """Corpus-wide decisions (a variant cluster and its canonical form) gathered from the findings that
    carry them, so a reviewer sees each decision once with its counts and example documents, not once
    per occurrence."""

    EXAMPLES = 3

    def __init__(self) -> None:
        self.clusters: dict[str, dict[str, Any]] = {}

    def add(self, records: Iterable[Mapping[str, Any]]) -> None:
        for record in records:
            evidence = record.get("evidence") or {}
            if "canonical" not in evidence or "forms" not in evidence:
                continue
            entry = self.clusters.setdefault(evidence["canonical"], {
                "rule": record["code"], "canonical": evidence["canonical"], "chosen-by": evidence.get("chosen-by"),
                "forms": evidence["forms"], "occurrences": 0, "applied": 0, "examples": []})
            entry["occurrences"] += 1
            entry["applied"] += record["status"] == "applied"
            if len(entry["examples"]) < self.EXAMPLES and record["path"] not in entry["examples"]:
                entry["examples"].append(record["path"])

    def as_json(self) -> list[dict[str, Any]]:
        return [self.clusters[key] for key in sorted(self.clusters)]

    def lines(self) -> list[str]:
        if not self.clusters:
            return []
        rows = [f"Variant clusters ({len(self.clusters)}), each decided once:"]
        for entry in sorted(self.clusters.values(), key=lambda e: (-e["forms"][e["canonical"]]["count"],
                                                                   e["canonical"])):
            forms = ", ".join(f"{form} x{info['count']} in {info['documents']} docs"
                              for form, info in entry["forms"].items())
            rows.append(f"  {entry['canonical']} <- {forms} ({entry['chosen-by']}; "
                        f"{entry['applied']} of {entry['occurrences']} fixed; e.g. {', '.join(entry['examples'])})")
        return rows
