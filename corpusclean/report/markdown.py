"""``report/summary.md``: the run in a few lines of Markdown, short enough for a CI comment."""
from __future__ import annotations

from typing import Any

from corpusclean.report.text import counted
from corpusclean.text.calibration import sentence

MAX_ROWS = 10  # decisions listed; the rest are counted (all are in summary.json and index.html)


def markdown_summary(summary: dict[str, Any]) -> str:
    totals = summary.get("totals", {})
    documents, changed = totals.get("documents", 0), totals.get("changed", 0)
    lines = ["## corpusclean", "",
             f"{counted(documents, 'document')} read, {changed} changed, {documents - changed} untouched; "
             f"{counted(totals.get('applied', 0), 'fix')} applied, {totals.get('resolved', 0)} findings resolved by "
             f"other fixes, {counted(totals.get('remaining', 0), 'finding')} left "
             f"({totals.get('unsafe', 0)} need `--unsafe-fixes` or a review)"
             + (f"; {counted(totals['errors'], 'input')} left untouched (see the errors)" if totals.get("errors") else "") + ".", "",
             "| rule | name | findings | applied |", "|---|---|---:|---:|"]
    for code, row in sorted(summary.get("by_rule", {}).items()):
        lines.append(f"| {code} | {row['name']} | {row.get('findings', 0)} | {row.get('applied', 0)} |")
    clusters, learned = summary.get("variant_clusters", []), summary.get("learned_lines", [])
    for code, found in summary.get("calibration", {}).items():
        lines += ["", f"**{code} calibration**: {sentence(found)}."]
    if clusters:
        lines += ["", f"**Variant clusters** ({len(clusters)}):"]
        for cluster in clusters[:MAX_ROWS]:
            forms = ", ".join(f"`{_code(f)}` ×{info['count']}" for f, info in cluster["forms"].items())
            lines.append(f"- `{_code(cluster['canonical'])}` ← {forms} ({cluster['chosen-by']})")
        lines += [f"- … {len(clusters) - MAX_ROWS} more"] if len(clusters) > MAX_ROWS else []
    if learned:
        lines += ["", f"**Learned boilerplate lines** ({len(learned)}):"]
        for entry in learned[:MAX_ROWS]:
            where = f" of {entry['site-documents']} of {_code(entry['site'])}" if entry.get("site") else ""
            lines.append(f"- `{_code(entry['line'][:100])}` in {entry['documents']} documents{where}")
        lines += [f"- … {len(learned) - MAX_ROWS} more"] if len(learned) > MAX_ROWS else []
    lines += ["", "Review every change in `report/index.html`; reject what is wrong, export `decisions.json` and "
              "run `corpusclean apply`."]
    return "\n".join(lines) + "\n"


def _code(text: str) -> str:
    """Text safe inside a Markdown code span on one line."""
    return " ".join(text.split()).replace("`", "ˋ")
