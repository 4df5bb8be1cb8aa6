"""Choosing a correction for an unknown word: candidates ranked by frequency, edit distance and context.

A correction is proposed only when one candidate is clearly best. The score of a candidate is its log
probability under a bigram model given its neighbours (shipped n-gram counts), plus a bonus for pairs the
corpus itself uses, minus a penalty per edit: `think tha it` → `that`, `over ther is` → `there`. Guards turn a choice into "ambiguous" when it only strips or
adds an affix (`storages` → `storage`), or when the word is two words run together (`beermaker`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from corpusclean.text import lexicon

AFFIXES = ("s", "es", "d", "ed", "ing", "er", "ers", "ly", "al", "ness", "ment", "ful", "less", "ism", "ist")
DISTANCE_PENALTY = 1.0  # log10 units: a distance-2 candidate must be 10x likelier to win
BACKOFF = 0.4  # stupid backoff's discount for an unseen pair


@dataclass(frozen=True)
class Choice:
    best: str | None
    distance: int
    margin: float  # log10 score lead over the runner-up (inf when alone)
    ranked: tuple[tuple[str, float], ...]
    guard: str | None = None  # why the best is not to be trusted: "affix", "compound", "unit"
    support: int = 0  # neighbours the best candidate is known to stand next to (0, 1 or 2)
    neighbours: int = 0  # neighbours there were to check


def _affix_only(word: str, candidate: str) -> bool:
    long, short = (word, candidate) if len(word) > len(candidate) else (candidate, word)
    return long.startswith(short) and long[len(short):] in AFFIXES


COMPOUND_PART_COUNT = 5_000_000  # n-gram count above which a word is common enough to be a compound's part


def _compound(word: str) -> bool:
    """`beermaker`, `downlights`, `aboutthe`: two common words of three letters or more run together. It
    is a compound the dictionary lacks, or a missing space; either way the nearest single word is not it."""
    words = lexicon.correction_frequencies()
    if word.startswith("a") and words.get(word[1:], 0) >= COMPOUND_PART_COUNT:  # alot, abit, atleast
        return True
    return any(words.get(word[:i], 0) >= COMPOUND_PART_COUNT and words.get(word[i:], 0) >= COMPOUND_PART_COUNT
               for i in range(3, len(word) - 2))


def choose(word: str, previous: str | None, following: str | None,
           corpus_pairs: Callable[[str, str], int] | None = None) -> Choice:
    """Rank the candidates for ``word`` (lowercase) between ``previous`` and ``following`` words."""
    found = lexicon.candidates(word)
    if not found:
        return Choice(None, 0, 0.0, ())
    words = lexicon.correction_frequencies()
    pairs = lexicon.pair_frequencies() if previous or following else {}
    scored = []
    for candidate, distance in found:
        # A bigram language model: log P(c) + log P(previous | c) + log P(following | c), each neighbour
        # probability from the shipped pair counts, backing off to the neighbour's own frequency when the
        # pair is unseen (stupid backoff). Pairs the corpus itself uses weigh in on top.
        frequency = words[candidate]
        score = math.log10(frequency) - DISTANCE_PENALTY * (distance - 1)
        support = 0
        for left, right, neighbour in ((previous, candidate, previous), (candidate, following, following)):
            if not neighbour:
                continue
            shipped = pairs.get(f"{left} {right}", 0)
            local = corpus_pairs(left, right) if corpus_pairs else 0
            support += bool(shipped or local)
            if not shipped:  # the list keeps only frequent pairs: an unseen one is rarer than its rarest
                expected = frequency * words.get(neighbour, 1) / lexicon.word_total() ** 2 * lexicon.pair_total()
                shipped = BACKOFF * min(expected, lexicon.rarest_pair())
            score += math.log10(shipped / lexicon.pair_total()) - math.log10(frequency / lexicon.word_total())
            score += math.log10(1 + 1000 * local)
        scored.append((candidate, distance, score, support))
    scored.sort(key=lambda item: (-item[2], item[0]))
    best, distance, top, support = scored[0]
    margin = top - scored[1][2] if len(scored) > 1 else math.inf
    guard = "affix" if _affix_only(word, best) else "compound" if _compound(word) else None
    return Choice(best, distance, margin, tuple((c, round(s, 2)) for c, _, s, _ in scored[:5]), guard,
                  support, bool(previous) + bool(following))
