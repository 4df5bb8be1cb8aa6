"""`make eval`: quality figures on text written by others (../shared/eval, or $CORPUSCLEAN_EVAL_DATA).

1. False changes on clean prose: `clean` with the default rules over the BBC News corpus (2,225 edited
   articles); every applied word change is listed for review, and counted per 100k words.
2. Known misspellings (SP01) on real misspellings people made: Birkbeck's `missp.dat` and `aspell.dat`
   and Norvig's test sets (Wikipedia's list, the source of SP01's data, is left out as circular):
   recall (typos fixed to the right word), and precision of what SP01 changes.
3. The seed article: what the default run removes and reports.
Prints figures; asserts nothing.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("CORPUSCLEAN_EVAL_DATA", ROOT.parent / "shared" / "eval"))


def clean(input_path: Path, out: Path, *flags: str) -> list[dict]:
    subprocess.run([sys.executable, "-m", "corpusclean", "clean", str(input_path), "--out", str(out), *flags],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return [json.loads(line) for line in (out / "report/findings.jsonl").read_text(encoding="utf-8").splitlines()]


def false_changes() -> None:
    corpus = EVAL / "news/bbc_greene_cunningham"
    words = sum(len(re.findall(r"\w+", p.read_text(encoding="utf-8", errors="replace")))
                for p in corpus.rglob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        findings = clean(corpus, Path(tmp) / "out")
    applied = [f for f in findings if f["status"] == "applied"]
    by_rule = Counter(f["code"] for f in applied)
    word_changes = [f for f in applied if f["code"][:2] in ("SP", "CN")]
    print(f"1. BBC News ({words:,} words): {len(applied)} fixes applied {dict(sorted(by_rule.items()))}")
    print(f"   word changes: {len(word_changes)} = {len(word_changes) / words * 1e5:.1f} per 100k words "
          "(each below is a real typo in the BBC text unless marked otherwise on review)")
    for f in word_changes:
        print(f"     {f['code']} {f['path'].split('bbc_greene_cunningham/')[-1]}:{f['line']}: "
              f"{f['matched']!r} -> {f['fix']['edits'][0]['replacement']!r}")
    shown = Counter(f["code"] for f in findings if f["status"] == "skipped")
    print(f"   reported, not applied: {dict(sorted(shown.items()))}")


def misspelling_pairs() -> list[tuple[str, str]]:
    pairs = []
    for name in ("missp.dat", "aspell.dat"):
        correct = None
        for line in (EVAL / "spelling/birkbeck" / name).read_text(encoding="latin-1").splitlines():
            if line.startswith("$"):
                correct = line[1:].strip()
            elif correct and line.strip():
                pairs.append((line.strip(), correct))
    for name in ("spell-testset1.norvig-format.txt", "spell-testset2.norvig-format.txt"):
        for line in (EVAL / "spelling/norvig" / name).read_text(encoding="utf-8").splitlines():
            right, _, wrongs = line.partition(":")
            pairs += [(w, right.strip()) for w in wrongs.split()]
    return [(w, r) for w, r in pairs if re.fullmatch(r"[A-Za-z']+", w) and "_" not in r and w != r]


def known_misspellings() -> None:
    import corpusclean

    pairs = sorted(set(misspelling_pairs()))
    results = corpusclean.clean([f"They said {typo} twice.\n" for typo, _ in pairs], select=["SP01"])
    right = wrong = 0
    for (typo, correct), result in zip(pairs, results):
        if result.changed:
            fixed = result.cleaned[len("They said "):-len(" twice.\n")]
            right += fixed == correct
            wrong += fixed != correct
    print(f"2. SP01 on {len(pairs):,} real misspellings (Birkbeck missp+aspell, Norvig): "
          f"{right} fixed right, {wrong} changed to another word; recall {right / len(pairs):.3f}, "
          f"precision {right / max(1, right + wrong):.3f}")


def seed() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        findings = clean(ROOT / "seeds/input", Path(tmp) / "out")
    for f in findings:
        print(f"3. seed: {f['code']} {f['status']:<8} {f['matched'][:60]!r}")


if __name__ == "__main__":
    false_changes()
    known_misspellings()
    seed()
