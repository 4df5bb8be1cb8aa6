"""Unified diffs of cleaned documents, line endings kept as they are."""
from __future__ import annotations

import difflib


def unified_diff(name: str, before: str, after: str, context: int = 3) -> str:
    if before == after:
        return ""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=f"a/{name}", tofile=f"b/{name}", n=context,
    )
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)
