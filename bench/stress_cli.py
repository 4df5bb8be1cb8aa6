"""Stress cases about the command line: broken configs and impossible --out folders (one line on stderr,
exit 2), and whether `check`, `fix` and `--statistics` tell the same counts."""
from __future__ import annotations

import re
import subprocess

from stress_harness import Suite, tree
from stress_inputs import CONFIGS, TYPO_TEXT, corpus


def config_errors(suite: Suite) -> None:
    for name, text, what in CONFIGS:
        c = suite.case(f"{name}: {what}", "exit 2, one line, no traceback")
        c.write(name, text)
        c.write("a.txt", TYPO_TEXT)
        done = c.run("check", "a.txt")
        c.error(done, one_line=True)
        c.command = f"corpusclean check a.txt  # {name}: {text.strip()!r}"

    c = suite.case("--out is an existing file", "exit 2, one line, the file untouched")
    c.write("in/a.txt", TYPO_TEXT)
    c.write("taken.txt", "keep me\n")
    done = c.run("clean", "in", "--out", "taken.txt")
    c.error(done, one_line=True)
    c.bytes("taken.txt", (c.dir / "taken.txt").read_text() == "keep me\n", "overwritten")

    c = suite.case("--out under /proc", "exit 2, one line")
    c.write("in/a.txt", TYPO_TEXT)
    done = c.run("clean", "in", "--out", "/proc/x")
    c.error(done, one_line=True)

    c = suite.case("--out in an immutable folder (chattr +i)", "exit 2, one line")
    c.write("in/a.txt", TYPO_TEXT)
    (c.dir / "frozen").mkdir()
    if subprocess.run(["chattr", "+i", str(c.dir / "frozen")], capture_output=True).returncode:
        c.skip("chattr +i is not supported here")
    else:
        c.cleanups.append(lambda: subprocess.run(["chattr", "-i", str(c.dir / "frozen")]))
        done = c.run("clean", "in", "--out", "frozen/out")
        c.error(done, one_line=True)


SUMMARY = re.compile(r"Found ([\d,]+) findings? (?:\(([\d,]+) fixed, ([\d,]+) remaining\) )?in")
FIXABLE = re.compile(r"\[\*\] ([\d,]+) fixable")
STATISTICS_ROW = re.compile(r"^\s*([\d,]+)\s+([A-Z]{2}\d\d)\b.*?(?:\(([\d,]+) fixed\))?$", re.M)


def number(text: str | None) -> int:
    return int((text or "0").replace(",", ""))


def summary(stdout: bytes) -> dict[str, int]:
    """The closing lines: found, and fixable (check) or fixed and remaining (fix)."""
    text = stdout.decode("utf-8", "replace")
    numbers = {"found": 0} if "All checks passed" in text else {}
    if found := SUMMARY.search(text):
        numbers["found"] = number(found[1])
        if found[2]:
            numbers.update(fixed=number(found[2]), remaining=number(found[3]))
    if fixable := FIXABLE.search(text):
        numbers["fixable"] = number(fixable[1])
    return numbers


def statistics(stdout: bytes) -> tuple[int, int]:
    """``--statistics``: findings and fixed, summed over the rules."""
    rows = STATISTICS_ROW.findall(stdout.decode("utf-8", "replace"))
    return sum(number(found) for found, _, _ in rows), sum(number(fixed) for _, _, fixed in rows)


def agreement(suite: Suite) -> None:
    c = suite.case("check and fix count the same", "check's fixable = fix's fixed; check's total = fix's total; "
                   "summaries = --statistics")
    corpus(c.dir / "in", 60, 30, suite.seed)
    checked = c.run("check", "--statistics", "in")
    fixed = c.run("fix", "--statistics", "in")
    c.exit(checked, 1)
    c.exit(fixed, 0, 1)
    said, did = summary(checked.stdout), summary(fixed.stdout)
    if c.check("found" in said and "fixed" in did, f"summaries not read: {checked.stdout[-200:]!r} / "
                                                    f"{fixed.stdout[-200:]!r}"):
        c.note(f"summaries: check {said['found']} found, {said.get('fixable', 0)} fixable; fix {did['found']} "
               f"found, {did['fixed']} fixed, {did['remaining']} remaining")
        c.check(did["fixed"] == said.get("fixable", 0), f"check says {said.get('fixable', 0)} fixable, fix fixed "
                                                        f"{did['fixed']}")
        c.check(did["found"] == said["found"], f"check found {said['found']}, fix {did['found']}")
        (by_check, _), (by_fix, fixed_by_fix) = statistics(checked.stdout), statistics(fixed.stdout)
        c.note(f"--statistics: check {by_check} found; fix {by_fix} found, {fixed_by_fix} fixed, so "
               f"{by_fix - fixed_by_fix} remain")
        c.check(by_fix - fixed_by_fix == did["remaining"], f"fix's summary says {did['remaining']} remaining, its "
                                                           f"--statistics {by_fix - fixed_by_fix}")

    c = suite.case("fix --unsafe-fixes twice", "the second run changes no byte and fixes 0")
    corpus(c.dir / "in", 60, 30, suite.seed)
    first = c.run("fix", "--unsafe-fixes", "in")
    middle = tree(c.dir / "in")
    second = c.run("fix", "--unsafe-fixes", "in")
    c.exit(first, 0, 1)
    c.exit(second, 0, 1)
    c.kept("2nd run", middle, tree(c.dir / "in"))
    c.check(summary(second.stdout).get("fixed") == 0, f"second run: {second.stdout.decode()[-160:].strip()!r}")
