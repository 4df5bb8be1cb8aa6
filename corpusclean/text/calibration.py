"""Calibration on the corpus itself: how precise a spelling rule's fixes will be on *this* corpus.

After pass 1, words are drawn from the corpus's own word pairs (by count, a deterministic sample: the
same for any order of counting), each misspelt the way people misspell (edits drawn from the channel
model, :mod:`corpusclean.text.channel`), and the rule decides each one in its corpus context. A fix that
restores the drawn word is right, any other fix wrong. The safe and unsafe thresholds on the rule's
posterior are the lowest at which the fixes made reach the configured precision targets; their
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


# (typed, previous, following) -> (best candidate or None, posterior, may be safe, may be unsafe)
Decide = Callable[[str, str | None, str | None], tuple[str | None, float, bool, bool]]


@dataclass(frozen=True)
class Level:
    threshold: float | None  # None: no threshold reaches the target
    precision: float | None
    recall: float
    fixes: int


@dataclass(frozen=True)
class Calibration:
    errors: int
    words: int
    safe: Level
    unsafe: Level
    targets: tuple[float, float]
    reason: str | None = None  # why nothing could be estimated

    def as_json(self) -> dict:
        level = lambda lv: {"threshold": lv.threshold, "precision": lv.precision, "recall": round(lv.recall, 3),
                            "fixes": lv.fixes}
        return {"synthetic-errors": self.errors, "words": self.words, "targets": list(self.targets),
                "safe": level(self.safe), "unsafe": level(self.unsafe), "reason": self.reason}


def sentence(calibration: dict) -> str:
    """A calibration (as in ``Calibration.as_json``) in one line, for ``--statistics`` and the reports."""
    if calibration["reason"]:
        return f"not calibrated ({calibration['reason']}): no fix is safe"
    parts = []
    for name, target in zip(("safe", "unsafe"), calibration["targets"]):
        level = calibration[name]
        if level["threshold"] is None:
            parts.append(f"no {name} fixes (precision {target} not reached)")
        else:
            parts.append(f"estimated precision of {name} fixes on this corpus: {level['precision']:.3f}, "
                         f"recall {level['recall']:.2f} (probability >= {level['threshold']:.3f})")
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
        none = Level(None, None, 0.0, 0)
        return Calibration(0, words, none, none, targets,
                           f"too little evidence: {words} distinct words to misspell, {MIN_WORDS} needed")
    rng = random.Random(SEED)
    outcomes = []
    for i in range(errors):
        context = found[i % len(found)]
        typed = misspell(context.word, rng)
        if typed is None:
            continue
        best, posterior, may_be_safe, may_be_unsafe = decide(typed, context.previous, context.following)
        if best is not None:
            outcomes.append(Outcome(posterior, best == context.word, may_be_safe, may_be_unsafe))
        else:
            outcomes.append(Outcome(0.0, False, False, False))
    made = len(outcomes)
    safe = _level([o for o in outcomes if o.may_be_safe], made, targets[0])
    unsafe = _level([o for o in outcomes if o.may_be_unsafe], made, targets[1])
    return Calibration(made, words, safe, unsafe, targets)


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
        return Level(None, None, 0.0, 0)
    threshold, right, count = best
    return Level(math.floor(threshold * 1e6) / 1e6, round(right / count, 4), right / max(1, errors), chosen)

