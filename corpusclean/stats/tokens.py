"""Token statistics: how often each surface form (case kept) occurs, in how many documents, and which
lowercase word pairs stand next to each other (for ranking corrections by context). Names with a
particle (`al-Nuri`, `Al Nuri`) are counted whole too, as forms with a hyphen or a space."""
from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Iterable

from corpusclean._core import DeleteIndex, WordCounts
from corpusclean.core.analysis import analyze, encodable
from corpusclean.core.document import Document


FUNCTION_WORD_COUNT = 200_000_000  # n-gram count of `said`: words beside any name say nothing


class TokenCollector:
    """Counted natively (``corpusclean._core.WordCounts``: the per-word loop of pass 1), the document's
    prose pieces in one call; `tests/test_native_tokens.py` holds it equal to a Python reference."""

    name = "tokens"

    def empty(self) -> WordCounts:
        return WordCounts()

    def observe(self, state: WordCounts, doc: Document) -> WordCounts:
        # Code and markup are not the corpus's prose; words on either side of them are not neighbours.
        state.observe(list(map(encodable, analyze(doc).prose_pieces(doc.text))))
        return state

    def merge(self, a: WordCounts, b: WordCounts) -> WordCounts:
        return a.merged(b)

    def absorb(self, into: WordCounts, part: WordCounts) -> None:
        """``merge``, in place (copying the corpus's counts for every part would cost their size each time)."""
        into.absorb(part)

    def finalize(self, state: WordCounts) -> "TokenStats":
        documents, count, docs, _ = state.to_dicts(pairs=False)  # the pairs stay in the core, read by lookup
        return TokenStats(documents, count, docs, state)

    def to_plain(self, state: WordCounts) -> dict[str, Any]:
        """JSON-able, for saved statistics: keys sorted, as they are saved."""
        documents, count, docs, pairs = state.to_dicts(sort=True)
        return {"count": count, "docs": docs, "documents": documents, "pairs": pairs}  # keys sorted too

    def from_plain(self, plain: dict[str, Any]) -> WordCounts:
        return WordCounts.from_dicts(plain["documents"], list(plain["count"].items()),
                                     plain["docs"], list(plain["pairs"].items()))


class TokenStats:
    """Frozen token statistics as rules read them."""

    def __init__(self, documents: int, count: dict[str, int], docs: dict[str, int], pairs: WordCounts) -> None:
        self.documents = documents
        self._count = count
        self._docs = docs
        self._pairs = pairs
        self._prefixes: dict[str, list[str]] | None = None  # indexes built on first use
        self._by_lower: dict[str, list[str]] | None = None
        self._deletes: tuple[int, list[str], DeleteIndex] | None = None
        self._memo: dict[Any, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        # Answers remembered for one process (native decision tables among them) stay in it.
        return {**self.__dict__, "_memo": {}, "_deletes": None}

    def remember(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()``, once per key for these statistics: a rule's per-word answers depend only on the
        word and the frozen statistics, and a corpus repeats its words across documents."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def folded(self, into: dict[str, str]) -> "TokenStats":
        """These statistics with each form in ``into`` counted for its target too (documents added, at
        most every document), as they will be once the form is written as its target. The form keeps its
        own counts: where it stays, it is judged as the corpus writes it."""
        count, docs = Counter(self._count), Counter(self._docs)
        for form, target in into.items():
            count[target] += self._count.get(form, 0)
            docs[target] = min(self.documents, docs[target] + self._docs.get(form, 0))
        return TokenStats(self.documents, count, docs, self._pairs)

    def pair_count(self) -> int:
        return self._pairs.pair_count()

    def forms(self) -> list[str]:
        """Every surface form, in first-seen order."""
        return list(self._count)

    def neighbours_of(self, words: Iterable[str]) -> dict[str, set[str]]:
        """For each of ``words`` (lowercase), the words seen right before or after it, leaving out the
        most common English words, which stand next to anything. Read from the core's word pairs."""
        from corpusclean.text import lexicon

        common = [w for w, n in lexicon.correction_frequencies().items() if n >= FUNCTION_WORD_COUNT]
        return {word: set(near) for word, near in self._pairs.neighbours(list(set(words)), common).items()}

    def count(self, form: str) -> int:
        return self._count.get(form, 0)

    def total(self) -> int:
        """How many words the corpus has."""
        return self.remember("total", lambda: sum(self._count.values()))

    def sample_pairs(self, limit: int) -> list[tuple[str, str, int]]:
        """``limit`` word pairs drawn by count, the same whatever order the corpus was counted in."""
        return self._pairs.sample_pairs(limit)

    def documents_with(self, form: str) -> int:
        return self._docs.get(form, 0)

    def forms_of(self, lower: str) -> list[str]:
        """The surface forms whose lowercase is ``lower`` (``Raqqa`` for ``raqqa``)."""
        if self._by_lower is None:  # built aside and then set: a document over its time budget may stop it
            by_lower: dict[str, list[str]] = {}
            for word in self._count:
                by_lower.setdefault(word.lower(), []).append(word)
            self._by_lower = by_lower
        return self._by_lower.get(lower, [])

    def near_forms(self, form: str, min_count: int) -> set[str]:
        """Forms seen at least ``min_count`` times within one edit (delete, insert, substitute, swap of
        neighbours) of ``form``, ignoring case. A native delete index over the frequent forms finds them
        by ~n lookups instead of testing every edit of the word (~54n). The index is built once, for the
        smallest ``min_count`` asked so far; larger ones filter its answers."""
        if self._deletes is None or min_count < self._deletes[0]:
            frequent = (word.lower() for word, count in self._count.items() if count >= min_count)
            lowers = list(dict.fromkeys(frequent))
            self._deletes = (min_count, lowers, DeleteIndex(lowers))
        _, lowers, index = self._deletes
        return {f for number in index.one_edit(form.lower())
                for f in self.forms_of(lowers[number]) if self.count(f) >= min_count}

    def extensions(self, form: str, max_extra: int) -> list[str]:
        """Corpus forms that start with ``form`` and are at most ``max_extra`` letters longer."""
        if self._prefixes is None:
            prefixes: dict[str, list[str]] = {}
            for word in self._count:
                for cut in range(1, max_extra + 1):
                    if len(word) - cut >= 3:
                        prefixes.setdefault(word[:-cut], []).append(word)
            self._prefixes = prefixes
        return self._prefixes.get(form, [])

    def pair(self, first: str, second: str) -> int:
        """How often ``first second`` (lowercase words) occur next to each other in the corpus."""
        return self._pairs.pair(first, second)

