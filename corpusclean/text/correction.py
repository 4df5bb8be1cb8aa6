"""Choosing a correction for an unknown word: candidates ranked by frequency, edit distance and context.

A correction is proposed only when one candidate is clearly best. The score of a candidate is its log
frequency, plus log counts of the word pairs it would form with its neighbours (shipped n-gram pairs and
the corpus's own), minus a penalty per edit. Guards turn a choice into "ambiguous" when it only strips or
adds an affix (`storages` → `storage`), when the word is two words run together (`beermaker`), or when it
has no vowel (`bpd`, `mph`: an abbreviation).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from corpusclean.text import lexicon

AFFIXES = ("s", "es", "d", "ed", "ing", "er", "ers", "ly", "al", "ness", "ment", "ful", "less", "ism", "ist")
VOWELS = frozenset("aeiouy")  # a word without one is an abbreviation or a unit (`bpd`, `mph`), not a slip
DISTANCE_PENALTY = 1.0  # log10 units: a distance-2 candidate must be 10x likelier to win
CONTEXT_WEIGHT = 0.5


@dataclass(frozen=True)
class Choice:
    best: str | None
    distance: int
    margin: float  # log10 score lead over the runner-up (inf when alone)
    ranked: tuple[tuple[str, float], ...]
    guard: str | None = None  # why the best is not to be trusted: "affix", "compound", "abbreviation"
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
        score = math.log10(words[candidate]) - DISTANCE_PENALTY * (distance - 1)
        support = 0
        for left, right in ((previous, candidate), (candidate, following)):
            if left and right:
                shipped = pairs.get(f"{left} {right}", 0)
                local = corpus_pairs(left, right) if corpus_pairs else 0
                score += CONTEXT_WEIGHT * math.log10(1 + shipped) + math.log10(1 + 1000 * local)
                support += bool(shipped or local)
        scored.append((candidate, distance, score, support))
    scored.sort(key=lambda item: (-item[2], item[0]))
    best, distance, top, support = scored[0]
    margin = top - scored[1][2] if len(scored) > 1 else math.inf
    guard = ("affix" if _affix_only(word, best) else "compound" if _compound(word)
             else "abbreviation" if not VOWELS.intersection(word) else None)
    return Choice(best, distance, margin, tuple((c, round(s, 2)) for c, _, s, _ in scored[:5]), guard,
                  support, bool(previous) + bool(following))
