"""Errors that end a run with exit code 2 and one clear line."""
from __future__ import annotations

import difflib
from typing import Iterable


class UsageError(Exception):
    """Bad flags, config or selection: reported in one line, exit code 2."""


def closest(word: str, candidates: Iterable[str]) -> str:
    """A ``"; did you mean 'x'?"`` suffix for an error message, or an empty string."""
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.5)
    return f"; did you mean {match[0]!r}?" if match else ""
