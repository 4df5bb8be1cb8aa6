"""How much an edit between two spellings says "the same name": weights learned from transliterations.

Two spellings are aligned letter by letter and each edit described (``variants.edit_features``: the
letters it changes, where it falls, the letters beside it, whether transliteration tables know it).
Each description has a weight: the log of how much more often spellings of one name (Wikidata
transliterations of the same source name) make that edit than spellings of different names at the same
edit distance. A pair's score is the sum of its edits' weights (a logistic regression): `y`→`i` in
`Yanukovych` scores high, a changed final vowel low (`Rita`/`Rito`).

The table is trained by ``tools/train_names.py`` on one half of the transliteration clusters (split by
cluster) and measured by ``make eval`` on the other half; it ships as ``name_edits.json`` (CC0 data).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("name_edits.json")


@lru_cache(maxsize=1)
def _weights() -> tuple[dict[str, float], float]:
    from corpusclean.text.lexicon import cached

    table = cached(TABLE, "name-edits", lambda path: json.loads(path.read_text(encoding="utf-8")))
    return table["weights"], table["threshold"]


def threshold() -> float:
    """The score above which two spellings count as one name (chosen on the training half)."""
    return _weights()[1]


def score(features: list[str]) -> float:
    """The summed weight of a pair's edit descriptions (``variants.edit_features``): high for one name."""
    weights = _weights()[0]
    return weights["bias"] + sum(weights.get(feature, 0.0) for feature in features)
