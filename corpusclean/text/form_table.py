"""Decide once per form, apply by lookup.

A lexical rule's question about a word (is `Raqq` a truncation? is `teh` listed?) depends only on the
word as written and on the run's frozen statistics, so it is asked once per distinct form a run meets,
not once per document. The native core numbers the run's forms (one hash per word, shared by every
rule), keeps each rule's answers in an array by form number, and returns a document's hits with their
offsets; Python sees only the forms it has not judged yet and the hits. Context (a neighbour, a
sentence start, a URL around the word) is then checked on the hits alone.

The process keeps every distinct form it has seen, as pass 1's counts do.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Generic, TypeVar
from weakref import WeakKeyDictionary

from corpusclean._core import FormTable as _NativeTable, Vocabulary
from corpusclean.core.analysis import encodable
from corpusclean.text.tokens import WordAt

T = TypeVar("T")
_VOCABULARY = Vocabulary()
_RULE_TABLES: WeakKeyDictionary = WeakKeyDictionary()


@lru_cache(maxsize=2)
def _doc_words(text: str):
    """The document's words as form numbers: scanned once, however many rules ask."""
    return _VOCABULARY.scan(encodable(text))


class FormTable(Generic[T]):
    """``decide(form)`` gives a rule's verdict on a form (None: not a hit); :meth:`hits` finds the words
    of a text with a verdict, in text order, deciding each new form once."""

    def __init__(self, decide: Callable[[str], T | None]) -> None:
        self._decide = decide
        self._native = _NativeTable()
        self._values: list[T] = []

    def hits(self, text: str) -> list[tuple[WordAt, T]]:
        doc = _doc_words(text)
        if new := self._native.undecided(doc):
            numbers = []
            for form in _VOCABULARY.forms(new):
                value = self._decide(form)
                if value is not None:
                    self._values.append(value)
                numbers.append(0 if value is None else len(self._values))
            self._native.decide(new, numbers)
        values = self._values
        return [(WordAt(text[start:end], start, end), values[number - 1])
                for number, start, end in self._native.hits(doc)]


def form_table(rule: Any, ctx: Any, decide: Callable[[str], T | None], *key: Any) -> FormTable[T]:
    """``rule``'s table for this run: kept with the frozen token statistics its verdicts read (or with
    the rule when the run has none), under the rule, the allow list and ``key``."""
    full_key = ("form-table", rule, ctx.allow_words, *key)  # the rule itself: its pack's lists are its own
    tokens = ctx.stats.get("tokens")
    if tokens is not None:
        return tokens.remember(full_key, lambda: FormTable(decide))
    tables = _RULE_TABLES.setdefault(rule, {})  # beside the rule, not in it: a plan must still pickle
    if full_key not in tables:
        tables[full_key] = FormTable(decide)
    return tables[full_key]
