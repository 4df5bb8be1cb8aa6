"""Variant clusters: the names a corpus spells more than one way, found once from the frozen token
statistics of pass 1 (no pass of their own).

Candidates are names: capitalised words the corpus rarely writes in lowercase (dictionaries list many
names and their variants, so knowing a word says nothing here). Words are compared only when their
coarse keys (``blocking_key``) match or differ by one deleted letter. From the most frequent down, a
spelling joins the most frequent spelling it is one name with (``same_name``, at most one edit for
names under eight letters and two for longer ones unless the normal forms agree), provided that they
keep the same company in the corpus (``_same_company``): names that merely look alike stay apart. The canonical form is the most frequent, then the
one in more documents, then the first in code-point order (deterministic on every executor).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Mapping


from corpusclean._core import DeleteIndex
from corpusclean.text.tokens import PARTICLE_NAME, is_acronym
from corpusclean.text import lexicon
from corpusclean.text.variants import blocking_key, fold, normal_form, same_name


ELONGATED = re.compile(r"([^\W\d_])\1\1", re.IGNORECASE)  # a letter three times running: `Aaaugh`
SHARED_COMPANY = 0.2
ESTABLISHED, ESTABLISHED_COMPANY = 4, 1 / 3
# One edit below this length, two from it: news variants are typos and drift, not fresh transliterations,
# and more edits let in `Sheffield`/`Ashfield` and `Kutaragi`/`Comerica` on BBC News (measured).
LONG_NAME = 8


@dataclass(frozen=True)
class VariantCluster:
    canonical: str
    forms: tuple[tuple[str, int, int], ...]  # (form, count, documents), canonical first
    pinned: bool = False  # the canonical form was declared by the user, not chosen by counts

    def count(self, form: str) -> int:
        return next(c for f, c, _ in self.forms if f == form)

    def evidence(self) -> dict:
        return {"forms": {f: {"count": c, "documents": d} for f, c, d in self.forms},
                "canonical": self.canonical, "chosen-by": self.chosen_by()}

    def chosen_by(self) -> str:
        """Why the canonical form won: the config, more occurrences, more documents, or code-point order."""
        if self.pinned:
            return "config"
        (_, count, documents), (_, next_count, next_documents) = self.forms[0], self.forms[1]
        if count > next_count:
            return "majority"
        return "tie, more documents" if documents > next_documents else "tie, code-point order"


def variant_clusters(tokens, pinned: Mapping[str, str] = {}) -> dict[str, VariantCluster]:
    """``{form: cluster}`` for every form in a cluster of two or more spellings. ``pinned`` maps a
    variant to the canonical form the user declared."""
    return tokens.remember(("variant-clusters", tuple(sorted(pinned.items()))),
                           lambda: _clusters(tokens, pinned))


def _candidates(tokens) -> list[str]:
    """Names: capitalised words the corpus writes capitalised more often than not (`Qaddafi`, but not
    `There`, which is `there` at a sentence start), and names with a particle (`al-Nuri`, `Al Nuri`),
    acronyms, possessives and elongated interjections (`Aaaugh`, `Nooooo`: expressive, not a name)
    aside."""
    return [w for w in tokens.forms() if len(w) >= 4 and (w[:1].isupper() or _particle(w))
            and not is_acronym(w) and "'" not in w and "’" not in w and not ELONGATED.search(w)
            and tokens.count(w) > tokens.count(w.lower())]


def _clusters(tokens, pinned: Mapping[str, str]) -> dict[str, VariantCluster]:
    words = _candidates(tokens)
    keys = [blocking_key(word) for word in words]
    index = DeleteIndex(keys)  # words whose keys match or are one deletion apart, by lookup
    # Star clusters, no chains: each spelling joins the most frequent spelling it is itself a variant of
    # (`Michel` must not join `Michael` through `Mikhail`).
    rank = {w: (-tokens.count(w), -tokens.documents_with(w), w) for w in words}
    company = tokens.neighbours_of({w.lower() for w in words})
    joined: dict[str, str] = {}
    for number in sorted(range(len(words)), key=lambda n: rank[words[n]]):
        word = words[number]
        near = [words[other] for other in index.sharing(keys[number])]
        heads = sorted((h for h in near if h in rank and rank[h] < rank[word] and h not in joined),
                       key=rank.__getitem__)
        head = next((h for h in heads if _variants(h, word) and not _two_names_by_capitals(tokens, h, word)
                     and _same_company(tokens, company, h, word)), None)
        if head is not None:
            joined[word] = head
    for variant, canonical in pinned.items():  # declared groups join whatever the counts say
        joined[variant] = canonical
        joined.pop(canonical, None)

    groups: dict[str, list[str]] = {}
    for word, head in joined.items():
        groups.setdefault(head, [head]).append(word)
    clusters: dict[str, VariantCluster] = {}
    for head, members in groups.items():
        declared = {pinned[w] for w in members if w in pinned}
        canonical = min(declared) if declared else head
        order = [canonical] + sorted((w for w in members if w != canonical),
                                     key=lambda w: (-tokens.count(w), -tokens.documents_with(w), w))
        cluster = VariantCluster(canonical, tuple((w, tokens.count(w), tokens.documents_with(w)) for w in order),
                                 bool(declared))
        clusters.update((w, cluster) for w in members)
    return clusters


def _two_names_by_capitals(tokens, a: str, b: str) -> bool:
    """`Mackay` (a city) and `McKay` (a surname): other letters and other inner capitals, each established
    in the corpus, are two names. Capitals alone (`WorldCom`, `Worldcom`) are one name written two ways."""
    if a.lower() == b.lower() or _inner_capitals(a) == _inner_capitals(b):
        return False
    return all(tokens.count(w) >= ESTABLISHED and tokens.documents_with(w) >= 2 for w in (a, b))


def _inner_capitals(word: str) -> str:
    return "".join(c for c in word[1:] if c.isupper())


def _variants(a: str, b: str) -> bool:
    """Spellings of one name, as a corpus shows them: the same word in other capitals (`WorldCom`,
    `Worldcom`) or with other diacritics, hyphens or spaces (`Zürich`, `al-Nuri`/`Al Nuri`); else not two
    names the dictionary lists both of (`Paterson`, `Patterson`); the same normal form (`Rafiqah`,
    `Rafiqa`), or few edits that transliterations make (`Yanukovich`, `Yanukovych`)."""
    particle_a, lower_a, fold_a, known_a, normal_a = _facts(a)
    particle_b, lower_b, fold_b, known_b, normal_b = _facts(b)
    if particle_a != particle_b:  # `Le Roi` (an opera's king) is not `Leroi` (a biologist)
        return False
    if lower_a == lower_b:  # but a particle in capitals is a sentence start (`Van Gogh`, `van Gogh`)
        return not (particle_a and a[1:] == b[1:])
    if fold_a == fold_b:  # diacritics, a hyphen or a space: one spelling, whatever dictionaries list
        return same_name(a, b)
    if known_a and known_b:
        return False
    if normal_a == normal_b:
        return same_name(a, b)
    edits = _osa_distance()(fold_a, fold_b)
    return edits <= (2 if min(len(a), len(b)) >= LONG_NAME else 1) and same_name(a, b)


@cache
def _osa_distance():
    """rapidfuzz's optimal string alignment distance (C++), imported when clusters are first built, not at
    start, and once: a corpus compares hundreds of thousands of pairs."""
    from rapidfuzz.distance import OSA

    return OSA.distance


@lru_cache(maxsize=1 << 16)
def _facts(word: str) -> tuple[bool, str, str, bool, str]:
    """What :func:`_variants` compares, computed once per word: a corpus pairs each name with dozens."""
    lower = word.lower()
    return _particle(word), lower, fold(word), lexicon.in_dictionary(lower), normal_form(word)


@lru_cache(maxsize=1 << 16)
def _particle(word: str) -> bool:
    return PARTICLE_NAME.fullmatch(word) is not None


def _same_company(tokens, company: Mapping[str, set[str]], head: str, variant: str) -> bool:
    """Two spellings of one name keep the same company: a fifth of the telling neighbouring words of
    the rarer one, and at least one, stand beside the other too (a spelling seen with no telling
    neighbour cannot be confirmed). An established spelling (seen ESTABLISHED times in two documents
    or more) is more likely another name of its own (`Natalie`/`Nathalie`, `Victor`/`Viktor`): it must
    share two telling neighbours and a third of its own. Words of one or two letters (`Mr`, initials)
    tell nothing. Measured on BBC News, asking this of rare spellings cut the clusters from 156 to 55
    and most of the look-alike people with them."""
    if fold(head) == fold(variant):  # the pair counts are lowercase: capitals alone cannot be told apart
        return True
    left, right = (_telling(company[w.lower()]) for w in (head, variant))
    shared, fewer = len(left & right), min(len(left), len(right))
    if tokens.count(variant) >= ESTABLISHED and tokens.documents_with(variant) >= 2:
        return shared >= max(2, ESTABLISHED_COMPANY * fewer)
    return shared >= max(1, SHARED_COMPANY * fewer)


def _telling(words: set[str]) -> set[str]:
    return {w for w in words if len(w) > 2}
