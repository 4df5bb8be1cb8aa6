"""Typo correction on real misspellings injected into real news text, for corpusclean and two baselines.

Each list of (misspelling, correct) pairs made by people is injected into BBC articles at about one typo
per 100 words: a word whose correct form the list knows is replaced by one of its recorded misspellings.
Every system then cleans the same texts; word-level alignment of its output with the injected text says,
for each change, whether it restored the injected word (right), changed it to something else (wrong) or
changed a word that was not injected (other: a false change, or a real typo of the source text).
"""
from __future__ import annotations

import difflib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from corpusclean.text.tokens import WORD, transfer_case

LETTERS = re.compile(r"^[A-Za-z]+$")


@dataclass
class Score:
    injected: int = 0
    right: int = 0
    wrong: int = 0
    other: int = 0
    examples: dict = field(default_factory=lambda: defaultdict(list))

    def line(self, name: str) -> str:
        recall = self.right / max(1, self.injected)
        precision = self.right / max(1, self.right + self.wrong)
        overall = self.right / max(1, self.right + self.wrong + self.other)
        return (f"{name:<26} recall {recall:5.3f}  precision {precision:5.3f}  (with other changes {overall:5.3f})"
                f"  right {self.right:>4} wrong {self.wrong:>3} other {self.other:>3} of {self.injected}")


def read_pairs(path: Path, kind: str) -> list[tuple[str, str]]:
    pairs = []
    if kind == "birkbeck":
        correct = None
        for line in path.read_text(encoding="latin-1").splitlines():
            if line.startswith("$"):
                correct = line[1:].strip()
            elif correct and line.strip():
                pairs.append((line.strip(), correct))
    else:
        for line in path.read_text(encoding="utf-8").splitlines():
            right, _, wrongs = line.partition(":")
            pairs += [(w, right.strip()) for w in wrongs.split()]
    return [(w, r) for w, r in pairs if LETTERS.match(w) and LETTERS.match(r) and w.lower() != r.lower()]


def held_out(correct: str) -> bool:
    """The half of each Birkbeck list kept from the channel model's training (`tools/train_channel.py`
    learns from the other half), split by the correct word so no word is learned and measured."""
    return zlib.crc32(correct.lower().encode()) % 2 == 1


def inject(texts: list[str], pairs: list[tuple[str, str]], rate: float = 0.01, seed: int = 7,
           max_share: float = 0.1):
    """Texts with typos injected, and per text the (start, end, original) of each injected word.

    At most ``max_share`` of a word's occurrences are misspelled: people do not misspell a word every
    time, and a corpus in which `access` never appears spelled right would rightly vouch for `acess`.
    """
    by_correct = defaultdict(list)
    for typo, correct in pairs:
        by_correct[correct.lower()].append(typo.lower())
    rng = random.Random(seed)
    out, truth = [], []
    for text in texts:
        tokens = list(WORD.finditer(text))
        eligible = [m for m in tokens if m.group().lower() in by_correct and not m.group().isupper()]
        chance = min(max_share, rate * len(tokens) / max(1, len(eligible)))
        pieces, marks, cursor, shift = [], [], 0, 0
        for match in eligible:
            if rng.random() >= chance:
                continue
            typo = transfer_case(match.group(), rng.choice(by_correct[match.group().lower()]))
            pieces += [text[cursor:match.start()], typo]
            start = match.start() + shift
            marks.append((start, start + len(typo), match.group()))
            shift += len(typo) - len(match.group())
            cursor = match.end()
        pieces.append(text[cursor:])
        out.append("".join(pieces))
        truth.append(marks)
    return out, truth


def score(injected: list[str], truth, outputs: list[str]) -> Score:
    result = Score()
    for text, marks, output in zip(injected, truth, outputs):
        result.injected += len(marks)
        before = list(WORD.finditer(text))
        after = [m.group() for m in WORD.finditer(output)]
        by_start = {start: (end, original) for start, end, original in marks}
        matcher = difflib.SequenceMatcher(None, [m.group() for m in before], after, autojunk=False)
        opcodes = []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "replace" and i2 - i1 == j2 - j1:  # word for word: judge each word on its own
                opcodes += [(op, i, i + 1, j1 + k, j1 + k + 1) for k, i in enumerate(range(i1, i2))]
            elif op != "equal":
                opcodes.append((op, i1, i2, j1, j2))
        for op, i1, i2, j1, j2 in opcodes:
            hits = [by_start[m.start()] for m in before[i1:i2] if m.start() in by_start]
            if len(hits) == 1 and i2 - i1 == 1 and " ".join(after[j1:j2]) == hits[0][1]:
                result.right += 1
            elif hits:
                result.wrong += len(hits)
                result.examples["wrong"].append((" ".join(m.group() for m in before[i1:i2]), " ".join(after[j1:j2]),
                                                 hits[0][1]))
            else:
                result.other += max(i2 - i1, j2 - j1)
                result.examples["other"].append((" ".join(m.group() for m in before[i1:i2]), " ".join(after[j1:j2])))
    return result


def corpusclean_outputs(texts: list[str], unsafe: bool = False) -> list[str]:
    import corpusclean

    return [r.cleaned for r in corpusclean.clean(texts, select=["SP"], unsafe_fixes=unsafe)]


def pyspellchecker_outputs(texts: list[str]) -> list[str]:
    """The naive approach: every lowercase word the dictionary lacks becomes its best candidate.
    Distance 1: pyspellchecker's default distance 2 takes ~0.5 s per unknown word here."""
    from spellchecker import SpellChecker

    checker = SpellChecker(distance=1)
    known = checker.word_frequency.dictionary
    cache: dict[str, str] = {}

    def fix(match: re.Match) -> str:
        word = match.group()
        if not word.islower() or word in known:
            return word
        if word not in cache:
            cache[word] = checker.correction(word) or word
        return cache[word]

    return [WORD.sub(fix, text) for text in texts]


def fixed_in_copies(tool: str, *flags: str):
    """A spell checker that writes its fixes into files, run on copies of the texts; None when it is not
    installed."""
    def run(texts: list[str]) -> list[str] | None:
        exe = shutil.which(tool) or str(Path(sys.executable).parent / tool)
        if not Path(exe).exists():
            return None
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for i, text in enumerate(texts):
                path = Path(tmp) / f"{i:05}.txt"
                path.write_text(text, encoding="utf-8")
                paths.append(path)
            subprocess.run([exe, *flags, tmp], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return [p.read_text(encoding="utf-8") for p in paths]

    return run


codespell_outputs = fixed_in_copies("codespell", "-w", "-q", "3")
typos_outputs = fixed_in_copies("typos", "--write-changes")


SYSTEMS: dict[str, Callable] = {
    "corpusclean (safe)": corpusclean_outputs,
    "corpusclean --unsafe-fixes": lambda texts: corpusclean_outputs(texts, unsafe=True),
    "codespell -w": codespell_outputs,
    "typos --write-changes": typos_outputs,
    "pyspellchecker (naive)": pyspellchecker_outputs,
}
