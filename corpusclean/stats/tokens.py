"""Token statistics: how often each surface form (case kept) occurs, and in how many documents."""
from __future__ import annotations

from collections import Counter
from typing import Any

from corpusclean.core.document import Document
from corpusclean.text.tokens import WORD


class TokenCollector:
    name = "tokens"

    def empty(self) -> dict[str, Any]:
        return {"documents": 0, "count": {}, "docs": {}}

    def observe(self, state: dict[str, Any], doc: Document) -> dict[str, Any]:
        counts = Counter(WORD.findall(doc.text))
        total, docs = state["count"], state["docs"]
        for form, n in counts.items():
            total[form] = total.get(form, 0) + n
            docs[form] = docs.get(form, 0) + 1
        state["documents"] += 1
        return state

    def merge(self, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
        out = {"documents": a["documents"] + b["documents"], "count": dict(a["count"]), "docs": dict(a["docs"])}
        for key in ("count", "docs"):
            target = out[key]
            for form, n in b[key].items():
                target[form] = target.get(form, 0) + n
        return out

    def finalize(self, state: dict[str, Any]) -> "TokenStats":
        return TokenStats(state["documents"], state["count"], state["docs"])


class TokenStats:
    """Frozen token statistics as rules read them."""

    def __init__(self, documents: int, count: dict[str, int], docs: dict[str, int]) -> None:
        self.documents = documents
        self._count = count
        self._docs = docs

    def count(self, form: str) -> int:
        return self._count.get(form, 0)

    def documents_with(self, form: str) -> int:
        return self._docs.get(form, 0)
