"""The review files in this folder: tab-separated rows judged by hand, `#` lines are comments."""
from __future__ import annotations

from pathlib import Path


def review_rows(name: str, columns: int) -> list[list[str]]:
    """The rows of ``eval/NAME``, each padded with empty cells to ``columns`` (a note may be left out)."""
    lines = (Path(__file__).parent / name).read_text(encoding="utf-8").splitlines()
    return [(line.split("\t") + [""] * columns)[:columns] for line in lines if line and not line.startswith("#")]
