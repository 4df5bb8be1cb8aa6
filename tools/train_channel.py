"""Learn the channel model's confusion counts (`corpusclean/text/channel.json`) from real misspellings in
`../shared/eval/spelling/`.

    .venv/bin/python tools/train_channel.py [EVAL_DIR]

Three groups of (misspelling, intended) pairs, each weighing the same (every group's counts are scaled
to the same total): codespell's list (typos found in code and prose, mostly keyboard slips), Wikipedia's
list of common misspellings (mostly cognitive: `seperate`), and one half of the Birkbeck lists (learners
and adults writing by hand: many multi-letter errors). The other half of each Birkbeck list, split by the
correct word (`eval/spelling.py: held_out`), and Norvig's lists are never learned from: `make eval`
measures on them. Birkbeck's `wikipedia.dat` overlaps Wikipedia's list; the eval says so.
Context counts (how often each letter and letter pair is written) come from symspellpy's English word
list, weighted by each word's frequency and scaled to the number of training letters, as Kernighan,
Church & Gale counted them in the text the errors came from. Deterministic: counting, no sampling.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "eval")]

from corpusclean.text import lexicon  # noqa: E402
from corpusclean.text.channel import START, TABLE, edits, letter  # noqa: E402
from spelling import held_out, read_pairs  # noqa: E402

PLAIN = re.compile(r"[a-z]+")
MAX_EDITS = 3
BIRKBECK = ("missp.dat", "aspell.dat", "wikipedia.dat", "holbrook-missp.dat")


def codespell(eval_dir: Path) -> list[tuple[str, str]]:
    """(misspelling, intended) for codespell's entries with a single fix."""
    found = []
    for line in (eval_dir / "spelling/codespell/dictionary.txt").read_text(encoding="utf-8").splitlines():
        typo, _, fixes = line.partition("->")
        if "," not in fixes:
            found.append((typo, fixes.strip()))
    return found


def wikipedia(eval_dir: Path) -> list[tuple[str, str]]:
    table = json.loads((eval_dir / "spelling/wikipedia_common_misspellings/wikipedia.json").read_text("utf-8"))
    return [(typo, fixes[0]) for typo, fixes in table.items() if len(fixes) == 1]


def birkbeck(eval_dir: Path) -> list[tuple[str, str]]:
    return [(typo, correct) for name in BIRKBECK
            for typo, correct in read_pairs(eval_dir / "spelling/birkbeck" / name, "birkbeck") if not held_out(correct)]


def plain(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(t.lower(), c.lower()) for t, c in pairs if PLAIN.fullmatch(t.lower()) and PLAIN.fullmatch(c.lower())
            and t.lower() != c.lower()]


def context_counts(scale: float) -> tuple[dict[str, float], dict[str, float]]:
    unigrams, bigrams = Counter(), Counter()
    for word, count in lexicon.correction_frequencies().items():
        letters = [START] + [letter(c) for c in word]
        for i, c in enumerate(letters):
            unigrams[c] += count
            if i:
                bigrams[letters[i - 1] + c] += count
    return ({k: round(v * scale, 3) for k, v in sorted(unigrams.items())},
            {k: round(v * scale, 3) for k, v in sorted(bigrams.items())})


def train(eval_dir: Path) -> dict:
    groups = {"codespell": plain(codespell(eval_dir)), "wikipedia": plain(wikipedia(eval_dir)),
              "birkbeck": plain(birkbeck(eval_dir))}
    confusions, shares, letters, used = Counter(), [0.0] * MAX_EDITS, 0.0, {}
    mean_size = sum(map(len, groups.values())) / len(groups)
    for name, pairs in groups.items():
        counted, by_edits, group_letters = Counter(), Counter(), 0
        for typo, fix in pairs:
            found = edits(fix, typo)
            if 0 < len(found) <= MAX_EDITS:
                by_edits[len(found)] += 1
                group_letters += len(fix) + 1
                counted.update(" ".join(e) for e in found)
        weight = mean_size / sum(by_edits.values())  # each group weighs as much as an average one
        for key, n in counted.items():
            confusions[key] += n * weight
        for k in range(MAX_EDITS):
            shares[k] += by_edits[k + 1] / sum(by_edits.values()) / len(groups)
        letters += group_letters * weight
        used[name] = sum(by_edits.values())
    # Scale the word list's letter counts to the training words' letters (per pair, as the confusions are).
    frequencies = lexicon.correction_frequencies()
    total_letters = sum(n * (len(w) + 1) for w, n in frequencies.items())
    unigrams, bigrams = context_counts(letters / total_letters)
    return {"source": "codespell 2.4.3 (CC BY-SA 3.0), Wikipedia's list of common misspellings (CC BY-SA), half of "
                      "the Birkbeck lists (research use); letters from symspellpy en-82k",
            "pairs": used, "shares": [round(s, 4) for s in shares],
            "confusions": {k: round(v, 3) for k, v in sorted(confusions.items())},
            "unigrams": unigrams, "bigrams": bigrams}


if __name__ == "__main__":
    eval_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "eval"
    table = train(eval_dir)
    TABLE.write_text(json.dumps(table, indent=0) + "\n", encoding="utf-8")
    print(f"{TABLE}: pairs {table['pairs']}, shares by edit count {table['shares']}, "
          f"{len(table['confusions'])} confusions")
