"""`make bench`: speed figures, measured side by side in one run. Prints; asserts nothing; the table at the
end also goes to `bench/bench.md`. Every timed run is a new process, one after the other, on the same
machine; codespell and typos come from the bench extra.

1. One-file latency (pre-commit runs a hook on a staged file): `corpusclean check`, codespell and typos
   on a 2 kB file, median of 10 new processes each, beside `python -c pass`.
2. The pack inputs on which Python's `re` backtracked for seconds to minutes, timed as automata.
3. A folder of >= 10,000 small files (~2 kB each): a bare read + tokenize + count (the floor DESIGN §8
   names), `clean` and `check` with the default rules, `check --jobs 2`, codespell and typos.
4. Scale: the BBC and Gutenberg text as JSONL, replicated to BENCH_SCALE_MB (default 200): `clean` with
   `--jobs 1`, `--jobs 2` and the Ray executor beside a bare read + parse + tokenize + count, with each
   run's peak RSS; then BENCH_LARGE_MB (default 1000; 0 skips it) with `--jobs 2`.
5. The AR family on scraped text: 300 Dragnet pages reduced to text by a naive extractor (the standard
   library's HTML parser: every text node, scripts and styles dropped, as `get_text` and WET files do),
   and 4 Gutenberg novels (prose: AR09 scores every line, then leaves the document), beside the bare pass.
BENCH_DETAIL=1 adds the per-stage figures behind them: the default rules in process on the Gutenberg
novels, candidate searches per distinct unknown word, pass 1 alone and its memory, the native analysis.
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
LATENCY_RUNS = 10
TABLE: list[tuple[str, str, str, str]] = []  # (what, who, figure, note): printed at the end, and to bench/bench.md
# Real users have compiled bytecode: a sandbox that forbids writing it would time the compiler instead.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def median_seconds(command: list[str], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def latency() -> None:
    """One-file latency, as pre-commit runs a hook on one staged file: a new process each time."""
    sample = (EVAL / "news/bbc_greene_cunningham/business/001.txt").read_bytes()[:2048].decode("utf-8", "ignore")
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "doc.txt"
        doc.write_text(sample, encoding="utf-8")
        rows = [("python -c pass", [sys.executable, "-c", "pass"]),
                ("corpusclean check", [sys.executable, "-m", "corpusclean", "check", str(doc)])]
        rows += [(tool, command) for tool, command in (("codespell", [_tool("codespell"), str(doc)]),
                                                         ("typos", [_tool("typos"), str(doc)])) if command[0]]
        for name, command in rows:
            seconds = median_seconds(command, runs=LATENCY_RUNS)
            TABLE.append(("one 2 kB file", name, f"{seconds * 1000:.0f} ms", f"median of {LATENCY_RUNS} new processes"))
            print(f"  {name}: {seconds * 1000:.0f} ms")


def _tool(name: str) -> str | None:
    """A command-line tool from this environment (the bench extra installs codespell and typos)."""
    import shutil

    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else shutil.which(name)


# Lines on which the packs' Python patterns backtracked, and for how long, before they ran as automata.
BACKTRACKED = {"AR01": "17 s", "AR02": "> 60 s", "AR06": "23 s"}
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
        TABLE.append(("pathological pack input", f"{code} on {line[:20]!r}...", f"{seconds * 1000:.1f} ms",
                      f"{BACKTRACKED[code]} with Python's re"))


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
              f"for {len(tokens.forms()):,} forms and {tokens.pair_count():,} word pairs")


def scale() -> None:
    """The BBC and Gutenberg text as JSONL of ~20 kB documents, replicated to BENCH_SCALE_MB (default 200)
    and BENCH_LARGE_MB (default 1000; 0 skips it): `clean` with `--jobs 1`, `--jobs 2` and the Ray
    executor beside a bare read + parse + tokenize + count, and the peak RSS of each run."""
    sizes = [float(os.environ.get("BENCH_SCALE_MB", "200")), float(os.environ.get("BENCH_LARGE_MB", "1000"))]
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for folder in ("news/bbc_greene_cunningham", "throughput/gutenberg_gitenberg")
             for p in sorted((EVAL / folder).rglob("*.txt"))]
    chunks = [t[i:i + 20_000] for t in texts for i in range(0, len(t), 20_000)]  # article-sized documents
    for index, megabytes in enumerate(sizes):
        if not megabytes:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            size, shards, documents = _jsonl(corpus, chunks, megabytes * 1e6)
            label = f"{size / 1e6:.0f} MB JSONL"
            print(f"scale: {label} in {shards} shards, {documents:,} documents, default rules:")
            bare, bare_rss = _run([sys.executable, "-c", BARE_JSONL, str(corpus)])
            rows = [("bare read + JSON + tokenize + count", bare, bare_rss)]
            runs = [("clean --jobs 1", ["--jobs", "1"]), ("clean --jobs 2", ["--jobs", "2"])]
            if importlib.util.find_spec("ray"):
                runs.append(("clean --executor ray (local, 2 cores)", ["--executor", "ray"]))
            if index:  # the large corpus: memory at scale, on the parallel executor
                runs = runs[1:2]
            for name, flags in runs:
                seconds, rss = _run([sys.executable, "-m", "corpusclean", "clean", str(corpus), "--out",
                                     f"{tmp}/out-{len(rows)}", "--quiet", *flags])
                rows.append((name, seconds, rss))
            times = {name: seconds for name, seconds, _ in rows}
            for name, seconds, rss in rows:
                TABLE.append((label, name, f"{size / 1e6 / seconds:.2f} MB/s",
                              f"{seconds:.0f} s, {seconds / bare:.1f}x the bare pass, peak RSS {rss:.0f} MB"))
                print(f"  {name}: {size / 1e6 / seconds:.2f} MB/s ({seconds:.0f} s, {seconds / bare:.1f}x the bare "
                      f"pass); peak RSS {rss:.0f} MB")
            if "clean --jobs 1" in times:
                ratio = times["clean --jobs 1"] / times["clean --jobs 2"]
                TABLE.append((label, "scaling --jobs 2 / --jobs 1", f"{ratio:.2f}x", "target >= 1.8x"))
                print(f"  scaling --jobs 2 / --jobs 1: {ratio:.2f}x (target >= 1.8x)")
            ray = next((seconds for name, seconds, _ in rows if "ray" in name), None)
            if ray:
                TABLE.append((label, "Ray / --jobs 2", f"{ray / times['clean --jobs 2']:.2f}x", "target <= 1.3x"))
                print(f"  Ray executor / --jobs 2: {ray / times['clean --jobs 2']:.2f}x the time (target <= 1.3x)")


def _jsonl(corpus: Path, chunks: list[str], target: float) -> tuple[int, int, int]:
    """Shards of at most ~5 MB (as corpora come) until ``target`` bytes: (bytes, shards, documents)."""
    import json

    corpus.mkdir()
    size, shard, n = 0, 0, 0
    while size < target:
        with open(corpus / f"shard-{shard:04d}.jsonl", "w", encoding="utf-8") as handle:
            for chunk in chunks:
                line = json.dumps({"id": f"d{n}", "text": chunk}, ensure_ascii=False) + "\n"
                handle.write(line)
                size, n = size + len(line.encode()), n + 1
                if size >= target or handle.tell() > 5e6:
                    break
        shard += 1
    return size, shard, n


def small_files() -> None:
    """A folder of >= 10,000 small files (BBC and Gutenberg text cut into ~2 kB pieces at paragraph
    breaks): a bare read + tokenize + count, `corpusclean clean --jobs 1` and `check --jobs 1` with the
    default rules, codespell and typos, each a new process, one after the other."""
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for folder in ("news/bbc_greene_cunningham", "throughput/gutenberg_gitenberg")
             for p in sorted((EVAL / folder).rglob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "small"
        count, size = 0, 0
        for text in texts:
            piece = ""
            for paragraph in text.split("\n\n"):
                piece += paragraph + "\n\n"
                if len(piece) >= 1800:
                    folder = corpus / f"{count // 500:03d}"
                    folder.mkdir(parents=True, exist_ok=True)
                    (folder / f"{count:05d}.txt").write_text(piece, encoding="utf-8")
                    count, size, piece = count + 1, size + len(piece.encode()), ""
        megabytes = size / 1e6
        print(f"  {count:,} files, {megabytes:.1f} MB")
        bare = _seconds([sys.executable, "-c", BARE_FILES, str(corpus)])
        rows = [("bare read + tokenize + count (Python)", bare)]
        commands = [("corpusclean clean --jobs 1", ["clean", str(corpus), "--out", f"{tmp}/out", "--jobs", "1"]),
                    ("corpusclean check --jobs 1", ["check", str(corpus), "--jobs", "1"]),
                    ("corpusclean check --jobs 2", ["check", str(corpus), "--jobs", "2"])]
        for name, args in commands:
            rows.append((name, _seconds([sys.executable, "-m", "corpusclean", *args])))
        for tool in ("codespell", "typos"):
            if path := _tool(tool):
                rows.append((f"{tool} (check)", _seconds([path, str(corpus)], FINDINGS_EXIT[tool])))
        for name, seconds in rows:
            TABLE.append((f"{count:,} small files, {megabytes:.0f} MB", name, f"{megabytes / seconds:.2f} MB/s",
                          f"{seconds:.1f} s, {seconds / bare:.1f}x the bare pass"))
            print(f"  {name}: {megabytes / seconds:.2f} MB/s ({seconds:.1f} s, {seconds / bare:.1f}x the bare pass)")


# The floor, as a process of its own like the others: read every file, tokenize, count.
BARE_FILES = """
import re, sys
from collections import Counter
from pathlib import Path
word, counts = re.compile(r"\\w+"), Counter()
for path in sorted(Path(sys.argv[1]).rglob("*.txt")):
    counts.update(word.findall(path.read_text(encoding="utf-8", errors="replace")))
"""
BARE_JSONL = """
import json, re, sys
from collections import Counter
from pathlib import Path
word, counts = re.compile(r"\\w+"), Counter()
for path in sorted(Path(sys.argv[1]).glob("*.jsonl")):
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            counts.update(word.findall(json.loads(line)["text"]))
"""


def _seconds(command: list[str], findings: tuple[int, ...] = (1,)) -> float:
    return _run(command, findings)[0]


def _run(command: list[str], findings: tuple[int, ...] = (1,)) -> tuple[float, float]:
    """Wall time and peak RSS (MB; the largest process of the child's tree that it waited for). Exit 0
    or one of ``findings`` (what the tool says when it found something) is a run; anything else stops."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0 and code not in findings:
        raise SystemExit(f"bench: {' '.join(command[:4])} ... exited {code}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


# What each checker exits with when it found misspellings (corpusclean: 1; codespell: 65; typos: 2).
FINDINGS_EXIT = {"codespell": (65,), "typos": (2,)}


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


def naive_text(html: str) -> str:
    """A page's text nodes, one per line, without scripts and styles: a naive extractor from the standard
    library (the bench extra has no BeautifulSoup)."""
    from html.parser import HTMLParser

    class Texts(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("script", "style", "noscript")

        def handle_endtag(self, tag):
            self.skip -= tag in ("script", "style", "noscript") and self.skip > 0

        def handle_data(self, data):
            if not self.skip and data.strip():
                self.parts.append(" ".join(data.split()))

    parser = Texts()
    parser.feed(html)
    return "\n".join(parser.parts) + "\n"


def artifact_rules() -> None:
    import tarfile

    import corpusclean

    pages = []
    with tarfile.open(EVAL / "boilerplate/dragnet/dragnet_data.tar.gz") as tar:
        for member in tar:
            if member.isfile() and "/input/" in member.name and member.name.endswith(".html") and len(pages) < 300:
                pages.append(naive_text(tar.extractfile(member).read().decode("utf-8", errors="replace")))
    novels = [p.read_text(encoding="utf-8", errors="replace")
              for p in sorted((EVAL / "throughput/gutenberg_gitenberg").glob("*.txt"))[:4]]
    word = re.compile(r"\w+")
    for label, texts in (("300 Dragnet pages, naive text", pages), ("4 Gutenberg novels", novels)):
        megabytes = sum(len(t.encode()) for t in texts) / 1e6

        def floor() -> None:
            counts: Counter = Counter()
            for text in texts:
                counts.update(word.findall(text))

        list(corpusclean.check(texts[:2], select=["AR"]))  # compile the packs, load the model
        bare = timed(floor)
        rows = [("AR rules (AR01-AR09)", timed(lambda: list(corpusclean.check(texts, select=["AR"])))),
                ("AR rules without AR09", timed(lambda: list(corpusclean.check(texts, select=["AR"], ignore=["AR09"]))))]
        print(f"  {label} ({megabytes:.1f} MB): bare pass {megabytes / bare:.1f} MB/s")
        for name, seconds in rows:
            print(f"    {name:<24} {megabytes / seconds:6.2f} MB/s, {seconds / bare:.1f}x the bare pass")
            TABLE.append((f"{label}, {megabytes:.1f} MB", name, f"{megabytes / seconds:.2f} MB/s",
                          f"{seconds / bare:.1f}x the bare pass ({megabytes / bare:.1f} MB/s), in process, median of 3"))


def write_table() -> None:
    lines = ["| corpus | run | figure | notes |", "|---|---|---|---|"]
    lines += [f"| {what} | {who} | {figure} | {note} |" for what, who, figure, note in TABLE]
    text = "\n".join(lines) + "\n"
    print(text)
    stamp = time.strftime("%Y-%m-%d %H:%M")
    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    header = f"# corpusclean bench\n\n`make bench`, {stamp}, {machine}.\n\n"
    (ROOT / "bench" / "bench.md").write_text(header + text, encoding="utf-8")


if __name__ == "__main__":
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print("one-file latency (pre-commit):")
    latency()
    print("the pack inputs that made Python's re backtrack (now automata), median of 3 checks:")
    pathological()
    print("a folder of small files:")
    small_files()
    print("the AR family on scraped text and on prose:")
    artifact_rules()
    if os.environ.get("BENCH_DETAIL"):  # the per-stage figures behind the table
        throughput()
        print("cost per distinct unknown word, not per token:")
        distinct_not_tokens()
        print("pass 1 (token statistics for SP and CN):")
        pass_one()
        print("the analysis (native core: format, regions, languages):")
        analysis()
    scale()
    write_table()
