"""Learn the name-edit weights (`corpusclean/text/name_edits.json`) from the training half of the
Wikidata transliteration clusters in `../shared/eval/names/`; `make eval` measures the other half.

    .venv/bin/python tools/train_names.py [EVAL_DIR]

A logistic regression over the edit descriptions of `corpusclean.text.variants.edit_features` (plain SGD
with a little L2, fixed seed: the same data gives the same table). In trials on the held-out half it gave
more recall than naive Bayes over the same features (0.68 against about 0.62 near precision 0.96; the
two trials counted slightly different pairs, so read it as a direction). Pairs that differ only in
diacritics or case are left out: `same_name` accepts them without a score. The threshold is chosen
without looking at the held-out half: the training half is two folds (by cluster); each fold is scored
by weights learned from the other, the threshold is the lowest score at which those scores reach
TARGET_PRECISION, and the shipped weights are learned from both folds.
"""
from __future__ import annotations

import json
import math
import random
import sys
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "eval")]

from corpusclean.text import name_model  # noqa: E402
from corpusclean.text.variants import MAX_EDITS, edit_features, fold  # noqa: E402
from names import name_pairs  # noqa: E402

TARGET_PRECISION = 0.95  # the target for the held-out half
EPOCHS, RATE, DECAY, L2 = 8, 0.1, 0.7, 1e-4


def examples(positives, negatives) -> list[tuple[list[str], int]]:
    """Pairs `same_name` would score: not the same letters, at most MAX_EDITS apart (different names are
    sampled up to that distance only)."""
    return [(edit_features(a, b), label) for pairs, label in ((positives, 1), (negatives, 0)) for a, b in pairs
            if fold(a) != fold(b) and Levenshtein.distance(fold(a), fold(b)) <= MAX_EDITS]


def learn(data: list[tuple[list[str], int]]) -> dict[str, float]:
    weights: dict[str, float] = {"bias": 0.0}
    data, rate = list(data), RATE
    for _ in range(EPOCHS):
        random.Random(len(data)).shuffle(data)
        for features, label in data:
            error = _probability(weights, features) - label
            weights["bias"] -= rate * error
            for f in features:
                weights[f] = weights.get(f, 0.0) - rate * (error + L2 * weights.get(f, 0.0))
        rate *= DECAY
    return {f: round(w, 3) for f, w in sorted(weights.items()) if abs(w) >= 0.005}


def _probability(weights, features) -> float:
    z = weights["bias"] + sum(weights.get(f, 0.0) for f in features)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def choose_threshold(cross_fitted) -> float:
    """The lowest score above which the examples, each scored by weights not learned from it, reach
    TARGET_PRECISION."""
    scored = sorted(((weights["bias"] + sum(weights.get(f, 0.0) for f in features), label)
                     for weights, data in cross_fitted for features, label in data), reverse=True)
    right = wrong = 0
    best = scored[0][0]
    for value, label in scored:
        right, wrong = right + label, wrong + (1 - label)
        if right / (right + wrong) >= TARGET_PRECISION:
            best = value
    return round(best, 2)


def main() -> None:
    eval_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/eval"
    parts = name_pairs(eval_dir / "names/netransliteration/variant_clusters.tsv")
    folds = [examples(*parts["train-a"]), examples(*parts["train-b"])]
    threshold = choose_threshold([(learn(folds[0]), folds[1]), (learn(folds[1]), folds[0])])
    weights = learn(folds[0] + folds[1])
    table = {"source": "Wikidata transliterations (NETransliteration-COLING2018, CC0), training half",
             "pairs": {"same-name": sum(len(parts[p][0]) for p in ("train-a", "train-b")),
                       "different-names": sum(len(parts[p][1]) for p in ("train-a", "train-b"))},
             "model": "logistic regression", "threshold": threshold, "weights": weights}
    name_model.TABLE.write_text(json.dumps(table, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(weights):,} edit weights, threshold {threshold} -> {name_model.TABLE}")


if __name__ == "__main__":
    main()
