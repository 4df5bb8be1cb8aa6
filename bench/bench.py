"""`make bench`: speed figures, measured side by side in one run. Prints; asserts nothing.

1. Pre-commit latency: `corpusclean check` on a 2 kB file (a new process each time, as pre-commit runs it),
   median of N runs, against `python -c pass` (the interpreter's own start-up) in the same run.
2. Throughput of the default rules (serial, `clean` without writing) on the Gutenberg novels, against
   the floor DESIGN §8 names: a bare Python pass that reads, regex-tokenizes and counts the same text.
"""
from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("CORPUSCLEAN_EVAL_DATA", ROOT.parent / "shared" / "eval"))
RUNS = int(os.environ.get("BENCH_RUNS", "9"))


def median_seconds(command: list[str], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def latency() -> None:
    sample = (EVAL / "news/bbc_greene_cunningham/business/001.txt").read_bytes()[:2048].decode("utf-8", "ignore")
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "doc.txt"
        doc.write_text(sample, encoding="utf-8")
        bare = median_seconds([sys.executable, "-c", "pass"])
        check = median_seconds([sys.executable, "-m", "corpusclean", "check", str(doc)])
    print(f"pre-commit latency, 2 kB file, median of {RUNS}: corpusclean check {check * 1000:.0f} ms; "
          f"python -c pass {bare * 1000:.0f} ms; corpusclean's own share {(check - bare) * 1000:.0f} ms")


def throughput() -> None:
    from corpusclean.core.config import Settings
    from corpusclean.io.sources import InputOptions, discover
    from corpusclean.run.serial import run_serial
    from corpusclean.run.session import build_plan

    folder = EVAL / "throughput/gutenberg_gitenberg"
    sources = discover([folder])
    megabytes = sum(s.path.stat().st_size for s in sources) / 1e6
    word = re.compile(r"\w+")

    def floor() -> None:
        counts: Counter = Counter()
        for source in sources:
            counts.update(word.findall(source.path.read_text(encoding="utf-8", errors="replace")))

    class Discard:
        def begin(self, source): pass
        def item(self, item, result=None): pass
        def end(self, source): pass

    plan = build_plan(Settings(), apply=True)

    def ours() -> None:
        run_serial(sources, plan, InputOptions(), [Discard()])

    rows = []
    for name, action in (("bare read+tokenize+count", floor), ("corpusclean default rules, serial", ours)):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
        rows.append((name, statistics.median(times)))
    print(f"throughput on {len(sources)} Gutenberg files, {megabytes:.1f} MB, median of 3:")
    for name, seconds in rows:
        print(f"  {name:<36} {megabytes / seconds:6.1f} MB/s")
    print(f"  ratio corpusclean / floor: {rows[1][1] / rows[0][1]:.2f}x the time")


if __name__ == "__main__":
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    latency()
    throughput()
