"""Stress cases that SIGKILL `fix` and `clean` at seeded random points and run them again: a kill may
leave no torn file, and the rerun must end with the bytes of one uninterrupted run."""
from __future__ import annotations

import json
import random
import shutil
import time
from pathlib import Path
from typing import Callable

from stress_harness import Case, Child, Run, Suite, changed, listed, outputs, temp_files, tree
from stress_inputs import corpus

RUNS = 10  # kills per case, one in each tenth of an uninterrupted run


def kill_points(rng: random.Random, span: float, runs: int) -> list[float]:
    """One random point in each tenth of an uninterrupted run's time: the last tenths, where files are
    written, are always hit."""
    return [max(0.05, (i + rng.random()) / runs) * span for i in range(runs)]


def killed(args, cwd: Path, env: dict[str, str], delay: float) -> Run:
    """Start the command, SIGKILL its process group ``delay`` seconds after the start, reap it."""
    child = Child(args, cwd, env)
    time.sleep(max(0.0, delay - (time.perf_counter() - child.started)))
    child.kill()
    return child.wait(60)


def grouped(events: list[tuple[int, float, str]]) -> str:
    """One clause per distinct outcome: ``kills 4, 5 (at 1.53, 1.89 s): WHAT``."""
    by: dict[str, list[tuple[int, float]]] = {}
    for number, delay, what in events:
        by.setdefault(what, []).append((number, delay))
    return "; ".join(f"kill{'s' if len(k) > 1 else ''} {', '.join(str(n) for n, _ in k)} "
                     f"(at {', '.join(f'{d:.2f}' for _, d in k)} s): {what}" for what, k in by.items())


def json_diff(a: Path, b: Path, limit: int = 3) -> str:
    """The first JSON paths where two report files differ (``totals.applied 1081 != 1079``)."""
    found: list[str] = []

    def walk(x, y, where: str) -> None:
        if len(found) >= limit:
            return
        if isinstance(x, dict) and isinstance(y, dict):
            for key in sorted(x.keys() | y.keys(), key=str):
                walk(x.get(key), y.get(key), f"{where}.{key}" if where else str(key))
        elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
            for index, (u, v) in enumerate(zip(x, y)):
                walk(u, v, f"{where}[{index}]")
        elif x != y:
            found.append(f"{where}: {str(x)[:40]} != {str(y)[:40]}")

    try:
        walk(json.loads(a.read_text()), json.loads(b.read_text()), "")
    except (OSError, ValueError):
        return ""
    return ", ".join(found)


def first_difference(a: Path, b: Path, context: int = 30) -> str:
    """The bytes around the first place two files differ: ``...x": "90be10c6d17d"... vs ..."``."""
    left, right = a.read_bytes(), b.read_bytes()
    at = next((i for i, (x, y) in enumerate(zip(left, right)) if x != y), min(len(left), len(right)))
    start = max(0, at - context)
    return f"{left[start:at + 10]!r} vs {right[start:at + 10]!r}"


def where_differ(wanted: Path, got: Path, names: list[str]) -> str:
    """Inside the files both folders hold: the JSON paths that differ, and the first other file's bytes."""
    both = [k for k in names if (wanted / k).is_file() and (got / k).is_file()]
    found = [json_diff(wanted / k, got / k) for k in both if k.endswith(".json")]
    other = [k for k in both if not k.endswith(".json")]
    if other:
        found.append(f"{other[0]}: {first_difference(wanted / other[0], got / other[0])}")
    return "; ".join(filter(None, found))


def fix_corpus(suite: Suite) -> tuple[int, int]:
    return (300, 200) if suite.quick else (1500, 750)


def kill_and_rerun(c: Case, work: Path, args: list[str], span: float, seed: int, first_write: str,
                   start: Callable[[], None], at_kill: Callable[[], tuple[str, bool, str]],
                   after_rerun: Callable[[Run, str], str]) -> None:
    """Run ``args`` in ``work`` from ``start()`` and SIGKILL it, once in each tenth of ``span`` seconds
    (seeded), then run it again to its end. ``at_kill()`` says what the kill tore ("": nothing), whether
    anything was written yet, and a word on the state left; ``after_rerun(rerun, that word)`` what is
    wrong after the rerun ("": nothing)."""
    torn, reruns, clean_kills, writing = [], [], 0, 0
    for number, delay in enumerate(kill_points(random.Random(seed), span, RUNS), 1):
        start()
        env = c.env(c.new_cache())  # the kill's saved state is for its own rerun only
        killed(args, work, env, delay)
        broken, wrote, state = at_kill()
        if broken:
            torn.append((number, delay, broken))
        writing += wrote
        wrong = after_rerun(Child(args, work, env).wait(600), state)
        if wrong:
            reruns.append((number, delay, wrong))
        else:
            clean_kills += 1
    c.bytes("after kill", not torn, grouped(torn))
    c.bytes("after rerun", not reruns, grouped(reruns))
    c.note(f"{writing} of {RUNS} kills came after the first {first_write}; {clean_kills} of {RUNS} "
           "kill+rerun pairs ended with the uninterrupted run's bytes")
    c.command = f"corpusclean {' '.join(args)}  # SIGKILL once in each tenth of {span:.1f} s (seeded), each then rerun"


def killed_fix(suite: Suite) -> None:
    files, rows = fix_corpus(suite)
    c = suite.case(f"SIGKILL `fix` at {RUNS} seeded random points ({files} files + {2 * rows} rows)",
                   "after a kill every file is original or fully fixed; the rerun = an uninterrupted run; no temp")
    pristine, work = c.dir / "pristine", c.dir / "work"
    corpus(pristine, files, rows, suite.seed)
    original = tree(pristine)
    shutil.copytree(pristine, work / "in")
    span = c.run("fix", "in", cwd=work, timeout=600).seconds
    reference = tree(work / "in")
    fixed = changed(original, reference)
    c.note(f"uninterrupted fix: {span:.1f} s, {len(fixed)} files changed")
    resumed = 0

    def start() -> None:
        shutil.rmtree(work / "in")
        shutil.copytree(pristine, work / "in")

    def at_kill() -> tuple[str, bool, str]:
        now = tree(work / "in")
        half = [k for k in original if now.get(k) not in (original[k], reference[k])]
        done = sum(now.get(k) == reference[k] for k in fixed)
        return (f"{listed(half, 2)} neither original nor fixed" if half else "", done > 0,
                f"{done}/{len(fixed)} files fixed at the kill")

    def after_rerun(rerun: Run, state: str) -> str:
        nonlocal resumed
        resumed += "resuming an interrupted fix" in rerun.stderr
        left = temp_files(work / "in")
        diff = changed(reference, {k: v for k, v in tree(work / "in").items() if k not in left})
        if not diff and not left and rerun.code in (0, 1):
            return ""
        return (f"{state}; rerun exit {rerun.shown_code}, {len(diff)} files differ ({listed(diff, 2)})"
                f"{f', {len(left)} temp files left' if left else ''}")

    kill_and_rerun(c, work, ["fix", "in"], span, suite.seed, "file was rewritten", start, at_kill, after_rerun)
    c.note(f"{resumed} of {RUNS} reruns resumed with the statistics their killed run saved")


def killed_clean(suite: Suite) -> None:
    files, rows = fix_corpus(suite)
    c = suite.case(f"SIGKILL `clean` at {RUNS} seeded random points ({files} files + {2 * rows} rows)",
                   "inputs untouched; outputs present are complete; the rerun = an uninterrupted run; no temp")
    work = c.dir / "work"
    out = work / "out"
    corpus(work / "in", files, rows, suite.seed)
    original = tree(work / "in")
    span = c.run("clean", "in", "--out", "out", cwd=work, timeout=600).seconds
    out.rename(work / "ref")
    reference, ref_corpus = tree(work / "ref", skip=(".corpusclean",)), outputs(work / "ref")

    def start() -> None:
        shutil.rmtree(out, ignore_errors=True)

    def at_kill() -> tuple[str, bool, str]:
        present = {k: v for k, v in (outputs(out) if out.is_dir() else {}).items()
                   if not k.split("/")[-1].startswith(".")}  # temp files are the rerun's to remove
        half = [k for k, v in present.items() if ref_corpus.get(k) != v]
        touched = changed(original, tree(work / "in"))
        broken = (f"half-written: {listed(half, 2) or 'none'}; inputs changed: {listed(touched, 2) or 'none'}"
                  if half or touched else "")
        fragments = len(list((out / ".corpusclean").rglob("*"))) if out.is_dir() else 0
        return broken, bool(present), f"{fragments} state files at the kill"

    def after_rerun(rerun: Run, state: str) -> str:
        got = tree(out, skip=(".corpusclean",)) if out.is_dir() else {}
        left = temp_files(out) if out.is_dir() else []
        diff = changed(reference, got)
        if not diff and not left and rerun.code == 0:
            return ""
        where = where_differ(work / "ref", out, diff)
        message = f" {rerun.message[:100]!r}" if rerun.message else ""
        return (f"{state}; rerun exit {rerun.shown_code}{message}, {listed(diff, 3) or 'no file'} differ"
                f"{f' ({where})' if where else ''}, {len(left)} temp files")

    kill_and_rerun(c, work, ["clean", "in", "--out", "out"], span, suite.seed + 1, "output file was written",
                   start, at_kill, after_rerun)
