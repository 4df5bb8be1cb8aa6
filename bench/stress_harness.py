"""The stress harness: run `corpusclean` as a child process, read what it did, and turn checks into a row.

A `Case` is a temp folder, the runs made in it and the checks held against them; a `Suite` holds the run's
settings and every case made so far. `Child` starts one process (Popen, then os.wait4 for the exit status
and peak RSS); `tree` and `sha` say which bytes changed.
"""
from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parent.parent
VENV_CLI = ROOT / ".venv/bin/corpusclean"
CLI = [str(VENV_CLI)] if VENV_CLI.exists() else [sys.executable, "-m", "corpusclean"]
ENV = {k: v for k, v in os.environ.items() if not k.startswith("CORPUSCLEAN_")}


def source_stamp() -> int:
    """Changes when a file of the package changes: the checkout may be edited while a case runs."""
    package = ROOT / "corpusclean"
    return hash(tuple((str(p), p.stat().st_mtime_ns) for p in sorted(package.rglob("*"))
                      if p.is_file() and "__pycache__" not in p.parts))


# -- running the CLI ------------------------------------------------------------------------------------

@dataclass
class Run:
    args: tuple[str, ...]
    code: int | None  # None: killed by a signal (see `signal`)
    stdout: bytes
    stderr: str
    seconds: float
    rss_mb: float
    signal: int | None = None
    timed_out: bool = False

    @property
    def shown_code(self) -> str:
        if self.timed_out:
            return "timeout"
        return f"SIG{signal.Signals(self.signal).name[3:]}" if self.signal else str(self.code)

    @property
    def message(self) -> str:
        return next((line.strip() for line in self.stderr.splitlines() if line.strip()), "")

    def not_one_line(self) -> str:
        """Why stderr is not one line a user can act on; empty when it is."""
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        if "internal error" in self.stderr:
            return "an internal error (a crash), not a message"
        if "Traceback" in self.stderr:
            return f"a Python traceback on stderr ({len(lines)} lines)"
        return "" if len(lines) == 1 else f"{len(lines)} lines on stderr"


_LIBC = ctypes.CDLL(None, use_errno=True)
PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def _drop_dac() -> None:
    """In the child before exec: root keeps uid 0 but loses the right to ignore permission bits."""
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if _LIBC.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


class Child:
    """One `corpusclean` process in its own process group, so that a SIGKILL reaches its workers too."""

    def __init__(self, args, cwd: Path, env: dict[str, str], stdin: bytes | None = None, umask: int = -1,
                 drop_dac: bool = False):
        self.args = tuple(str(a) for a in args)
        self._out, self._err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        with tempfile.TemporaryFile() as source:
            source.write(stdin or b"")
            source.seek(0)
            self.started = time.perf_counter()
            self.proc = subprocess.Popen(CLI + list(self.args), cwd=cwd, env=env, stdout=self._out,
                                         stdin=source if stdin is not None else subprocess.DEVNULL,
                                         stderr=self._err, umask=umask, start_new_session=True,
                                         preexec_fn=_drop_dac if drop_dac else None)
        self.timed_out = False

    def kill(self, timed_out: bool = False) -> None:
        """SIGKILL the process group. Safe until `wait` reaps the leader: its zombie keeps the group id."""
        self.timed_out |= timed_out
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)

    def wait(self, timeout: float) -> Run:
        timer = threading.Timer(timeout, self.kill, kwargs={"timed_out": True})
        timer.start()
        os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOWAIT)  # exited, not yet reaped
        seconds = time.perf_counter() - self.started
        timer.cancel()
        timer.join()
        self.kill()  # workers that would outlive their parent
        _, status, usage = os.wait4(self.proc.pid, 0)  # usage: the child's peak RSS
        code = self.proc.returncode = os.waitstatus_to_exitcode(status)
        with self._out, self._err:
            self._out.seek(0)
            self._err.seek(0)
            out, err = self._out.read(), self._err.read().decode("utf-8", "replace")
        return Run(self.args, code if code >= 0 else None, out, err, seconds, usage.ru_maxrss / 1024,
                   -code if code < 0 else None, self.timed_out)


# -- files ----------------------------------------------------------------------------------------------

def sha(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every file under ``folder`` (symlinks not followed) -> its sha256, or the link's target."""
    found = {}
    for base, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in files + [d for d in dirs if os.path.islink(os.path.join(base, d))]:
            path = Path(base, name)
            relative = path.relative_to(folder).as_posix()
            found[relative] = f"-> {os.readlink(path)}" if path.is_symlink() else sha(path)
    return found


def outputs(out: Path) -> dict[str, str]:
    """The cleaned corpus under ``out``: report/ and the resume state left out."""
    return tree(out, skip=("report", ".corpusclean"))


def spill(path: Path, chunks: Iterable[bytes]) -> None:
    """Write a big file piece by piece: the harness's own peak RSS is inherited by every child it starts
    (fork copies the high-water mark into the child's ru_maxrss), so it must stay small."""
    with open(path, "wb") as handle:
        for chunk in chunks:
            handle.write(chunk)


def digest(chunks: Iterable[bytes]) -> str:
    hashed = hashlib.sha256()
    for chunk in chunks:
        hashed.update(chunk)
    return hashed.hexdigest()


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def temp_files(folder: Path) -> list[str]:
    """Atomic-write temp files (``.NAME.xxxxxxxx.tmp``) left under ``folder``."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob(".*.tmp"))


def listed(names, limit: int = 4) -> str:
    names = list(names)
    return ", ".join(names[:limit]) + (f" (+{len(names) - limit} more)" if len(names) > limit else "")


# -- cases ----------------------------------------------------------------------------------------------

@dataclass
class Row:
    title: str
    command: str
    expect: str
    code: str = ""
    message: str = ""
    bytes: str = ""
    seconds: float = 0.0
    rss_mb: float = 0.0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: str = ""  # why this machine cannot run the case (then it proves nothing either way)

    @property
    def verdict(self) -> str:
        return "FAIL" if self.problems else "skip" if self.skipped else "ok"


class Case:
    """A temp folder, the runs made in it, and the checks held against them."""

    def __init__(self, scratch: Path, title: str, expect: str) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="case-", dir=scratch))
        # Outside the case folder, so that no tree of it sees the cache; `fix` saves an interrupted run's
        # state there, which no other case's runs may find.
        self.cache = Path(tempfile.mkdtemp(prefix="cache-", dir=scratch))
        self.indexes = scratch / "indexes"  # the spelling indexes, built once for every case
        self.row = Row(title, "", expect)
        self.shown: list[Run] = []
        self.cleanups: list[Callable[[], None]] = []
        self.command: str | None = None  # overrides the commands shown
        self.finished = False
        self.stamp = source_stamp()

    def env(self, cache: Path | None = None) -> dict[str, str]:
        """The child's environment: no CORPUSCLEAN_ settings of ours, and ``cache`` (else the case's) as
        its cache folder."""
        return ENV | {"XDG_CACHE_HOME": str(cache or self.cache), "CORPUSCLEAN_CACHE_DIR": str(self.indexes)}

    def new_cache(self) -> Path:
        """A cache folder of its own, for runs that must not see this case's other runs' saved states."""
        return Path(tempfile.mkdtemp(prefix="cache-", dir=self.cache))

    def write(self, relative: str, data: bytes | str) -> Path:
        path = self.dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    def run(self, *args, timeout: float = 180, show: bool = True, cwd: Path | None = None, **options) -> Run:
        done = Child(args, cwd or self.dir, self.env(), **options).wait(timeout)
        if show:
            self.shown.append(done)
        if done.timed_out:
            self.fail(f"`corpusclean {' '.join(done.args)}` still running after {timeout:.0f} s: killed")
        return done

    def fail(self, problem: str) -> None:
        self.row.problems.append(problem)

    def note(self, text: str) -> None:
        self.row.notes.append(text)

    def skip(self, why: str) -> None:
        self.row.skipped = why
        self.note(f"not run: {why}")

    def check(self, condition: bool, problem: str) -> bool:
        if not condition:
            self.fail(problem)
        return condition

    def exit(self, done: Run, *codes: int) -> None:
        self.check(done.code in codes, f"exit {done.shown_code}, expected {' or '.join(map(str, codes))}")

    def one_line(self, done: Run) -> None:
        why = done.not_one_line()
        self.check(not why, why)

    def error(self, done: Run, *words: str, one_line: bool = False) -> None:
        """Exit 2 with a message naming ``words``; with ``one_line``, nothing else on stderr."""
        self.exit(done, 2)
        self.mentions(done, *words)
        if one_line:
            self.one_line(done)

    def mentions(self, done: Run, *words: str) -> None:
        for word in words:
            self.check(word.lower() in done.stderr.lower(), f"stderr does not mention {word!r}")

    def kept(self, label: str, before: dict[str, str], after: dict[str, str]) -> None:
        """Bytes that had to stay as they were."""
        diff = changed(before, after)
        self.bytes(label, not diff, f"{listed(diff)} changed")

    def bytes(self, label: str, ok: bool, detail: str = "") -> None:
        self.row.bytes += ("; " if self.row.bytes else "") + (f"{label} ok" if ok else f"{label} NOT")
        if not ok:
            self.fail(f"{label}: {detail}")

    def finish(self) -> Row:
        """The row, once the case's folders are gone (and anything mounted or frozen in them undone)."""
        row = self.row
        if self.finished:
            return row
        self.finished = True
        if source_stamp() != self.stamp:
            self.note("corpusclean's source changed while this case ran: its runs may mix two versions")
        row.command = self.command or " ; ".join("corpusclean " + " ".join(r.args) for r in self.shown)
        row.code = ", ".join(r.shown_code for r in self.shown)
        row.message = next((r.message for r in self.shown if r.message), "")
        local = f"{self.dir}/"  # temp paths, shown relative to the case folder
        row.message, row.problems = row.message.replace(local, ""), [p.replace(local, "") for p in row.problems]
        row.seconds = sum(r.seconds for r in self.shown)
        row.rss_mb = max((r.rss_mb for r in self.shown), default=0.0)
        for cleanup in reversed(self.cleanups):
            with contextlib.suppress(Exception):
                cleanup()
        shutil.rmtree(self.dir, ignore_errors=True)
        shutil.rmtree(self.cache, ignore_errors=True)
        return row


class Suite:
    """The run's settings and every case made so far, in order (each one becomes a row)."""

    def __init__(self, quick: bool, seed: int, scratch: Path) -> None:
        self.quick, self.seed, self.scratch = quick, seed, scratch
        self.cases: list[Case] = []

    def case(self, title: str, expect: str) -> Case:
        self.cases.append(Case(self.scratch, title, expect))
        return self.cases[-1]
