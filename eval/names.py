"""Variant spellings (CN) measured on text written by others.

1. Wikidata name transliterations (`names/netransliteration/variant_clusters.tsv`): every pair of English
   spellings of one source name is a true pair; as many pairs of different names (different connected
   groups of spellings), at the same Levenshtein distance, are false pairs. Recall and precision of
   `same_name`, spelling alone, around the shipped threshold, on the half of the clusters the edit
   weights were not learned from (`tools/train_names.py` learns from the other half).
2. BBC News: the clusters CN01 proposes on the whole corpus, the first 50 listed for review.
"""
from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys
import zlib
from collections import defaultdict
from pathlib import Path


Pairs = list[tuple[str, str]]


def name_pairs(path: Path, seed: int = 0) -> dict[str, tuple[Pairs, Pairs]]:
    """``{"test": (positives, negatives), "train-a": (...), "train-b": (...)}``: the clusters split by a
    hash of the cluster (half for testing, two quarters for training), so no name is learned from in one
    part and measured in another."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    clusters = [[v.rsplit(":", 1)[0] for v in row[3].split(",")] for row in rows]
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for cluster in clusters:  # one name read from several scripts is still one name
        for variant in cluster[1:]:
            parent[root(variant)] = root(cluster[0])
    part_of = lambda name: ("test", "train-a", "test", "train-b")[zlib.crc32(root(name).encode()) % 4]
    everything = sorted({pair for c in clusters for pair in itertools.combinations(sorted(set(c)), 2)})
    parts = {}
    for part in ("test", "train-a", "train-b"):
        positives = [p for p in everything if part_of(p[0]) == part]
        names = sorted(n for n in parent if part_of(n) == part)
        parts[part] = (positives, _different_names(positives, names, root, random.Random(seed)))
    return parts


def _different_names(positives: Pairs, names: list[str], root, rng: random.Random) -> Pairs:
    """As many pairs of names from different clusters as there are variant pairs, at each Levenshtein
    distance up to 4."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    wanted: dict[int, int] = defaultdict(int)
    for a, b in positives:
        wanted[Levenshtein.distance(a, b)] += 1
    by_length: dict[int, list[str]] = defaultdict(list)
    for name in names:
        by_length[len(name)].append(name)
    negatives = []
    for a in rng.sample(names, len(names)):
        if not any(wanted[d] for d in range(1, 5)):
            break
        near = [b for size in range(len(a) - 3, len(a) + 4) for b in by_length.get(size, ())]
        for b, distance, _ in process.extract(a, near, scorer=Levenshtein.distance, score_cutoff=4, limit=None):
            if b != a and root(a) != root(b) and wanted[distance] > 0:
                negatives.append((a, b))
                wanted[distance] -= 1
    return negatives


def transliterations(eval_dir: Path) -> None:
    from corpusclean.text import name_model
    from corpusclean.text.variants import same_name

    positives, negatives = name_pairs(eval_dir / "names/netransliteration/variant_clusters.tsv")["test"]
    print(f"4. Wikidata transliterations, the held-out half: {len(positives):,} variant pairs, {len(negatives):,} "
          "pairs of different names at the same edit distances; same_name by spelling alone:")
    base = name_model.threshold()
    for shift in (-2.0, -1.0, 0.0, 1.0, 2.0):
        right = sum(same_name(a, b, base + shift) for a, b in positives)
        wrong = sum(same_name(a, b, base + shift) for a, b in negatives)
        mark = "  <- the shipped threshold" if shift == 0 else ""
        print(f"     score > {base + shift:5.2f}: recall {right / len(positives):.3f}  precision "
              f"{right / max(1, right + wrong):.3f}{mark}")


def bbc_clusters(eval_dir: Path) -> None:
    corpus = eval_dir / "news/bbc_greene_cunningham"
    done = subprocess.run([sys.executable, "-m", "corpusclean", "check", str(corpus), "--select", "CN01",
                           "--output-format", "json"], capture_output=True, text=True)
    clusters: dict[str, dict] = {}
    for finding in json.loads(done.stdout or "[]"):
        clusters.setdefault(finding["evidence"]["canonical"], finding["evidence"]["forms"])
    review = read_cluster_review()
    print(f"5. CN01 on BBC News: {len(clusters)} clusters; the first 50 by size of the canonical form, judged in "
          "eval/bbc_clusters_review.tsv:")
    ranked = sorted(clusters.items(), key=lambda kv: (-kv[1][kv[0]]["count"], kv[0]))
    verdicts: dict[str, int] = defaultdict(int)
    for canonical, forms in ranked[:50]:
        verdict, note = review.get(", ".join(forms), ("unreviewed", ""))
        verdicts[verdict] += 1
        counts = ", ".join(f"{form} x{info['count']}" for form, info in forms.items())
        print(f"     {verdict:10} {counts}" + (f"  ({note})" if verdict != "variant" and note else ""))
    print(f"   of the first 50: {verdicts['variant']} variants, {verdicts['different']} different names, "
          f"{verdicts['unreviewed']} unreviewed")


def read_cluster_review() -> dict[str, tuple[str, str]]:
    """eval/bbc_clusters_review.tsv: forms (canonical first) -> (verdict, note)."""
    from reviews import review_rows

    return {forms: (verdict, note) for forms, verdict, note in review_rows("bbc_clusters_review.tsv", 3)}
