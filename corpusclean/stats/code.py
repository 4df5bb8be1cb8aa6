"""The corpus's code vocabulary: the words of its code blocks and inline code, and how often each occurs.

Code is read, never changed: an identifier the corpus writes in code (`ident`, `mpsc`, `uvicorn`,
`kwargs`) is an attested form, so no spelling or consistency fix turns a prose word into one or one into
a dictionary word. Words are counted lowercase, split at `_`, digits and punctuation as prose words are.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from corpusclean.core.analysis import analyze
from corpusclean.core.document import Document
from corpusclean.text.tokens import WORD


def code_words(doc: Document) -> list[str]:
    """The lowercase words of the document's code regions."""
    return [word.lower() for chunk in analyze(doc).code_text(doc.text) for word in WORD.findall(chunk)]


class CodeCollector:
    name = "code"

    def empty(self) -> dict[str, Any]:
        return {"documents": 0, "count": Counter()}

    def observe(self, state: dict[str, Any], doc: Document) -> dict[str, Any]:
        state["count"].update(code_words(doc))
        state["documents"] += 1
        return state

    def merge(self, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
        count = Counter(a["count"])
        count.update(b["count"])
        return {"documents": a["documents"] + b["documents"], "count": count}

    def absorb(self, into: dict[str, Any], part: dict[str, Any]) -> None:
        """``merge``, in place."""
        into["documents"] += part["documents"]
        into["count"].update(part["count"])

    def finalize(self, state: dict[str, Any]) -> "CodeVocabulary":
        return CodeVocabulary(dict(state["count"]))


class CodeVocabulary:
    """Frozen code vocabulary as the central filter reads it."""

    def __init__(self, count: dict[str, int]) -> None:
        self._count = count

    def count(self, word: str) -> int:
        """How often ``word`` (any case) occurs in the corpus's code."""
        return self._count.get(word.lower(), 0)
