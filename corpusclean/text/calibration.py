"""Calibration on the corpus itself: how precise a spelling rule's fixes will be on *this* corpus.

After pass 1, words are drawn from the corpus's own word pairs (by count, a deterministic sample: the
same for any order of counting), each misspelt the way people misspell (edits drawn from the channel
model, :mod:`corpusclean.text.channel`), and the rule decides each one in its corpus context. A fix that
restores the drawn word is right, any other fix wrong. The safe and unsafe thresholds on the rule's
posterior are the lowest at which the fixes made reach the configured precision targets, chosen apart
for words of four letters or fewer (`ths`: the or this?) and longer ones; their
precision and recall on the synthetic errors are the estimate a report states ("estimated precision of
safe fixes on this corpus: 0.99 (n = 2,000 synthetic errors); recall 0.70").

Too little evidence makes nothing safe: a corpus with fewer than MIN_WORDS distinct words to draw from,
or thresholds whose fixes are fewer than MIN_FIXES, cannot show a precision.
"""
from __future__ import annotations

import bisect
import itertools
import math
import random
from dataclasses import dataclass
from typing import Callable, NamedTuple

from corpusclean.text import lexicon
from corpusclean.text.channel import channel

ERRORS = 2000  # synthetic misspellings per calibration, at most ...
MIN_ERRORS, ERRORS_PER_WORD = 500, 4  # ... and at least, or this many per distinct word drawn
MIN_WORDS = 40  # distinct corpus words to draw from, below which no precision can be estimated
MIN_FIXES = 50  # fixes above a threshold, below which its precision is not trusted
FLOOR = 0.5  # no threshold below this posterior: a fix must be likelier than everything else together
SEED = 20_261_130
PAIRS_PER_ERROR = 3  # pairs sampled per wanted error: many are not eligible (short words, names)


class Context(NamedTuple):
    previous: str | None
    word: str
    following: str | None


class Outcome(NamedTuple):
    posterior: float
    right: bool
    may_be_safe: bool  # the rule's other conditions for a safe fix hold
    may_be_unsafe: bool  # ... and for an unsafe one
    short: bool  # the typed word has SHORT letters or fewer


# (typed, previous, following) -> (best candidate or None, posterior, may be safe, may be unsafe)
Decide = Callable[[str, str | None, str | None], tuple[str | None, float, bool, bool]]
SHORT = 4  # words this short are calibrated apart: near dozens of words, their posteriors mean less
CLASSES = ("short", "long")
CLASS_NAMES = {"short": f"words of {SHORT} letters or fewer", "long": "longer words"}


def length_class(word: str) -> str:
    return "short" if len(word) <= SHORT else "long"


@dataclass(frozen=True)
class Level:
    threshold: float | None  # None: no threshold reaches the target (for a whole calibration: per class)
    precision: float | None
    recall: float
    fixes: int
    right: int = 0


NO_LEVEL = Level(None, None, 0.0, 0)


@dataclass(frozen=True)
class Calibration:
    errors: int
    words: int
    safe: Level  # what the per-class thresholds give together
    unsafe: Level
    targets: tuple[float, float]
    reason: str | None = None  # why nothing could be estimated
    thresholds: tuple[tuple[str, float | None, float | None], ...] = ()  # (class, safe, unsafe)

    def threshold(self, level: str, word: str) -> float | None:
        """The posterior a ``level`` ("safe" or "unsafe") fix of ``word`` needs; None: no such fix."""
        for name, safe, unsafe in self.thresholds:
            if name == length_class(word):
                return safe if level == "safe" else unsafe
        return None

    def as_json(self) -> dict:
        level = lambda lv: {"precision": lv.precision, "recall": round(lv.recall, 3), "fixes": lv.fixes}
        return {"synthetic-errors": self.errors, "words": self.words, "targets": list(self.targets),
                "safe": level(self.safe), "unsafe": level(self.unsafe), "reason": self.reason,
                "thresholds": {name: {"safe": safe, "unsafe": unsafe} for name, safe, unsafe in self.thresholds}}


def sentence(calibration: dict) -> str:
    """A calibration (as in ``Calibration.as_json``) in one line, for ``--statistics`` and the reports."""
    if calibration["reason"]:
        return f"not calibrated ({calibration['reason']}): no fix is safe"
    parts = []
    for name, target in zip(("safe", "unsafe"), calibration["targets"]):
        level = calibration[name]
        if level["precision"] is None:
            parts.append(f"no {name} fixes (precision {target} not reached)")
            continue
        at = [f"{'>= %.3f' % t[name] if t[name] is not None else 'none'} for {CLASS_NAMES[cls]}"
              for cls, t in calibration["thresholds"].items()]
        parts.append(f"estimated precision of {name} fixes on this corpus: {level['precision']:.3f}, "
                     f"recall {level['recall']:.2f} (probability {', '.join(at)})")
    return "; ".join(parts) + f"; n = {calibration['synthetic-errors']:,} synthetic errors"


def contexts(tokens, wanted: int, eligible: Callable[[str], bool]) -> list[Context]:
    """Words of the corpus in their corpus context: each sampled pair gives its second word, the pair's
    first as the word before, and a word seen after it in another sampled pair (if any) as the one after."""
    pairs = tokens.sample_pairs(wanted * PAIRS_PER_ERROR)
    after: dict[str, list[str]] = {}
    for first, second, _ in pairs:
        after.setdefault(first, []).append(second)
    rng = random.Random(SEED)
    found = []
    for first, second, _ in pairs:
        if eligible(second):
            following = after.get(second)
            found.append(Context(first, second, rng.choice(following) if following else None))
    return found


def misspell(word: str, rng: random.Random) -> str | None:
    """``word`` with one to three edits drawn from the channel model; None when the result is a word the
    dictionary or SCOWL knows (a real-word error, which no rule here can see)."""
    model = channel()
    shares = model.shares
    edits = 1 + bisect.bisect(list(itertools.accumulate(shares[:-1])), rng.random() * sum(shares))
    typed = word
    for _ in range(edits):
        typed = model.draw(typed, rng)
    return None if typed == word or lexicon.is_known(typed) or typed in lexicon.varieties() else typed


def calibrate(tokens, decide: Decide, eligible: Callable[[str], bool], targets: tuple[float, float],
              errors: int = ERRORS) -> Calibration:
    """Thresholds on ``decide``'s posterior that reach ``targets`` (safe, unsafe) on synthetic errors."""
    found = contexts(tokens, errors, eligible) if tokens else []
    words = len({c.word for c in found})
    errors = min(errors, max(MIN_ERRORS, ERRORS_PER_WORD * words))  # a small corpus: fewer, as varied
    if words < MIN_WORDS:
        return Calibration(0, words, NO_LEVEL, NO_LEVEL, targets,
                           f"too little evidence: {words} distinct words to misspell, {MIN_WORDS} needed")
    rng = random.Random(SEED)
    outcomes = []
    for i in range(errors):
        context = found[i % len(found)]
        typed = misspell(context.word, rng)
        if typed is None:
            continue
        best, posterior, may_be_safe, may_be_unsafe = decide(typed, context.previous, context.following)
        short = length_class(typed) == "short"
        if best is not None:
            outcomes.append(Outcome(posterior, best == context.word, may_be_safe, may_be_unsafe, short))
        else:
            outcomes.append(Outcome(0.0, False, False, False, short))
    made = len(outcomes)
    levels = {}
    for name in CLASSES:
        group = [o for o in outcomes if o.short == (name == "short")]
        levels[name] = (_level([o for o in group if o.may_be_safe], made, targets[0]),
                        _level([o for o in group if o.may_be_unsafe], made, targets[1]))
    safe, unsafe = (_together([levels[name][i] for name in CLASSES], made) for i in (0, 1))
    thresholds = tuple((name, levels[name][0].threshold, levels[name][1].threshold) for name in CLASSES)
    return Calibration(made, words, safe, unsafe, targets, None, thresholds)


def _together(levels: list[Level], errors: int) -> Level:
    """What several classes' thresholds give together: their fixes and right fixes added up."""
    fixes, right = sum(lv.fixes for lv in levels), sum(lv.right for lv in levels)
    return Level(None, round(right / fixes, 4) if fixes else None, right / max(1, errors), fixes, right)


def _level(outcomes: list[Outcome], errors: int, target: float) -> Level:
    """The lowest posterior threshold (>= FLOOR) whose fixes reach ``target`` precision, with at least
    MIN_FIXES of them; its precision and recall over all ``errors``."""
    ranked = sorted((o for o in outcomes if o.posterior >= FLOOR), key=lambda o: -o.posterior)
    right = chosen = 0
    best = None
    for count, outcome in enumerate(ranked, 1):
        right += outcome.right
        boundary = count == len(ranked) or ranked[count].posterior < outcome.posterior
        if boundary and count >= MIN_FIXES and right / count >= target:
            best, chosen = (outcome.posterior, right, count), count
    if best is None:
        return NO_LEVEL
    threshold, right, count = best
    return Level(math.floor(threshold * 1e6) / 1e6, round(right / count, 4), right / max(1, errors), chosen, right)
