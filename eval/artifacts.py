"""Scraping artifacts (AR) measured on text written by others.

6. Scrapinghub's article-extraction benchmark (`boilerplate/scrapinghub/line_labels.jsonl`): the lines four
   extractors kept from 181 news pages, each labelled by whether it is in the human ground truth. Lines
   outside it are artifacts (headlines and standfirsts count as artifacts there too). Each extractor's
   output is one corpus; the AR rules (safe fixes) remove lines; precision and recall of the removed
   lines against the labels, and the removed lines that were article text, listed for review.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path


def line_documents(path: Path) -> dict[str, list[tuple[str, list[tuple[str, bool]]]]]:
    """``{extractor: [(page id, [(line, is article text), ...]), ...]}`` in file order."""
    pages: dict[tuple[str, str], list[tuple[int, str, bool]]] = defaultdict(list)
    for raw in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(raw)
        pages[(row["extractor"], row["id"])].append((row["line_no"], row["line"], row["in_ground_truth"]))
    out: dict[str, list] = defaultdict(list)
    for (extractor, page), lines in pages.items():
        out[extractor].append((page, [(text, label) for _, text, label in sorted(lines)]))
    return out


def removed_lines(original: list[str], cleaned: str) -> list[bool]:
    """Which of ``original`` lines are gone from ``cleaned``. A line an inline rule shortened
    (`(pictured)` deleted) is still there: lines are aligned by difflib, and a changed line counts as
    kept when it is mostly the same text."""
    from difflib import SequenceMatcher

    kept = cleaned.split("\n")
    gone = [False] * len(original)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, original, kept, autojunk=False).get_opcodes():
        if tag == "delete":
            gone[i1:i2] = [True] * (i2 - i1)
        elif tag == "replace":
            candidates = kept[j1:j2]
            for i in range(i1, i2):
                gone[i] = not any(SequenceMatcher(None, original[i], k).ratio() > 0.8 for k in candidates)
    return gone


def scrapinghub(eval_dir: Path) -> None:
    from corpusclean import clean

    corpora = line_documents(eval_dir / "boilerplate/scrapinghub/line_labels.jsonl")
    print("6. Artifact lines on Scrapinghub's extraction benchmark (lines outside the ground truth are "
          "artifacts); the AR rules, safe fixes:")
    total = {"tp": 0, "fp": 0, "fn": 0}
    wrong: list[str] = []
    for extractor, pages in sorted(corpora.items()):
        texts = ["\n".join(text for text, _ in lines) + "\n" for _, lines in pages]
        results = clean(texts, select=["AR"])
        tp = fp = fn = 0
        for (_, lines), result in zip(pages, results):
            for (text, article), gone in zip(lines, removed_lines([t for t, _ in lines], result.cleaned)):
                tp += gone and not article
                fp += gone and article
                fn += not gone and not article
                if gone and article:
                    wrong.append(f"{extractor}: {text[:100]!r}")
        total = {"tp": total["tp"] + tp, "fp": total["fp"] + fp, "fn": total["fn"] + fn}
        print(f"   {extractor:12} removed {tp + fp:4}: precision {tp / max(1, tp + fp):.3f}  recall "
              f"{tp / max(1, tp + fn):.3f}  ({tp + fn} artifact lines)")
    tp, fp, fn = total["tp"], total["fp"], total["fn"]
    print(f"   all          removed {tp + fp:4}: precision {tp / max(1, tp + fp):.3f}  recall {tp / max(1, tp + fn):.3f}"
          "  (targets: precision >= 0.95, recall >= 0.50)")
    for line in wrong:
        print(f"     article text removed: {line}")


def cnn_dailymail(eval_dir: Path) -> None:
    """7. CNN/DailyMail sample (100 articles, flattened to one line each by the dataset): the AR, EN and WS
    rules' safe fixes; every deleted span judged in eval/cnndm_review.tsv as residue or article text;
    article words lost per 100k words."""
    import csv

    from corpusclean import clean

    csv.field_size_limit(1 << 30)
    with open(eval_dir / "news/cnn_dailymail_sample/train_sample.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    texts = [row["article"] + "\n" for row in rows]
    results = list(clean(texts, ignore=["SP", "CN"]))  # read twice below
    review = read_review("cnndm_review.tsv")
    words = sum(len(t.split()) for t in texts)
    kinds: dict[str, list[str]] = defaultdict(list)
    lost = 0
    for result in results:
        for edit in result.applied:
            if not any(code.startswith("AR") for code in edit.codes):
                continue
            removed = result.original[edit.span.start:edit.span.end]
            verdict = review.get(removed.strip(), "unreviewed")
            kinds[verdict].append(f"{'+'.join(edit.codes)} {removed.strip()!r}")
            if verdict != "residue":
                lost += len(removed.split())
    print(f"7. CNN/DailyMail sample ({len(texts)} articles, {words:,} words): the AR rules' safe deletions, "
          "judged in eval/cnndm_review.tsv:")
    print(f"   residue removed: {len(kinds['residue'])}; article text removed: {len(kinds['article'])}; "
          f"unreviewed: {len(kinds['unreviewed'])}")
    print(f"   article words lost: {lost} = {lost / words * 1e5:.1f} per 100k words (target <= 10; "
          "unreviewed deletions count as lost)")
    for name, marker in RESIDUE_MARKERS.items():
        before = sum(len(marker.findall(t)) for t in texts)
        after = sum(len(marker.findall(r.cleaned)) for r in results)
        print(f"   {name:28} in the sample {before:3}, left after cleaning {after:3}")
    for verdict in ("article", "unreviewed"):
        for item in kinds[verdict]:
            print(f"     {verdict}: {item}")


# Independent of the rules' own patterns: how much residue of each kind the sample holds before and after.
RESIDUE_MARKERS = {
    "byline `By . Name .`": re.compile(r"^By \.", re.MULTILINE),
    "stamp `PUBLISHED:/UPDATED:`": re.compile(r"\b(?:PUBLISHED|UPDATED): \."),
    "stamp `Last updated at`": re.compile(r"Last updated at \d"),
    "`(pictured)`": re.compile(r"\(pictured\b"),
    "`Scroll down for video`": re.compile(r"scroll down for video", re.IGNORECASE),
    "`contributed to this report`": re.compile(r"contributed to this report"),
}


def read_review(name: str) -> dict[str, str]:
    """A review file of deleted spans: text -> verdict."""
    from reviews import review_rows

    return {text: verdict for text, verdict, _ in review_rows(name, 3)}
