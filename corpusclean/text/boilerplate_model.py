"""AR09's line model: how likely a line of scraped text is boilerplate, from its shape, its neighbours and
the corpus.

The features of each line and the trees that score them are native (`native/src/boilerplate.rs`), so a
run and `tools/train_boilerplate.py`, which learns the trees from web pages with human-marked content,
read lines alike. `boilerplate_model.json` holds the trees (gradient-boosted, on the logistic loss), the
feature names, and the probability thresholds chosen on held-back sites.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from corpusclean import _core

MODEL = Path(__file__).with_name("boilerplate_model.json")

# In the order of `boilerplate.rs: features`.
FEATURES = ("bias", "words", "one-word", "2-3 words", "4-7 words", "ends a sentence", "ends with a colon",
            "punctuation per word", "capitalised share", "all capitals", "stop-word share", "digit share",
            "a date or time", "a link", "an image", "list/table/heading marks", "separators", "web words",
            "short neighbours", "the line before ends a sentence", "the line after ends a sentence",
            "position", "within two lines of an edge", "in the main prose block", "distance to the main block",
            "document words", "documents sharing it", "share of the site's documents",
            "short and in the site's template")


@dataclass(frozen=True)
class LineModel:
    trees: Any  # _core.LineModel
    safe: float  # probability from which a removal is safe

    @classmethod
    def from_json(cls, data: dict) -> "LineModel":
        trees = [([(int(node), j, cut) for node, (j, cut) in tree["split"].items()],
                  [(int(node), value) for node, value in tree["value"].items()]) for tree in data["trees"]]
        return cls(_core.LineModel(data["base"], trees), data.get("safe", 1.0))

    def score(self, lines: Sequence[str], shared: Sequence[tuple[float, float]], report: float = 0.5,
              top: int = 3) -> tuple[list[float], list[bool], list[list[str]]]:
        """Each line's probability of being boilerplate; whether it carries a sign only a web page has (a
        link, an image, web words on a widget-sized line, or being its site's template); and, for each
        line scored ``report`` or more, the ``top`` features that pushed it most towards boilerplate with
        the line's value (`a link: yes`, `words: 1`, `short neighbours: 0.83`). ``shared[i]`` is line i's
        corpus part: (log of the number of other documents holding it, share of its site's other
        documents holding it)."""
        scores, signs, pushes = self.trees.score(list(lines), list(shared), TEMPLATE_SHARE, report, top)
        return scores, signs, [[f"{FEATURES[j]}: {_shown(j, value)}" for j, value in line] for line in pushes]


_COUNTS = frozenset(FEATURES.index(name) for name in (
    "words", "document words", "documents sharing it", "distance to the main block"))  # log(1 + n)
_FLAGS = frozenset(FEATURES.index(name) for name in (
    "one-word", "2-3 words", "4-7 words", "ends a sentence", "ends with a colon", "all capitals", "a date or time",
    "a link", "an image", "list/table/heading marks", "separators", "the line before ends a sentence",
    "the line after ends a sentence", "within two lines of an edge", "in the main prose block",
    "short and in the site's template"))


def _shown(index: int, value: float) -> str:
    if index in _FLAGS:
        return "yes" if value else "no"
    if index in _COUNTS:
        return f"{math.expm1(value):.0f}"
    return f"{value:.2f}"


@lru_cache(maxsize=1)
def load(path: Path = MODEL) -> LineModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path}: trained for other features: run tools/train_boilerplate.py")
    return LineModel.from_json(data)


PAGE_SHARE = 0.5  # a naive extraction of a page is mostly boilerplate; a good one, or edited prose, is not
PAGE_SIGNS = 2  # lines that look boilerplate and carry a sign of a web page
TEMPLATE_SHARE = 0.5  # a line in half its site's documents or more is the site's template


def page_like(scores: Sequence[float], signs: Sequence[bool]) -> bool:
    """Whether the document looks like a page extracted naively: the model expects at least half of its
    lines to be boilerplate, and two lines or more that look boilerplate carry a sign of a web page (a
    link, an image, web words on a line of four words or fewer, the site's template; not marks or
    separators: a table in plain text has them). After a good extractor
    (trafilatura) the model's mistakes on the few short lines left cost more than the boilerplate it
    finds; a list in edited prose (a league table, a poem) has short lines but no sign of a page; a list
    of forum titles has signs but is not mostly boilerplate-like."""
    if sum(scores) < PAGE_SHARE * len(scores):
        return False
    return sum(p >= 0.5 and sign for p, sign in zip(scores, signs)) >= PAGE_SIGNS
