"""Choosing a correction for an unknown word: a noisy-channel model with the corpus as its prior.

For an observed form v between two neighbours, each candidate w (and v itself, written as meant) is
scored as Kernighan, Church & Gale (1990) and Brill & Moore (2000) score it:

    P(w | v, context)  ∝  P(v | w) · P(w) · P(context | w)

- P(v | w), the channel: how likely a writer who meant w typed v (:mod:`corpusclean.text.channel`,
  learned from real misspellings);
- P(w), the prior: the corpus's own counts blended with the dictionary's, the corpus weighing more the
  bigger it is (``corpus_share``), plus the chance of a new word spelled so (a letter-bigram model: a
  long unknown word is unlikely to be one more new word, a short one less so); v's prior is that chance,
  or, for a word of another variety of English (`rort`, `vegies`: SCOWL's lists), that of a word read
  once in a million; its corpus count stays out (a repeated typo would vouch for itself; rules weigh it separately);
- P(context | w): a bigram model of the neighbours from the shipped n-gram pairs (stupid backoff for an
  unseen pair), with the corpus's own pairs on top (``think tha it`` → ``that``).

The scores are normalised over the candidates and v itself: ``posterior`` is the probability that the
best candidate is what was meant, ``keep`` that v was. Rules turn the posterior into a safety with
thresholds calibrated on the corpus (:mod:`corpusclean.text.calibration`). Guards mark a choice as not to
be trusted at any posterior: a fix that only strips or adds an affix (`storages` → `storage`), or a word
that is two words run together (`beermaker`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Protocol

from corpusclean.text import lexicon
from corpusclean.text.channel import channel

AFFIXES = ("s", "es", "d", "ed", "ing", "er", "ers", "ly", "al", "ness", "ment", "ful", "less", "ism", "ist")
BACKOFF = 0.4  # stupid backoff's discount for an unseen pair
PRUNE = 5.0  # log10 units below the best prior x channel at which a candidate is not weighed further
PRIOR_TOKENS = 1_000_000  # a corpus of this many words weighs as much as the dictionary in the prior
NOVEL_RATE = 0.001  # share of words in edited text that no dictionary lists (names aside)


class Corpus(Protocol):
    def remember(self, key: Any, compute: Callable[[], Any]) -> Any: ...
    def count(self, form: str) -> int: ...
    def forms_of(self, lower: str) -> list[str]: ...
    def pair(self, first: str, second: str) -> int: ...
    def total(self) -> int: ...


@dataclass(frozen=True)
class Choice:
    best: str | None
    distance: int  # edits from the observed word to the best candidate
    posterior: float  # P(best | word, context)
    keep: float  # P(the word was meant as written | context)
    ranked: tuple[tuple[str, float], ...]  # the best candidates and their posteriors
    guard: str | None = None  # why the best is not to be trusted: "affix", "compound", "unit"
    support: int = 0  # neighbours the best candidate is known to stand next to (0, 1 or 2)
    neighbours: int = 0  # neighbours there were to check


NO_CHOICE = Choice(None, 0, 0.0, 1.0, ())


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


def corpus_share(corpus: Corpus | None) -> float:
    """The corpus's weight in the prior: 0 without one, a half at PRIOR_TOKENS words, near 1 far above."""
    total = corpus.total() if corpus else 0
    return total / (total + PRIOR_TOKENS)


def corpus_count(corpus: Corpus | None, lower: str) -> int:
    """How often the corpus writes ``lower`` in any case."""
    return sum(corpus.count(form) for form in corpus.forms_of(lower)) if corpus else 0


def prior(word: str, corpus: Corpus | None) -> float:
    """P(word): the dictionary's frequency blended with the corpus's, and the chance of a new word.
    Remembered per word by the corpus's statistics (a run asks for the same candidates again and again;
    a process-wide cache would keep every run's statistics alive)."""
    if corpus is None:
        return _blended(word, None)
    return corpus.remember(("prior", word), lambda: _blended(word, corpus))


def _blended(word: str, corpus: Corpus | None) -> float:
    share = corpus_share(corpus)
    in_corpus = corpus_count(corpus, word) / corpus.total() if share else 0.0
    in_dictionary = lexicon.correction_frequencies().get(word, 0) / lexicon.word_total()
    return share * in_corpus + (1 - share) * in_dictionary + NOVEL_RATE * channel().spelling(word)


LISTED_PRIOR = 1e-6  # a word only SCOWL's largest lists know (`rort`, `crocs`): as likely as one read once in a million


@lru_cache(maxsize=1 << 16)
def channel_log(observed: str, intended: str) -> float:
    return channel().log_probability(observed, intended)


def _context(word: str, probability: float, previous: str | None, following: str | None,
             corpus: Corpus | None) -> tuple[float, int]:
    """log10 of P(previous | word) · P(following | word), and how many of the neighbours the word is
    known to stand beside. Each conditional blends the corpus's pairs with the shipped ones, as the prior
    does (stupid backoff for a pair the shipped list lacks)."""
    words, pairs = lexicon.correction_frequencies(), lexicon.pair_frequencies()
    frequency = probability * lexicon.word_total()
    share = corpus_share(corpus)
    mine = corpus_count(corpus, word) if share else 0
    score, support = 0.0, 0
    for left, right, neighbour in ((previous, word, previous), (word, following, following)):
        if not neighbour:
            continue
        shipped = pairs.get(f"{left} {right}", 0)
        local = corpus.pair(left, right) if corpus else 0
        support += bool(shipped or local)
        if not shipped:  # the list keeps only frequent pairs: an unseen one is rarer than its rarest
            expected = frequency * words.get(neighbour, 1) / lexicon.word_total() ** 2 * lexicon.pair_total()
            shipped = BACKOFF * min(expected, lexicon.rarest_pair())
        conditional = (shipped / lexicon.pair_total()) / (frequency / lexicon.word_total())
        if mine:
            conditional = share * local / mine + (1 - share) * conditional
        score += math.log10(conditional)
    return score, support


def choose(word: str, previous: str | None, following: str | None, corpus: Corpus | None = None) -> Choice:
    """Rank the candidates for ``word`` (lowercase) between ``previous`` and ``following`` words."""
    found = lexicon.candidates(word)
    if not found:
        return NO_CHOICE
    # Prior times channel first; the context only for candidates within reach of the best (a neighbour
    # pair moves a score by a few orders of magnitude, never by PRUNE): dozens of two-edit candidates of
    # a short word cost a channel lookup each, not a context each.
    based = sorted(((math.log10(prior(c, corpus)) + channel_log(word, c), c, d) for c, d in found), reverse=True)
    reach = based[0][0] - PRUNE
    scored = []
    for base, candidate, distance in based:
        if base < reach:
            break
        context, support = _context(candidate, prior(candidate, corpus), previous, following, corpus)
        scored.append((candidate, distance, base + context, support))
    # The word as written: a new word, spelled so. Its own corpus count stays out of its prior (a typo
    # repeated would vouch for itself); rules weigh it against the candidates' counts themselves (SP02's
    # corpus-word test).
    p = NOVEL_RATE * channel().spelling(word) + (LISTED_PRIOR if word in lexicon.varieties() else 0.0)
    keep = math.log10(p) + channel_log(word, word) + _context(word, p, previous, following, None)[0]
    scored.sort(key=lambda item: (-item[2], item[0]))
    top = max(keep, scored[0][2])
    total = 10 ** (keep - top) + sum(10 ** (s - top) for _, _, s, _ in scored)
    best, distance, score, support = scored[0]
    guard = "affix" if _affix_only(word, best) else "compound" if _compound(word) else None
    return Choice(best, distance, 10 ** (score - top) / total, 10 ** (keep - top) / total,
                  tuple((c, round(10 ** (s - top) / total, 4)) for c, _, s, _ in scored[:5]), guard,
                  support, bool(previous) + bool(following))
