"""Variant spellings (CN) measured on text written by others.

1. Wikidata name transliterations (`names/netransliteration/variant_clusters.tsv`): every pair of English
   spellings of one source name is a true pair; as many pairs of different names (different connected
   groups of spellings), at the same Levenshtein distance, are false pairs. Recall and precision of
   `same_name`, spelling alone, at several cost limits.
2. BBC News: the clusters CN01 proposes on the whole corpus, the first 50 listed for review.
"""
from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path


def name_pairs(path: Path, seed: int = 0) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

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
    positives = sorted({pair for c in clusters for pair in itertools.combinations(sorted(set(c)), 2)})
    wanted: dict[int, int] = defaultdict(int)
    for a, b in positives:
        wanted[Levenshtein.distance(a, b)] += 1
    names = sorted(parent)
    by_length: dict[int, list[str]] = defaultdict(list)
    for name in names:
        by_length[len(name)].append(name)
    negatives = []
    for a in random.Random(seed).sample(names, min(6000, len(names))):
        near = [b for size in range(len(a) - 3, len(a) + 4) for b in by_length.get(size, ())]
        for b, distance, _ in process.extract(a, near, scorer=Levenshtein.distance, score_cutoff=4, limit=None):
            if b != a and root(a) != root(b) and wanted[distance] > 0:
                negatives.append((a, b))
                wanted[distance] -= 1
    return positives, negatives


def transliterations(eval_dir: Path) -> None:
    from corpusclean.text.variants import same_name

    positives, negatives = name_pairs(eval_dir / "names/netransliteration/variant_clusters.tsv")
    print(f"4. Wikidata transliterations: {len(positives):,} variant pairs, {len(negatives):,} pairs of different "
          "names at the same edit distances; same_name by spelling alone:")
    for limit in (0.0, 0.25, 0.5, 0.75, 1.0):
        right = sum(same_name(a, b, limit) for a, b in positives)
        wrong = sum(same_name(a, b, limit) for a, b in negatives)
        print(f"     cost <= {limit:.2f}: recall {right / len(positives):.3f}  precision "
              f"{right / max(1, right + wrong):.3f}")


def bbc_clusters(eval_dir: Path) -> None:
    corpus = eval_dir / "news/bbc_greene_cunningham"
    done = subprocess.run([sys.executable, "-m", "corpusclean", "check", str(corpus), "--select", "CN01",
                           "--output-format", "json"], capture_output=True, text=True)
    clusters: dict[str, dict] = {}
    for finding in json.loads(done.stdout or "[]"):
        clusters.setdefault(finding["evidence"]["canonical"], finding["evidence"]["forms"])
    print(f"5. CN01 on BBC News: {len(clusters)} clusters; the first 50 by size of the canonical form:")
    ranked = sorted(clusters.items(), key=lambda kv: (-kv[1][kv[0]]["count"], kv[0]))
    for canonical, forms in ranked[:50]:
        print("     " + ", ".join(f"{form} x{info['count']}" for form, info in forms.items()))
