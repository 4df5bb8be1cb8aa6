"""Stress cases about size: a line of tens of MB, a million lines, a hundred thousand JSONL rows, a deep
folder tree, and folders that link back into themselves."""
from __future__ import annotations

import os

from stress_harness import Suite, digest, sha, spill
from stress_inputs import FIXED_TEXT, TYPO_TEXT, long_line, short_lines


def huge(suite: Suite) -> None:
    megabytes = 5 if suite.quick else 50
    c = suite.case(f"a single {megabytes} MB line, fix", "completes; the typos fixed, every other byte kept")
    spill(c.dir / "big.txt", long_line(b"teh", megabytes))
    done = c.run("fix", "big.txt", timeout=600)
    c.exit(done, 0, 1)
    c.bytes("big.txt", sha(c.dir / "big.txt") == digest(long_line(b"the", megabytes)), "not the expected bytes")

    count = 100_000 if suite.quick else 1_000_000
    c = suite.case(f"{count:,} short lines in one .txt, fix", "completes; the typos fixed, every other byte kept")
    spill(c.dir / "lines.txt", short_lines(b"Updated\n\nWe saw teh end.\n", count))
    done = c.run("fix", "lines.txt", timeout=600)
    c.exit(done, 0, 1)
    c.bytes("lines.txt", sha(c.dir / "lines.txt") == digest(short_lines(b"We saw the end.\n", count)),
            "not the expected bytes")

    rows = count // 10  # ~1,200 rows/s: a million would take the whole budget
    c = suite.case(f"{rows:,} short rows of JSONL, clean", "completes, exit 0, one output row per input row")
    (c.dir / "in").mkdir()
    spill(c.dir / "in/rows.jsonl",
          (f'{{"id": {i}, "text": "Entry {i} was filed."}}\n'.encode() for i in range(rows - 1)))
    with open(c.dir / "in/rows.jsonl", "ab") as handle:
        handle.write(b'{"id": -1, "text": "We saw teh end."}\n')
    done = c.run("clean", "in", "--out", "out", timeout=900)
    c.exit(done, 0)
    out = c.dir / "out/rows.jsonl"
    got = sum(1 for _ in open(out, "rb")) if out.is_file() else 0
    c.bytes("out", got == rows, f"{got} rows")

    c = suite.case("a 40-deep folder tree, clean", "exit 0; the deepest file mirrored and cleaned")
    deep = "/".join(f"level-{i:02d}" for i in range(40))
    c.write(f"in/{deep}/a.txt", TYPO_TEXT)
    c.write("in/top.txt", TYPO_TEXT)
    done = c.run("clean", "in", "--out", "out")
    c.exit(done, 0)
    got = c.dir / "out" / deep / "a.txt"
    c.bytes("out", got.is_file() and got.read_text() == FIXED_TEXT, "deepest file missing or not cleaned")

    c = suite.case("symlink loops in an input folder, check",
                   "terminates; the looping links reported as unreadable; a.txt's finding reported once; exit 2")
    c.write("in/a.txt", TYPO_TEXT)
    (c.dir / "in/sub").mkdir()
    os.symlink("..", c.dir / "in/sub/up")
    os.symlink(".", c.dir / "in/self")
    os.symlink("y.txt", c.dir / "in/x.txt")
    os.symlink("x.txt", c.dir / "in/y.txt")
    done = c.run("check", "in", timeout=120)
    c.exit(done, 2)
    c.check("x.txt: cannot read" in done.stderr and "y.txt: cannot read" in done.stderr,
            "the looping links are not reported")
    reports = done.stdout.decode().count("teh")
    c.check(reports == 1, f"the typo reported {reports} times")
