"""Terminal lines, ruff-style: ``path:line:col: CODE [*] message``, and the closing summary."""
from __future__ import annotations

from typing import Any, Mapping


def finding_line(record: Mapping[str, Any]) -> str:
    mark = " [*]" if record["status"] == "fixable" else ""
    return f"{record['file']}:{record['line']}:{record['col']}: {record['code']}{mark} {record['message']}"


def github_line(record: Mapping[str, Any]) -> str:
    """A GitHub Actions workflow command: the finding shows as an annotation on the file's line."""
    level = "warning" if record["status"] in ("fixable", "skipped") else "notice"
    props = (f"file={_escape(record['file'], True)},line={record['line']},col={record['col']},"
             f"endLine={record['end_line']},endColumn={record['end_col']},"
             f"title={_escape(record['code'] + ' ' + record['name'], True)}")
    return f"::{level} {props}::{_escape(record['message'], False)}"


def _escape(text: str, property_value: bool) -> str:
    """GitHub's escaping for workflow commands: %, CR and LF always; also : and , in property values."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def counted(n: int, noun: str) -> str:
    """``1 document``, ``2 documents``, ``2 fixes``."""
    return f"{n:,} {noun}" + ("" if n == 1 else "es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def summary_lines(totals: Mapping[str, int], fixing: bool) -> list[str]:
    remaining, fixed, documents = totals["remaining"], totals["applied"], totals["documents"]
    resolved = totals.get("resolved", 0)  # gone with the text another fix removed
    lines = []
    if fixing:
        gone = f", {resolved:,} resolved by other fixes" if resolved else ""
        lines.append(f"Found {counted(remaining + fixed + resolved, 'finding')} ({fixed:,} fixed{gone}, "
                     f"{remaining:,} remaining) in {counted(documents, 'document')}; {totals['changed']:,} changed.")
    elif remaining:
        lines.append(f"Found {counted(remaining, 'finding')} in {counted(documents, 'document')}.")
        if totals["fixable"]:
            lines.append(f"[*] {totals['fixable']:,} fixable with `corpusclean fix`"
                         + (f" ({totals['unsafe']:,} more with --unsafe-fixes)." if totals["unsafe"] else "."))
    elif documents or not totals["errors"]:
        lines.append(f"All checks passed ({counted(documents, 'document')}).")
    if totals["errors"]:
        lines.append(f"{counted(totals['errors'], 'input')} left untouched (see errors above).")
    return lines
