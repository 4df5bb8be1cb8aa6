"""The error (channel) model: how likely a writer who meant ``intended`` typed ``observed``, P(observed | intended).

Kernighan, Church & Gale (1990): a misspelling is the intended word with a few edits, each edit's chance
read from confusion counts learned on real misspelling pairs, relative to how often its context occurs:

- ``sub x y``: the letter x typed as y, out of every x written;
- ``del p x``: the letter x left out after p, out of every ``px`` written (``^`` = the word's start);
- ``ins p y``: y typed after p where nothing was meant, out of every p;
- ``swap x y``: ``xy`` typed ``yx``, out of every ``xy``.

An edit's probability given one edit is its weight over the sum of the weights of every edit the word
allows, so the edits of a word sum to one (``edit_total``). A word with k edits has probability
``typo_rate * share[k] * product of its edits``; a word written as meant, ``1 - typo_rate``.

The counts are learned by ``tools/train_channel.py`` from codespell's list (CC BY-SA 3.0), Wikipedia's
list of common misspellings (CC BY-SA) and one half of the Birkbeck lists, each group weighing the same,
against the letter counts of symspellpy's English word list, and ship as ``channel.json``.
Letters outside a-z share one class (``?``).
"""
from __future__ import annotations

import bisect
import itertools
import json
import math
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from corpusclean._core import alignment

TABLE = Path(__file__).with_name("channel.json")
START = "^"
OTHER = "?"
LETTERS = "abcdefghijklmnopqrstuvwxyz"
TYPO_RATE = 0.01  # a word in edited text is misspelt about once in a hundred (the eval injects that rate)
MEAN_LENGTH = 8  # letters of an English word, by type
SMALLEST = -300.0  # log10 floor of a probability: below it a float is zero
WORDS_CACHED = 1 << 16
SMOOTHING = 0.5  # added to every confusion count: an edit never seen in training is rare, not impossible


class Edit(NamedTuple):
    kind: str  # "sub", "del", "ins" or "swap"
    first: str  # sub: the intended letter; del/ins: the letter before; swap: the first intended letter
    second: str  # sub: the typed letter; del: the dropped letter; ins: the added letter; swap: the second


def letter(c: str) -> str:
    return c if c in LETTERS else OTHER


def edits(intended: str, observed: str) -> list[Edit]:
    """The fewest edits (optimal string alignment: substitution, deletion, insertion, adjacent swap) that
    turn ``intended`` into ``observed``, both lowercase, in word order; ties prefer a substitution, then a
    swap, then a deletion. Aligned by the core (``native/src/spelling.rs: alignment``); letters outside
    a-z become ``?``."""
    return [Edit(kind, first if first == START else letter(first), letter(second))
            for kind, first, second in alignment(intended, observed)]


class Channel:
    """P(observed | intended) from a table of confusion counts and context counts."""

    def __init__(self, table: dict) -> None:
        self.confusions = {Edit(*key.split(" ")): n for key, n in table["confusions"].items()}  # "sub e a": n
        self.unigrams: dict[str, float] = table["unigrams"]  # letter (or ^): count in the intended words
        self.bigrams: dict[str, float] = table["bigrams"]  # "xy": count
        self.shares: list[float] = table["shares"]  # share of misspellings with 1, 2, ... edits
        self._per_letter: dict[tuple, Any] = {}
        self._weights: dict[Edit, float] = {}
        # per word, bounded: a corpus has millions of distinct unknown words
        self.edit_total = lru_cache(maxsize=WORDS_CACHED)(self._edit_total)
        self.spelling = lru_cache(maxsize=WORDS_CACHED)(self._spelling)

    def weight(self, edit: Edit) -> float:
        """The edit's count relative to its context's count (KCG's ratio), smoothed."""
        found = self._weights.get(edit)
        if found is None:
            count = self.confusions.get(edit, 0) + SMOOTHING
            if edit.kind in ("del", "swap"):
                context = self.bigrams.get(edit.first + edit.second, 0.0)
            else:
                context = self.unigrams.get(edit.first, 0.0)
            found = self._weights[edit] = count / (context + 1.0)
        return found

    def _all_of(self, kind: str, first: str) -> float:
        """The summed weight of every ``sub first ?`` or ``ins first ?`` edit."""
        key = (kind, first)
        if key not in self._per_letter:
            self._per_letter[key] = sum(self.weight(Edit(kind, first, c)) for c in LETTERS + OTHER if c != first
                                        or kind == "ins")
        return self._per_letter[key]

    def _edit_total(self, intended: str) -> float:
        """The summed weight of every single edit ``intended`` allows (``edit_total``, cached): the
        normaliser that makes one word's edit probabilities sum to one."""
        letters = [letter(c) for c in intended]
        total = self._all_of("ins", START)
        for i, c in enumerate(letters):
            before = letters[i - 1] if i else START
            total += self._all_of("sub", c) + self._all_of("ins", c)
            total += self.weight(Edit("del", before, c))
            if i + 1 < len(letters):
                total += self.weight(Edit("swap", c, letters[i + 1]))
        return total

    def edit_probability(self, edit: Edit, intended: str) -> float:
        """P(this edit | one edit was made to ``intended``)."""
        return self.weight(edit) / self.edit_total(intended)

    def _spelling(self, word: str) -> float:
        """P(a new word is spelled ``word``) (``spelling``, cached): letter bigrams from the word list, with
        accents folded (`señal` is spelled as `senal`), and a length drawn from a geometric distribution
        with the mean of English words (MEAN_LENGTH). Summed in logs: a run of 200 letters is rare, not
        impossible (the product would underflow to zero)."""
        plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode() or word
        log, before = 0.0, START
        for c in map(letter, plain):
            log += math.log10((self.bigrams.get(before + c, 0.0) + SMOOTHING) / (self.unigrams.get(before, 0.0) + 27))
            before = c
        stop = 1 / MEAN_LENGTH
        log += math.log10(stop) + (len(plain) - 1) * math.log10(1 - stop)
        return 10 ** max(log, SMALLEST)

    def single_edits(self, intended: str) -> list[tuple[float, str]]:
        """Every single edit of ``intended`` (lowercase a-z), as (probability given one edit, the typed
        form): the distribution the calibration draws synthetic misspellings from."""
        total, found = self.edit_total(intended), []
        for i in range(len(intended) + 1):
            before = letter(intended[i - 1]) if i else START
            head = intended[:i]
            found += [(w, head + c + intended[i:]) for w, c in self._typed("ins", before)]
            if i == len(intended):
                break
            c, tail = intended[i], intended[i + 1:]
            found += [(w, head + y + tail) for w, y in self._typed("sub", letter(c)) if y != c]
            found.append((self.weight(Edit("del", before, letter(c))), head + tail))
            if tail:
                found.append((self.weight(Edit("swap", letter(c), letter(tail[0]))), head + tail[0] + c + tail[1:]))
        return [(w / total, typed) for w, typed in found]

    def draw(self, intended: str, rng) -> str:
        """One single edit of ``intended`` (lowercase), drawn with the probabilities ``single_edits``
        lists, without listing them: a slot and a kind first (O(length)), then the letter. Edits that
        would leave fewer than two letters are not drawn."""
        slots: list[tuple[float, str, int]] = []
        for i in range(len(intended) + 1):
            before = letter(intended[i - 1]) if i else START
            slots.append((self._letters("ins", before, "")[0][-1], "ins", i))
            if i == len(intended):
                break
            c = intended[i]
            slots.append((self._letters("sub", letter(c), c)[0][-1], "sub", i))
            if len(intended) > 2:
                slots.append((self.weight(Edit("del", before, letter(c))), "del", i))
            if i + 1 < len(intended):
                slots.append((self.weight(Edit("swap", letter(c), letter(intended[i + 1]))), "swap", i))
        pick, acc = rng.random() * sum(w for w, _, _ in slots), 0.0
        for weight, kind, i in slots:
            acc += weight
            if acc >= pick:
                break
        if kind == "del":
            return intended[:i] + intended[i + 1:]
        if kind == "swap":
            return intended[:i] + intended[i + 1] + intended[i] + intended[i + 2:]
        first = (letter(intended[i - 1]) if i else START) if kind == "ins" else letter(intended[i])
        cumulative, letters = self._letters(kind, first, "" if kind == "ins" else intended[i])
        y = letters[bisect.bisect(cumulative, rng.random() * cumulative[-1], hi=len(letters) - 1)]
        return intended[:i] + y + intended[i + (kind == "sub"):]

    def _letters(self, kind: str, first: str, exclude: str) -> tuple[list[float], str]:
        """Cumulative weights of ``kind first ?`` over the letters a-z but ``exclude``, and those letters."""
        key = ("cumulative", kind, first, exclude)
        if key not in self._per_letter:
            letters = "".join(y for y in LETTERS if y != exclude)
            self._per_letter[key] = (list(itertools.accumulate(self.weight(Edit(kind, first, y)) for y in letters)),
                                     letters)
        return self._per_letter[key]

    def _typed(self, kind: str, first: str) -> list[tuple[float, str]]:
        """(weight, letter typed) of every ``sub first ?`` or ``ins first ?`` edit to a letter a-z."""
        key = ("typed", kind, first)
        if key not in self._per_letter:
            self._per_letter[key] = [(self.weight(Edit(kind, first, y)), y) for y in LETTERS]
        return self._per_letter[key]

    def log_probability(self, observed: str, intended: str) -> float:
        """log10 P(observed | intended), both lowercase."""
        if observed == intended:
            return math.log10(1 - TYPO_RATE)
        found = edits(intended, observed)
        k = len(found)
        share = self.shares[k - 1] if k <= len(self.shares) else self.shares[-1] * 0.1 ** (k - len(self.shares))
        total = self.edit_total(intended)
        return math.log10(TYPO_RATE * share) + sum(math.log10(self.weight(e) / total) for e in found)


@lru_cache(maxsize=1)
def channel() -> Channel:
    from corpusclean.text.lexicon import cached

    return Channel(cached(TABLE, "channel", lambda path: json.loads(path.read_text(encoding="utf-8"))))
