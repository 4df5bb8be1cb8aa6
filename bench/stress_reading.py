"""Stress cases about reading: text that is not UTF-8, files that cannot be read, cut archives, bad bytes
on stdin, and JSON rows whose every byte but the fixed typo must survive."""
from __future__ import annotations

import gzip
import os
import random
import subprocess

from stress_harness import Suite, sha, temp_files, tree
from stress_inputs import (FIDELITY, FIDELITY_FIXES, FIXED_TEXT, NOT_TEXT, NOT_UTF8, TYPO_TEXT, jsonl, tar_bytes,
                           unzstd, zstd)


def not_text(suite: Suite) -> None:
    for name, (what, data) in NOT_TEXT.items():
        c = suite.case(f"{what}, fix", "exit 2, names the file, input untouched")
        c.write(f"in/{name}", data or tar_bytes(c.dir))
        before = tree(c.dir / "in")
        done = c.run("fix", f"in/{name}")
        c.error(done, name)
        c.kept("in", before, tree(c.dir / "in"))

        c = suite.case(f"{what}, clean", "exit 2, input untouched, copied verbatim to --out, the run goes on")
        c.write(f"in/{name}", data or tar_bytes(c.dir))
        c.write("in/ok.txt", TYPO_TEXT)
        before = tree(c.dir / "in")
        done = c.run("clean", "in", "--out", "out")
        c.error(done, name)
        c.kept("in", before, tree(c.dir / "in"))
        out = c.dir / "out"
        c.bytes("out copy", (out / name).is_file() and sha(out / name) == before[name], "not a verbatim copy")
        c.check((out / "ok.txt").is_file() and (out / "ok.txt").read_text() == FIXED_TEXT, "ok.txt not cleaned")


def unreadable(suite: Suite) -> None:
    for what, file, locked in (("file", "in/locked.txt", "in/locked.txt"), ("folder", "in/locked/x.txt", "in/locked")):
        c = suite.case(f"unreadable {what} (mode 000) in a folder, clean",
                       "reported by name, the run goes on, report written, exit 2")
        c.note("root ignores mode 000: the child runs without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH")
        c.write(file, "Secret teh text.\n")
        c.write("in/open.txt", TYPO_TEXT)
        os.chmod(c.dir / locked, 0)
        c.cleanups.append(lambda path=c.dir / locked: os.chmod(path, 0o755))
        try:
            done = c.run("clean", "in", "--out", "out", drop_dac=True)
        except (OSError, subprocess.SubprocessError) as exc:
            c.skip(f"cannot drop CAP_DAC_OVERRIDE for the child ({exc})")
            continue
        c.error(done, "locked")
        c.check((c.dir / "out/open.txt").is_file() and (c.dir / "out/open.txt").read_text() == FIXED_TEXT,
                "open.txt not cleaned")
        c.check((c.dir / "out/report/summary.json").is_file(), "no report/summary.json")


def truncated(suite: Suite) -> None:
    rows = jsonl(random.Random(suite.seed), 400, "cut")
    for kind, packed in (("gz", gzip.compress(rows, mtime=0)), ("zst", zstd(rows))):
        name = f"rows.jsonl.{kind}"
        for command in ("check", "fix", "clean"):
            c = suite.case(f"truncated .jsonl.{kind} (cut in the middle), {command}",
                           "exit 2, reported by name, never rewritten" + (" (--out: absent or a verbatim copy)"
                                                                          if command == "clean" else ""))
            c.write(f"in/{name}", packed[: len(packed) // 2])
            before = tree(c.dir / "in")
            done = c.run(command, *(["in", "--out", "out"] if command == "clean" else [f"in/{name}"]))
            c.error(done, name)
            c.kept("in", before, tree(c.dir / "in"))
            if command == "clean":
                copy = c.dir / "out" / name
                c.bytes("out", not copy.exists() or sha(copy) == before[name], "a rewritten (cut) file")
                c.check(not temp_files(c.dir / "out"), "temp files left in --out")
    for kind, pack, unpack in (("zst", zstd, unzstd), ("gz", lambda d: gzip.compress(d, mtime=0), gzip.decompress)):
        c = suite.case(f"fix a valid .jsonl.{kind}", "rewritten, still valid, same rows as fixing the plain .jsonl")
        c.write("ref/rows.jsonl", rows)
        c.write(f"in/rows.jsonl.{kind}", pack(rows))
        c.run("fix", "ref/rows.jsonl", show=False)
        done = c.run("fix", f"in/rows.jsonl.{kind}")
        c.exit(done, 0, 1)
        try:
            got = unpack((c.dir / f"in/rows.jsonl.{kind}").read_bytes())
        except Exception as exc:  # noqa: BLE001 - a broken archive is what this case looks for
            got = f"cannot decompress: {exc}".encode()
        wanted = (c.dir / "ref/rows.jsonl").read_bytes()
        c.bytes("out", got == wanted, "differs from the fixed plain .jsonl")
        c.check(wanted != rows, "the reference fix changed nothing (case proves little)")


def filters(suite: Suite) -> None:
    for what, data in NOT_UTF8:
        c = suite.case(f"`fix -` with {what} on stdin", "stdout = stdin byte for byte, exit 2")
        done = c.run("fix", "-", stdin=data)
        c.exit(done, 2)
        c.bytes("stdout", done.stdout == data, f"got {done.stdout[:40]!r}")
    c = suite.case("`fix - --stdin-filename x.jsonl`, a row not UTF-8", "every row passed on: the bad one as is, "
                   "the typo fixed")
    data = b'{"text": "caf\xe9"}\n{"text": "We saw teh end of the match."}\n'
    done = c.run("fix", "-", "--stdin-filename", "x.jsonl", stdin=data)
    c.exit(done, 0, 1, 2)
    wanted = data.replace(b"teh", b"the")
    c.bytes("stdout", done.stdout == wanted, f"got {done.stdout[:80]!r}")


def fidelity(suite: Suite) -> None:
    c = suite.case("JSONL: 1e400, 1E5, long float, duplicate keys, \\u00e9, compact; typo in text, fix",
                   "every byte but the typo in the text value preserved")
    c.write("rows.jsonl", b"\n".join(raw for _, raw in FIDELITY) + b"\n")
    done = c.run("fix", "--unsafe-fixes", "rows.jsonl")
    c.exit(done, 0, 1)
    got = (c.dir / "rows.jsonl").read_bytes().split(b"\n")
    broken = []
    for index, (what, raw) in enumerate(FIDELITY):
        wanted = raw
        for typo, fixed in FIDELITY_FIXES.items():
            wanted = wanted.replace(typo, fixed)
        line = got[index] if index < len(got) else b"(missing)"
        if line == raw:
            c.fail(f"row {index + 1} ({what}): the typo was not fixed, so the row proves nothing")
        elif line != wanted:
            broken.append(f"row {index + 1} ({what}) became {line.decode('utf-8', 'replace')[:90]}")
    c.bytes("rows", not broken, "; ".join(broken))
