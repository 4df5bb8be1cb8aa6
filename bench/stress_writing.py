"""Stress cases about writing: outputs whose names collide, fixes in place (links, read-only files, owners,
stale temp files), the modes of what `clean` writes, and a disk that fills up."""
from __future__ import annotations

import os
import random
import stat
import subprocess
from pathlib import Path

from stress_harness import Suite, listed, outputs, sha, temp_files, tree
from stress_inputs import FIXED_TEXT, TYPO_TEXT, jsonl


def same_names(suite: Suite) -> None:
    c = suite.case("two inputs named x.txt", "both cleaned outputs exist and differ (each = its own clean)")
    c.write("a/x.txt", TYPO_TEXT)
    c.write("b/x.txt", "Updated\n\nThe council met on Monday.\n")
    for side in "ab":  # what each file alone cleans to
        c.run("clean", f"{side}/x.txt", "--out", f"ref-{side}", show=False)
    wanted = sorted(sha(c.dir / f"ref-{side}/x.txt") for side in "ab")
    done = c.run("clean", "a/x.txt", "b/x.txt", "--out", "d")
    c.exit(done, 0)
    got = outputs(c.dir / "d")
    c.bytes("out", sorted(got.values()) == wanted, f"outputs {listed(got) or 'none'}: expected 2 distinct files")

    c = suite.case("two folders with part-00000.jsonl", "both cleaned outputs exist and differ")
    rng = random.Random(suite.seed)
    for lang in ("en", "fr"):
        c.write(f"{lang}/part-00000.jsonl", jsonl(rng, 20, lang))
    before = tree(c.dir / "en") | {f"fr/{k}": v for k, v in tree(c.dir / "fr").items()}
    done = c.run("clean", "en", "fr", "--out", "d")
    c.exit(done, 0)
    got = outputs(c.dir / "d")
    c.bytes("out", len(got) == 2 and len(set(got.values())) == 2, f"outputs: {listed(got) or 'none'}")
    after = tree(c.dir / "en") | {f"fr/{k}": v for k, v in tree(c.dir / "fr").items()}
    c.kept("in", before, after)


def in_place(suite: Suite) -> None:
    c = suite.case("fix on a symlink", "the link stays a link to the same target; target fixed (or refused: "
                   "exit 2, untouched)")
    c.write("real/target.txt", TYPO_TEXT)
    (c.dir / "in").mkdir()
    os.symlink("../real/target.txt", c.dir / "in/link.txt")
    done = c.run("fix", "in/link.txt")
    link = c.dir / "in/link.txt"
    is_link = link.is_symlink() and os.readlink(link) == "../real/target.txt"
    c.bytes("link", is_link, "replaced by a regular file" if not link.is_symlink() else "retargeted")
    target = (c.dir / "real/target.txt").read_text()
    if done.code == 2:
        c.bytes("target", target == TYPO_TEXT, "changed although refused")
    else:
        c.bytes("target", target == FIXED_TEXT, "not fixed through the link")

    c = suite.case("fix on a file with a hard link", "the link is kept (same inode, both names fixed), or refused")
    c.write("in/a.txt", TYPO_TEXT)
    os.link(c.dir / "in/a.txt", c.dir / "in/b.txt")
    done = c.run("fix", "in/a.txt")
    a, b = (c.dir / "in/a.txt").stat(), (c.dir / "in/b.txt").stat()
    c.bytes("link", a.st_ino == b.st_ino and a.st_nlink == 2, "a.txt is a new inode: b.txt no longer the same file")
    wanted = TYPO_TEXT if done.code == 2 else FIXED_TEXT
    c.bytes("b.txt", (c.dir / "in/b.txt").read_text() == wanted, "not the fixed text" if done.code != 2 else "changed")

    c = suite.case("fix on a read-only (0444) file", "refused: exit 2, one line, bytes and mode untouched")
    path = c.write("in/ro.txt", TYPO_TEXT)
    os.chmod(path, 0o444)
    before = tree(c.dir / "in")
    done = c.run("fix", "in/ro.txt")
    c.error(done, one_line=True)
    c.kept("in", before, tree(c.dir / "in"))
    c.check(stat.S_IMODE(path.stat().st_mode) == 0o444, f"mode now {stat.S_IMODE(path.stat().st_mode):o}")
    c.note("as root nothing stops the write: refusing is corpusclean's own check")

    c = suite.case("fix keeps owner, group and mode (uid/gid 1000, 0640)", "fixed; uid, gid and mode unchanged")
    path = c.write("in/owned.txt", TYPO_TEXT)
    if os.geteuid() != 0:
        c.skip("giving a file to uid 1000 needs root")
    else:
        os.chown(path, 1000, 1000)
        os.chmod(path, 0o640)
        done = c.run("fix", "in/owned.txt")
        c.exit(done, 0)
        info = path.stat()
        c.bytes("text", path.read_text() == FIXED_TEXT, "not fixed")
        c.check((info.st_uid, info.st_gid) == (1000, 1000), f"owner now {info.st_uid}:{info.st_gid}")
        c.check(stat.S_IMODE(info.st_mode) == 0o640, f"mode now {stat.S_IMODE(info.st_mode):o}")

    c = suite.case("stale `.a.txt.k3j4h5g6.tmp` from a killed run, fix", "the rerun fixes a.txt and removes the temp")
    c.write("in/a.txt", TYPO_TEXT)
    c.write("in/.a.txt.k3j4h5g6.tmp", "We saw th")
    done = c.run("fix", "in")
    c.exit(done, 0)
    c.bytes("a.txt", (c.dir / "in/a.txt").read_text() == FIXED_TEXT, "not fixed")
    left = temp_files(c.dir / "in")
    c.check(not left, f"left: {listed(left)}")

    c = suite.case("stale temp in --out from a killed run, clean again", "the rerun removes it; output unchanged")
    c.write("in/a.txt", TYPO_TEXT)
    c.run("clean", "in", "--out", "out", show=False)
    first = outputs(c.dir / "out")
    c.write("out/.a.txt.k3j4h5g6.tmp", "We saw th")
    done = c.run("clean", "in", "--out", "out")
    c.exit(done, 0)
    left = temp_files(c.dir / "out")
    c.check(not left, f"left: {listed(left)}")
    c.kept("out", first, {k: v for k, v in outputs(c.dir / "out").items() if k not in left})

    for mask, files, dirs in ((0o022, 0o644, 0o755), (0o077, 0o600, 0o700)):
        c = suite.case(f"clean output modes under umask {mask:03o}", f"files {files:o}, folders {dirs:o} "
                       "(corpus and report/)")
        c.write("in/sub/a.txt", TYPO_TEXT)
        c.write("in/b.txt", "The council met on Monday.\n")
        done = c.run("clean", "in", "--out", "out", umask=mask)
        c.exit(done, 0)
        wrong = []
        for base, names, files_ in os.walk(c.dir / "out"):
            names[:] = [n for n in names if n != ".corpusclean"]
            for name, want in [(n, dirs) for n in names] + [(n, files) for n in files_]:
                mode = stat.S_IMODE(os.lstat(os.path.join(base, name)).st_mode)
                if mode != want:
                    wrong.append(f"{Path(base, name).relative_to(c.dir / 'out').as_posix()} {mode:o}")
        c.check(not wrong, f"modes: {listed(wrong, 5)}")


def full_disk(suite: Suite) -> None:
    c = suite.case("full disk: clean --out on a 2 MB tmpfs, ~3 MB of output",
                   "exit 2, one line naming the cause; no temp or half-written file; inputs untouched")
    rng = random.Random(suite.seed)
    for i in range(4):
        c.write(f"in/big-{i}.jsonl", jsonl(rng, 1600, f"big{i}"))
    c.write("in/small.txt", TYPO_TEXT)
    before = tree(c.dir / "in")
    reference = c.run("clean", "in", "--out", "ref", show=False, timeout=600)
    c.check(reference.code == 0, f"the reference run on a roomy disk exit {reference.shown_code}")
    mount = c.dir / "disk"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if mounted.returncode:
        c.skip(f"mount -t tmpfs is not permitted here ({mounted.stderr.decode().strip()})")
        return
    c.cleanups.append(lambda: subprocess.run(["umount", str(mount)]))
    done = c.run("clean", "in", "--out", "disk/out", timeout=600)
    c.error(done, "space", one_line=True)
    left = temp_files(mount)
    c.check(not left, f"temp files left: {listed(left)}")
    wanted = outputs(c.dir / "ref")
    half = [k for k, v in outputs(mount / "out").items() if wanted.get(k) != v] if (mount / "out").is_dir() else []
    c.bytes("out", not half, f"half-written: {listed(half)}")
    c.kept("in", before, tree(c.dir / "in"))
