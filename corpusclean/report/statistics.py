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
    """Corpus-wide decisions gathered from the findings that carry them (a variant cluster and its
    canonical form; a learned boilerplate line), so a reviewer sees each decision once with its counts
    and example documents, not once per occurrence."""

    EXAMPLES = 3

    def __init__(self) -> None:
        self.clusters: dict[str, dict[str, Any]] = {}
        self.learned: dict[tuple[str, str], dict[str, Any]] = {}  # by (site or "", line)
        self.calibration: dict[str, dict[str, Any]] = {}  # by rule: what its calibration on the corpus found

    def add(self, records: Iterable[Mapping[str, Any]]) -> None:
        for record in records:
            evidence = record.get("evidence") or {}
            if evidence.get("calibration"):
                self.calibration.setdefault(record["code"], evidence["calibration"])
            if "canonical" in evidence and "forms" in evidence:
                entry = self.clusters.setdefault(evidence["canonical"], {
                    "rule": record["code"], "canonical": evidence["canonical"],
                    "chosen-by": evidence.get("chosen-by"), "forms": evidence["forms"]})
            elif "learned-line" in evidence:  # per site, a line is one decision for each site
                site = evidence.get("site")
                entry = self.learned.setdefault((site or "", evidence["learned-line"]), {
                    "rule": record["code"], "line": evidence["learned-line"], "documents": evidence["documents"],
                    "share": evidence["share"], **({"site": site, "site-documents": evidence["site-documents"]}
                                                   if site else {})})
            else:
                continue
            entry.setdefault("occurrences", 0)
            entry.setdefault("applied", 0)
            entry.setdefault("examples", [])
            entry["occurrences"] += 1
            entry["applied"] += record["status"] == "applied"
            if len(entry["examples"]) < self.EXAMPLES and record["path"] not in entry["examples"]:
                entry["examples"].append(record["path"])

    def as_json(self) -> list[dict[str, Any]]:
        return [self.clusters[key] for key in sorted(self.clusters)]

    def learned_json(self) -> list[dict[str, Any]]:
        return sorted(self.learned.values(), key=lambda e: (-e["documents"], e["line"], e.get("site", "")))

    def calibration_json(self) -> dict[str, dict[str, Any]]:
        return dict(sorted(self.calibration.items()))

    def lines(self) -> list[str]:
        from corpusclean.text.calibration import sentence

        rows = [f"{code} calibration: {sentence(found)}" for code, found in self.calibration_json().items()]
        if self.clusters:
            rows.append(f"Variant clusters ({len(self.clusters)}), each decided once:")
            for entry in sorted(self.clusters.values(), key=lambda e: (-e["forms"][e["canonical"]]["count"],
                                                                       e["canonical"])):
                forms = ", ".join(f"{form} x{info['count']} in {info['documents']} docs"
                                  for form, info in entry["forms"].items())
                rows.append(f"  {entry['canonical']} <- {forms} ({entry['chosen-by']}; "
                            f"{entry['applied']} of {entry['occurrences']} fixed; e.g. {', '.join(entry['examples'])})")
        if self.learned:
            rows.append(f"Learned boilerplate lines ({len(self.learned)}), each decided once:")
            for entry in self.learned_json():
                where = f" of {entry['site-documents']} of {entry['site']}" if entry.get("site") else ""
                rows.append(f"  {entry['line'][:80]!r} in {entry['documents']} docs{where} ({entry['applied']} of "
                            f"{entry['occurrences']} removed; e.g. {', '.join(entry['examples'])})")
        return rows


class AnalysisTally:
    """What the analysis saw across documents: their languages, and the findings the prose guard dropped
    (in code or markup, by a suppression comment, in another language, a code word), by reason."""

    EXAMPLES = 5

    def __init__(self) -> None:
        self.languages: Counter = Counter()
        self.suppressed: Counter = Counter()
        self.details: dict[str, Counter] = {}

    def add(self, entry: Mapping[str, Any]) -> None:
        self.languages[entry.get("language", "und")] += 1
        for reason, detail, count in entry.get("suppressed", ()):
            self.suppressed[reason] += count
            self.details.setdefault(reason, Counter())[detail] += count

    def as_json(self) -> dict[str, Any]:
        return {"languages": dict(self.languages.most_common()),
                "suppressed": {reason: {"findings": n, "by": dict(self.details[reason].most_common())}
                               for reason, n in self.suppressed.most_common()}}

    def lines(self) -> list[str]:
        rows = []
        if self.languages:
            rows.append("languages: " + ", ".join(f"{code} {n}" for code, n in self.languages.most_common()))
        for reason, n in self.suppressed.most_common():
            shown = ", ".join(f"{detail} x{k}" for detail, k in self.details[reason].most_common(self.EXAMPLES))
            rows.append(f"suppressed: {n} {reason} ({shown})")
        return rows
