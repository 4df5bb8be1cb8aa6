"""`make eval`: quality figures on text written by others (../shared/eval, or $CORPUSCLEAN_EVAL_DATA).

1. False changes on clean prose: `clean` with the default rules over the BBC News corpus (2,225 edited
   articles); every applied word change is listed for review, and counted per 100k words.
2. Real misspellings injected into BBC articles: now part of 13, beside three corpora not tuned on (the
   channel model learned from half of each Birkbeck list, so only the other half is injected).
3. The seed article: what the default run removes and reports.
4-5. Variant spellings: Wikidata transliterations, and CN01's clusters on BBC News (see eval/names.py).
6-7. Artifact lines on Scrapinghub's extraction benchmark; residue in the CNN/DailyMail sample (see
   eval/artifacts.py).
8. ftfy's own test cases for the EN rules (see eval/encoding.py).
9. Documentation (pydantic, httpx, mkdocs Markdown; flask reST): changes inside code/markup, found
   independently with markdown-it-py/docutils (target 0); precision of the rest (target >= 0.9); codespell
   and typos on the same files (see eval/docs.py, eval/regions.py).
10-11. Informal, formal and news English (NLTK webtext, inaugural addresses, Brown news): false changes per 100k words
   (target <= 5); other languages (CoNLL-2002 Spanish/Dutch, Hindi, Bangla, newspaper3k's non-English
   pages): words changed (target 0) and the language assigned (see eval/prose_guard.py).
12. Corpus-attested name repair across corpora (see eval/name_repair.py).
13-14. Real misspellings across corpora beside the calibration's estimate; split words (see eval/repair.py).
15-16. Boilerplate lines after real extractors (Dragnet's held-out sites, Scrapinghub) beside the text-only
   probe, C4's line heuristics and jusText; lines removed from clean corpora (see eval/boilerplate.py).
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


def read_review() -> dict[tuple[str, str, str], tuple[str, str]]:
    """eval/bbc_review.tsv: (file, word, replacement) -> (verdict, note), judged by reading each in context."""
    from reviews import review_rows

    return {(path, word, replacement): (verdict, note)
            for path, word, replacement, verdict, note in review_rows("bbc_review.tsv", 5)}


def false_changes() -> None:
    corpus = EVAL / "news/bbc_greene_cunningham"
    words = sum(len(re.findall(r"\w+", p.read_text(encoding="utf-8", errors="replace")))
                for p in corpus.rglob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        findings = clean(corpus, Path(tmp) / "out")
    applied = [f for f in findings if f["status"] == "applied"]
    by_rule = Counter(f["code"] for f in applied)
    review = read_review()
    verdicts: dict[str, list[str]] = {"typo": [], "variant": [], "wrong-fix": [], "false": [], "unreviewed": []}
    for f in applied:
        if f["code"][:2] not in ("SP", "CN"):
            continue
        path, replacement = f["path"].split("bbc_greene_cunningham/")[-1], f["fix"]["edits"][0]["replacement"]
        verdict, note = review.get((path, f["matched"], replacement), ("unreviewed", ""))
        verdicts[verdict].append(f"{f['code']} {path}:{f['line']}: {f['matched']!r} -> {replacement!r}"
                                 + (f"  ({note})" if note else ""))
    changed = sum(map(len, verdicts.values()))
    print(f"1. BBC News ({words:,} words): {len(applied)} fixes applied {dict(sorted(by_rule.items()))}")
    print(f"   word changes: {changed} = {changed / words * 1e5:.1f} per 100k words, judged in eval/bbc_review.tsv:")
    for verdict, title in (("typo", "real typos of the source fixed"), ("variant", "inconsistent spellings unified"),
                           ("wrong-fix", "real typos fixed wrongly"),
                           ("false", "FALSE CHANGES to correct words"), ("unreviewed", "not yet reviewed")):
        items = verdicts[verdict]
        print(f"   {title}: {len(items)} = {len(items) / words * 1e5:.2f} per 100k words")
        if verdict in ("typo", "variant"):
            print("     " + ", ".join(sorted({i.split(": ", 1)[1].split(" -> ")[0] for i in items})))
        else:
            for item in items:
                print(f"     {item}")
    shown = Counter(f["code"] for f in findings if f["status"] == "skipped")
    print(f"   reported, not applied: {dict(sorted(shown.items()))}")


def seed() -> None:
    for flags in ((), ("--unsafe-fixes",)):
        with tempfile.TemporaryDirectory() as tmp:
            findings = clean(ROOT / "seeds/input", Path(tmp) / "out", *flags)
        for f in findings:
            fix = f"-> {f['fix']['edits'][0]['replacement'][:20]!r}" if f["fix"] and f["code"][:2] == "SP" else ""
            print(f"3. seed {' '.join(flags) or '(safe)':<15} {f['code']} {f['status']:<8} {f['matched'][:50]!r} {fix}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    false_changes()
    seed()
    from names import bbc_clusters, transliterations

    transliterations(EVAL)
    bbc_clusters(EVAL)
    from artifacts import cnn_dailymail, scrapinghub

    scrapinghub(EVAL)
    cnn_dailymail(EVAL)
    from encoding import ftfy_cases

    ftfy_cases(EVAL)
    from docs import docs_sets

    docs_sets(EVAL)
    from prose_guard import english_prose, other_languages

    english_prose(EVAL)
    other_languages(EVAL)
    from name_repair import name_repair

    name_repair(EVAL)
    from repair import misspellings, split_words

    misspellings(EVAL)
    split_words(EVAL)
    from boilerplate import boilerplate, clean_corpora

    boilerplate(EVAL)
    clean_corpora(EVAL)
