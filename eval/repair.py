"""Calibrated repair measured across corpora (issue: tune on BBC News if you must, report on the others).

(b) Real misspellings injected into running text of each corpus at ~1 per 100 words, each list separately
    (the Birkbeck lists' held-out halves: the channel model learned from the other halves; Norvig's never
    learned from), for corpusclean's SP rules (safe; with --unsafe-fixes), SP02 alone beside the precision
    its calibration on that corpus estimated (e), codespell, typos and a naive pyspellchecker pass.
(d) Split words injected (a stray space inside ~1 word in 200): recall and precision of the joins, and
    the joins SP04 makes on the corpus as it is (listed for judging).
"""
from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from spelling import SYSTEMS, Score, held_out, inject, read_pairs, score

from corpusclean.text.tokens import WORD

CORPORA = (("bbc_greene_cunningham", "tuned on"), ("nltk_brown_news", "unseen"), ("nltk_inaugural", "unseen"),
           ("nltk_webtext", "unseen"))
LISTS = (("Birkbeck missp (learners), held-out half", "spelling/birkbeck/missp.dat", "birkbeck"),
         ("Birkbeck aspell, held-out half", "spelling/birkbeck/aspell.dat", "birkbeck"),
         ("Birkbeck wikipedia (*), held-out half", "spelling/birkbeck/wikipedia.dat", "birkbeck"),
         ("Norvig", "spelling/norvig/spell-testset1.norvig-format.txt", "norvig"))
DOCUMENTS = 300


def texts_of(eval_dir: Path, corpus: str) -> list[str]:
    paths = sorted((eval_dir / "news" / corpus).rglob("*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    if len(texts) > DOCUMENTS:
        texts = texts[::max(1, len(texts) // DOCUMENTS)][:DOCUMENTS]
    return texts


def sp02_alone(texts: list[str], unsafe: bool = False) -> tuple[list[str], dict | None]:
    import corpusclean

    results = list(corpusclean.clean(texts, select=["SP02"], unsafe_fixes=unsafe))
    found = next((f.evidence.get("calibration") for r in results for f in r.findings
                  if f.code == "SP02" and f.evidence.get("calibration")), None)
    return [r.cleaned for r in results], found


def misspellings(eval_dir: Path) -> None:
    print("13. Real misspellings injected across corpora (~1 per 100 words); SP rules; SP02 alone beside its "
          "calibration's estimate (e). (*) Wikipedia's list overlaps the channel model's training lists.")
    for corpus, status in CORPORA:
        texts = texts_of(eval_dir, corpus)
        words = sum(len(WORD.findall(t)) for t in texts)
        print(f"   {corpus} ({status}; {len(texts)} documents, {words:,} words)")
        for name, path, kind in LISTS:
            pairs = read_pairs(eval_dir / path, kind)
            if kind == "birkbeck":
                pairs = [(w, r) for w, r in pairs if held_out(r)]
            injected, truth = inject(texts, pairs)
            print(f"     {name}: {sum(map(len, truth))} injected")
            for system, run in SYSTEMS.items():
                outputs = run(injected)
                if outputs is not None:
                    print("       " + score(injected, truth, outputs).line(system))
            for unsafe in (False, True):
                outputs, estimate = sp02_alone(injected, unsafe)
                measured = score(injected, truth, outputs)
                print("       " + measured.line("SP02 alone" + (" --unsafe" if unsafe else "")) + "  "
                      + _estimate(estimate, "unsafe" if unsafe else "safe", measured))


def _estimate(calibration: dict | None, level: str, measured: Score) -> str:
    if not calibration or calibration.get("reason"):
        return "(not calibrated)"
    found = calibration[level]
    if found["precision"] is None:
        return "(no threshold reached the target)"
    precision = measured.right / max(1, measured.right + measured.wrong)
    return (f"estimate {found['precision']:.3f} (recall {found['recall']:.2f}), measured {precision:.3f}: "
            f"{'agree' if abs(found['precision'] - precision) <= 0.02 else 'DIFFER'} within 0.02")


def split_words(eval_dir: Path, rate: float = 0.005, seed: int = 3) -> None:
    import corpusclean

    from reviews import review_rows

    review = {(corpus, matched.replace("\\n", "\n"), fix.replace("\\n", "\n")): (verdict, note)
              for corpus, matched, fix, verdict, note in review_rows("split_review.tsv", 5)}
    print("14. Split words (SP04): a stray space injected inside ~1 word in 200 (words of 6+ letters); "
          "joins restored, and joins made on the untouched corpus (listed for judging)")
    for corpus, status in CORPORA:
        texts = texts_of(eval_dir, corpus)
        rng = random.Random(seed)
        injected, truth = [], []
        for text in texts:
            pieces, marks, cursor, shift = [], {}, 0, 0
            for match in WORD.finditer(text):
                word = match.group()
                if len(word) < 6 or not word.isalpha() or rng.random() >= rate:
                    continue
                cut = rng.randrange(2, len(word) - 1)
                split = word[:cut] + " " + word[cut:]
                pieces += [text[cursor:match.start()], split]
                marks[match.start() + shift] = (split, word)
                shift += 1
                cursor = match.end()
            pieces.append(text[cursor:])
            injected.append("".join(pieces))
            truth.append(marks)
        tally = {"SAFE": [0, 0], "UNSAFE": [0, 0]}  # right, wrong
        for result, marks in zip(corpusclean.check(injected, select=["SP"]), truth):
            for finding in result.findings:
                if finding.code != "SP04" or finding.fix is None or finding.fix.safety.name not in tally:
                    continue
                mark = marks.get(finding.span.start)
                ok = bool(mark and mark[0] == finding.matched and finding.fix.edits[0].replacement == mark[1])
                tally[finding.fix.safety.name][0 if ok else 1] += 1
        total = sum(map(len, truth))
        (right, wrong), (u_right, u_wrong) = tally["SAFE"], tally["UNSAFE"]
        clean_joins = [(f.matched, f.fix.edits[0].replacement, f.fix.safety.name.lower())
                       for r in corpusclean.check(texts, select=["SP04"]) for f in r.findings]
        verdicts = [review.get((corpus, matched, fix), ("unreviewed", "")) for matched, fix, _ in clean_joins]
        print(f"   {corpus:<24} ({status}) injected {total}: safe joins right {right}, wrong {wrong} "
              f"(recall {right / max(1, total):.2f}, precision {right / max(1, right + wrong):.3f}); with unsafe "
              f"ones recall {(right + u_right) / max(1, total):.2f}, precision "
              f"{(right + u_right) / max(1, right + wrong + u_right + u_wrong):.3f}; "
              f"joins proposed on the untouched text: {len(clean_joins)}, "
              f"{dict(sorted(Counter(v for v, _ in verdicts).items()))} (eval/split_review.tsv)")
        for (matched, fix, safety), (verdict, note) in zip(clean_joins, verdicts):
            print(f"     {verdict:<10} {matched!r} -> {fix!r} ({safety})" + (f"  ({note})" if note else ""))
