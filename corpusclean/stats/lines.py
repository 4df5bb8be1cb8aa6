"""Line fingerprints: in how many documents each normalised line occurs (learned boilerplate, AR05).

A line is normalised (whitespace collapsed, lowercase, digits as `0`: `© 2019` and `© 2020` are one
footer) and hashed to 8 bytes; short lines (fewer than MIN_WORDS words or MIN_CHARS characters) are not
fingerprinted: `Yes.` and `Thank you.` repeat across any corpus and are language, not boilerplate.
Each document counts a line once. The frozen statistics keep only lines seen in two documents or more.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import Any

from corpusclean.core.document import Document

MIN_WORDS, MIN_CHARS = 3, 12
_DIGITS = re.compile(r"\d+")


def fingerprint(line: str) -> str | None:
    """The line's fingerprint, or None for a line too short to judge."""
    words = line.lower().split()
    if len(words) < MIN_WORDS:
        return None
    text = _DIGITS.sub("0", " ".join(words))
    if len(text) < MIN_CHARS:
        return None
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


class LineCollector:
    name = "lines"

    def empty(self) -> dict[str, Any]:
        return {"documents": 0, "docs": Counter()}

    def observe(self, state: dict[str, Any], doc: Document) -> dict[str, Any]:
        state["docs"].update({fp for line in doc.text.splitlines() if (fp := fingerprint(line))})
        state["documents"] += 1
        return state

    def merge(self, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
        docs = Counter(a["docs"])
        docs.update(b["docs"])
        return {"documents": a["documents"] + b["documents"], "docs": docs}

    def finalize(self, state: dict[str, Any]) -> "LineStats":
        return LineStats(state["documents"], {fp: n for fp, n in state["docs"].items() if n >= 2})


class LineStats:
    """Frozen line statistics as rules read them."""

    def __init__(self, documents: int, docs: dict[str, int]) -> None:
        self.documents = documents
        self._docs = docs
        self.most = max(docs.values(), default=0)  # no line is in more documents than this

    def count(self, fp: str) -> int:
        """In how many documents the line with fingerprint ``fp`` occurs (0 when seen once)."""
        return self._docs.get(fp, 0)
