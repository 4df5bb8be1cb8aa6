"""Token statistics: how often each surface form (case kept) occurs, in how many documents, and which
lowercase word pairs stand next to each other (for ranking corrections by context)."""
from __future__ import annotations

from collections import Counter
from typing import Any

from corpusclean.core.document import Document
from corpusclean.text.tokens import WORD


class TokenCollector:
    name = "tokens"

    def empty(self) -> dict[str, Any]:
        return {"documents": 0, "count": {}, "docs": {}, "pairs": {}}

    def observe(self, state: dict[str, Any], doc: Document) -> dict[str, Any]:
        words = WORD.findall(doc.text)
        total, docs, pairs = state["count"], state["docs"], state["pairs"]
        for form, n in Counter(words).items():
            total[form] = total.get(form, 0) + n
            docs[form] = docs.get(form, 0) + 1
        lowered = [w.lower() for w in words]
        for pair, n in Counter(map(" ".join, zip(lowered, lowered[1:]))).items():
            pairs[pair] = pairs.get(pair, 0) + n
        state["documents"] += 1
        return state

    def merge(self, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
        out = {"documents": a["documents"] + b["documents"],
               **{key: dict(a[key]) for key in ("count", "docs", "pairs")}}
        for key in ("count", "docs", "pairs"):
            target = out[key]
            for form, n in b[key].items():
                target[form] = target.get(form, 0) + n
        return out

    def finalize(self, state: dict[str, Any]) -> "TokenStats":
        return TokenStats(state["documents"], state["count"], state["docs"], state["pairs"])


class TokenStats:
    """Frozen token statistics as rules read them."""

    def __init__(self, documents: int, count: dict[str, int], docs: dict[str, int], pairs: dict[str, int]) -> None:
        self.documents = documents
        self._count = count
        self._docs = docs
        self._pairs = pairs
        self._prefixes: dict[str, list[str]] | None = None  # built on first use

    def count(self, form: str) -> int:
        return self._count.get(form, 0)

    def documents_with(self, form: str) -> int:
        return self._docs.get(form, 0)

    def extensions(self, form: str, max_extra: int) -> list[str]:
        """Corpus forms that start with ``form`` and are at most ``max_extra`` letters longer."""
        if self._prefixes is None:
            self._prefixes = {}
            for word in self._count:
                for cut in range(1, max_extra + 1):
                    if len(word) - cut >= 3:
                        self._prefixes.setdefault(word[:-cut], []).append(word)
        return self._prefixes.get(form, [])

    def pair(self, first: str, second: str) -> int:
        """How often ``first second`` (lowercase words) occur next to each other in the corpus."""
        return self._pairs.get(f"{first} {second}", 0)
