"""`make bench`: speed figures, measured side by side in one run. Prints; asserts nothing.

1. Pre-commit latency: `corpusclean check` on a 2 kB file (a new process each time, as pre-commit runs it),
   median of N runs, against `python -c pass` (the interpreter's own start-up) in the same run.
2. Throughput of the default rules and of the SP rules alone (serial, `clean` without writing) on the
   Gutenberg novels, against the floor DESIGN §8 names: a bare Python pass that reads, regex-tokenizes
   and counts the same text; and how many distinct unknown words the SP rules searched candidates for.
3. The SP rules on a corpus and on the same corpus twice over: candidate searches follow distinct words.
4. Pass 1 alone: MB/s beside the bare pass, and the memory of the statistics.
6. The analysis alone (the native core: format, regions, languages) on the Gutenberg, BBC and documentation
   text, batch by batch as the stages call it, beside the bare pass on the same files.
5. Scale: the BBC and Gutenberg text as JSONL, replicated to BENCH_SCALE_MB (default 200), cleaned with
   `--jobs 1`, `--jobs 2` and `--executor ray` (new processes, one after the other): MB/s, the scaling
   ratio, peak RSS, the ratio of `--jobs 1` to a bare pass that reads, parses, tokenizes and counts the
   same JSONL, and the Ray executor's overhead against `--jobs 2`.
"""
from __future__ import annotations

import importlib.util
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


# Lines on which the packs' Python patterns backtracked: 17 s, over 60 s and 23 s before they ran as automata.
PATHOLOGICAL = {
    "AR01": "Updated " + "1" * 24 + "x",
    "AR02": "Reporting by Jane Doe" + "; editing by a" * 30 + "!",
    "AR06": "By . Jane" + " For" * 30 + " x y z !",
}


def pathological() -> None:
    from corpusclean import api

    for code, line in PATHOLOGICAL.items():
        text = f"{line}\n\nThe council met on Monday.\n\n{line}\n"
        list(api.clean([text], select=[code]))  # compile the pack first: its first use is not the point
        seconds = timed(lambda: list(api.clean([text], select=[code])))
        print(f"  {code} on {line[:24]!r}... ({len(line)} characters): {seconds * 1000:.1f} ms")


def timed(action, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class Discard:
    """A sink that drops results: throughput without the cost of writing."""

    def begin(self, source): pass
    def item(self, item, result=None): pass
    def end(self, source): pass


def throughput() -> None:
    from corpusclean.core.config import Settings
    from corpusclean.io.sources import InputOptions, discover
    from corpusclean.run.serial import run_serial
    from corpusclean.run.plan import build_plan
    from corpusclean.text import lexicon

    folder = EVAL / "throughput/gutenberg_gitenberg"
    sources = discover([folder])
    megabytes = sum(s.path.stat().st_size for s in sources) / 1e6
    word = re.compile(r"\w+")

    def floor() -> None:
        counts: Counter = Counter()
        for source in sources:
            counts.update(word.findall(source.path.read_text(encoding="utf-8", errors="replace")))

    def run(select, ignore=()):
        plan = build_plan(Settings(select=select, ignore=ignore), apply=True)
        return lambda: run_serial(sources, plan, InputOptions(), [Discard()])

    run(("SP",))()  # load the dictionaries once, as a long run does
    rows = [("bare read+tokenize+count", timed(floor)), ("corpusclean default rules, serial", timed(run(None))),
            ("corpusclean SP rules only, serial", timed(run(("SP",)))),
            ("corpusclean AR+EN+WS default rules", timed(run(None, ("SP", "CN"))))]
    print(f"throughput on {len(sources)} Gutenberg files, {megabytes:.1f} MB, median of 3:")
    for name, seconds in rows:
        print(f"  {name:<36} {megabytes / seconds:6.1f} MB/s")
    print(f"  default rules / floor: {rows[1][1] / rows[0][1]:.2f}x the time (target <= 4x)")
    lexicon.candidates.cache_clear()
    run(("SP",))()
    print(f"  distinct unknown words (one candidate search each): {lexicon.candidates.cache_info().currsize:,}")


def distinct_not_tokens() -> None:
    """The SP rules' cost follows distinct unknown words: the same BBC articles twice over are twice the
    tokens but no new unknown word, so the candidate searches stay the same and the time grows only by
    the per-token work."""
    import corpusclean
    from corpusclean.text import lexicon

    texts = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted((EVAL / "news/bbc_greene_cunningham").rglob("*.txt"))[:600]]
    list(corpusclean.check(texts[:50], select=["SP"]))  # load the dictionaries
    for label, corpus in (("600 BBC articles", texts), ("the same, each twice", texts + texts)):
        lexicon.candidates.cache_clear()
        seconds = timed(lambda: list(corpusclean.check(corpus, select=["SP"])), runs=1)  # results are lazy
        print(f"  SP rules on {label:<22} {seconds:5.2f} s, "
              f"{lexicon.candidates.cache_info().misses:,} candidate searches")


def pass_one() -> None:
    """Pass 1 alone (the token statistics CN01 and the SP rules read), its MB/s beside the bare floor, and
    the memory its frozen statistics take for the whole BBC corpus (tracemalloc, Python allocations)."""
    import tracemalloc

    from corpusclean.core.config import Settings
    from corpusclean.io.sources import InputOptions, discover
    from corpusclean.run.serial import statistics as pass1
    from corpusclean.run.plan import build_plan

    plan = build_plan(Settings(select=("CN", "SP")), apply=True)
    word = re.compile(r"\w+")
    for label, folder in (("Gutenberg", EVAL / "throughput/gutenberg_gitenberg"),
                          ("BBC News", EVAL / "news/bbc_greene_cunningham")):
        sources = discover([folder])
        megabytes = sum(s.path.stat().st_size for s in sources) / 1e6

        def floor() -> None:
            counts: Counter = Counter()
            for source in sources:
                counts.update(word.findall(source.path.read_text(encoding="utf-8", errors="replace")))

        bare, ours = timed(floor), timed(lambda: pass1(sources, plan, InputOptions()))
        tracemalloc.start()
        stats = pass1(sources, plan, InputOptions())
        held, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        tokens = stats["tokens"]
        print(f"  pass 1 on {label} ({megabytes:.1f} MB): {megabytes / ours:.1f} MB/s "
              f"(bare pass {megabytes / bare:.1f} MB/s); statistics hold {held / 1e6:.0f} MB "
              f"for {len(tokens.forms()):,} forms and {len(tokens._pairs):,} word pairs")


def scale() -> None:
    import json
    import resource

    target = float(os.environ.get("BENCH_SCALE_MB", "200")) * 1e6
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for folder in ("news/bbc_greene_cunningham", "throughput/gutenberg_gitenberg")
             for p in sorted((EVAL / folder).rglob("*.txt"))]
    chunks = [t[i:i + 20_000] for t in texts for i in range(0, len(t), 20_000)]  # article-sized documents
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        size, shard, n = 0, 0, 0
        while size < target:
            with open(corpus / f"shard-{shard:03d}.jsonl", "w", encoding="utf-8") as handle:
                for chunk in chunks:
                    line = json.dumps({"id": f"d{n}", "text": chunk}, ensure_ascii=False) + "\n"
                    handle.write(line)
                    size, n = size + len(line.encode()), n + 1
                    if size >= target or handle.tell() > 5e6:  # many shards, as corpora come
                        break
            shard += 1
        print(f"scale: {size / 1e6:.0f} MB of JSONL in {shard} shards, {n:,} documents, default rules:")
        word = re.compile(r"\w+")

        def bare() -> None:
            counts: Counter = Counter()
            for path in sorted(corpus.glob("*.jsonl")):
                with open(path, encoding="utf-8") as handle:
                    for line in handle:
                        counts.update(word.findall(json.loads(line)["text"]))

        floor = timed(bare, runs=1)
        print(f"  bare read + JSON + tokenize + count: {size / 1e6 / floor:.1f} MB/s")
        seconds = {}
        runs = [("--jobs 1", ["--jobs", "1"]), ("--jobs 2", ["--jobs", "2"])]
        if importlib.util.find_spec("ray"):
            runs.append(("--executor ray", ["--executor", "ray"]))
        else:
            print("  (ray not installed: pip install 'corpusclean[ray]' for the Ray figure)")
        for name, flags in runs:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "corpusclean", "clean", str(corpus), "--out",
                            f"{tmp}/out-{len(seconds)}", "--quiet", *flags], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            seconds[name] = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"  {name}: {size / 1e6 / seconds[name]:.2f} MB/s ({seconds[name]:.0f} s); peak RSS of any "
                  f"process so far {peak:.0f} MB")
        print(f"  scaling --jobs 2 / --jobs 1: {seconds['--jobs 1'] / seconds['--jobs 2']:.2f}x (target >= 1.7x "
              f"on 2 cores); --jobs 1 / bare pass: {seconds['--jobs 1'] / floor:.1f}x the time (target <= 3x)")
        if "--executor ray" in seconds:
            print(f"  Ray executor / --jobs 2: {seconds['--executor ray'] / seconds['--jobs 2']:.2f}x the time "
                  "(a local Ray on the same 2 cores)")


def analysis() -> None:
    """The native analysis alone, per format, beside a bare read + tokenize + count of the same files."""
    from corpusclean.core.analysis import analyze_batch, format_of
    from corpusclean.core.document import Document

    word = re.compile(r"\w+")
    sets = [("Gutenberg", EVAL / "throughput/gutenberg_gitenberg", "*.txt"),
            ("BBC News", EVAL / "news/bbc_greene_cunningham", "*.txt"),
            ("docs, Markdown", EVAL / "docs", "*.md"), ("docs, reST", EVAL / "docs", "*.rst")]
    for label, folder, pattern in sets:
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob(pattern))]
        formats = [format_of(Document(f"x{pattern[1:]}", "")) for _ in texts]
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6

        def floor() -> None:
            counts: Counter = Counter()
            for text in texts:
                counts.update(word.findall(text))

        def ours() -> None:
            for at in range(0, len(texts), 64):
                analyze_batch(texts[at:at + 64], formats[at:at + 64])

        bare, seconds = timed(floor), timed(ours)
        print(f"  analysis of {label} ({len(texts):,} files, {megabytes:.1f} MB): {megabytes / seconds:.1f} MB/s "
              f"(bare tokenize + count {megabytes / bare:.1f} MB/s, read excluded from both)")


if __name__ == "__main__":
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    latency()
    throughput()
    print("cost per distinct unknown word, not per token:")
    distinct_not_tokens()
    print("pass 1 (token statistics for SP and CN):")
    pass_one()
    print("the analysis (native core: format, regions, languages):")
    analysis()
    print("the pack inputs that made Python's re backtrack (now automata), median of 3 checks:")
    pathological()
    scale()
