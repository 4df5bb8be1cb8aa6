"""Variant clusters: the names a corpus spells more than one way, found once from the frozen token
statistics of pass 1 (no pass of their own).

Candidates are capitalised words the dictionary does not know. Words are compared only when their
coarse keys (``blocking_key``) match or differ by one deleted letter; a pair is joined when the spellings
are one name by ``same_name`` and, when both spellings are common, the corpus puts them in the same
company (a shared neighbouring word): `Austria` and `Australia`, or two frequent names that merely
look alike, stay apart. Clusters are connected pairs; the canonical form is the most frequent, then
the one in more documents, then the first in code-point order (deterministic on every executor).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from corpusclean.text import lexicon
from corpusclean.text.tokens import is_acronym
from corpusclean.text.variants import blocking_key, fold, same_name

COMMON = 5  # a spelling seen this often has a context of its own to compare


@dataclass(frozen=True)
class VariantCluster:
    canonical: str
    forms: tuple[tuple[str, int, int], ...]  # (form, count, documents), canonical first
    pinned: bool = False  # the canonical form was declared by the user, not chosen by counts

    def count(self, form: str) -> int:
        return next(c for f, c, _ in self.forms if f == form)

    def evidence(self) -> dict:
        return {"forms": {f: {"count": c, "documents": d} for f, c, d in self.forms},
                "canonical": self.canonical, "chosen-by": "config" if self.pinned else "majority"}


def variant_clusters(tokens, pinned: Mapping[str, str] = {}) -> dict[str, VariantCluster]:
    """``{form: cluster}`` for every form in a cluster of two or more spellings. ``pinned`` maps a
    variant to the canonical form the user declared."""
    return tokens.remember(("variant-clusters", tuple(sorted(pinned.items()))),
                           lambda: _clusters(tokens, pinned))


def _candidates(tokens) -> list[str]:
    return [w for w in tokens.forms() if len(w) >= 4 and w[:1].isupper() and not is_acronym(w)
            and not lexicon.is_known(w.lower())]


def _clusters(tokens, pinned: Mapping[str, str]) -> dict[str, VariantCluster]:
    words = _candidates(tokens)
    index: dict[str, list[str]] = {}
    for word in words:
        key = blocking_key(word)
        for variant in {key, *(key[:i] + key[i + 1:] for i in range(len(key)))}:
            index.setdefault(variant, []).append(word)
    parent = {w: w for w in words}

    def root(word: str) -> str:
        while parent[word] != word:
            parent[word] = parent[parent[word]]
            word = parent[word]
        return word

    for bucket in index.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                if root(a) != root(b) and same_name(a, b) and _same_company(tokens, a, b):
                    parent[max(root(a), root(b))] = min(root(a), root(b))
    for variant, canonical in pinned.items():  # declared groups join whatever the counts say
        for word in (variant, canonical):
            parent.setdefault(word, word)
        parent[max(root(variant), root(canonical))] = min(root(variant), root(canonical))

    groups: dict[str, list[str]] = {}
    for word in parent:
        groups.setdefault(root(word), []).append(word)
    clusters: dict[str, VariantCluster] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        ranked = sorted(members, key=lambda w: (-tokens.count(w), -tokens.documents_with(w), w))
        declared = {pinned[w] for w in members if w in pinned}
        canonical = min(declared) if declared else ranked[0]
        order = [canonical] + [w for w in ranked if w != canonical]
        cluster = VariantCluster(canonical, tuple((w, tokens.count(w), tokens.documents_with(w)) for w in order),
                                 bool(declared))
        clusters.update((w, cluster) for w in members)
    return clusters


def _same_company(tokens, a: str, b: str) -> bool:
    """Two common spellings must share a neighbouring word; a rare one has too little context to judge."""
    if min(tokens.count(a), tokens.count(b)) < COMMON or fold(a) == fold(b):
        return True
    return bool(tokens.neighbours(a.lower()) & tokens.neighbours(b.lower()))
