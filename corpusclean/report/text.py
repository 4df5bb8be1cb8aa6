"""Terminal lines, ruff-style: ``path:line:col: CODE [*] message``, and the closing summary."""
from __future__ import annotations

from typing import Any, Mapping


def finding_line(record: Mapping[str, Any]) -> str:
    mark = " [*]" if record["status"] == "fixable" else ""
    return f"{record['path']}:{record['line']}:{record['col']}: {record['code']}{mark} {record['message']}"


def summary_lines(totals: Mapping[str, int], fixing: bool) -> list[str]:
    remaining, fixed = totals["remaining"], totals["applied"]
    lines = []
    if fixing:
        lines.append(f"Found {remaining + fixed} findings ({fixed} fixed, {remaining} remaining) "
                     f"in {totals['documents']} documents; {totals['changed']} changed.")
    elif remaining:
        lines.append(f"Found {remaining} findings in {totals['documents']} documents.")
        if totals["fixable"]:
            lines.append(f"[*] {totals['fixable']} fixable with `corpusclean fix`"
                         + (f" ({totals['unsafe']} more with --unsafe-fixes)." if totals["unsafe"] else "."))
    else:
        lines.append(f"All checks passed ({totals['documents']} documents).")
    if totals["errors"]:
        lines.append(f"{totals['errors']} inputs could not be read (see errors above).")
    return lines

