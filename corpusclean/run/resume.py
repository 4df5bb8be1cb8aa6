"""Resumable `clean`: each finished source leaves its report entries in ``OUT/.corpusclean/`` and the
report is assembled from them in input order at the end, so a run that was interrupted and started again
with the same command skips the sources it finished and ends with the same bytes.

A source counts as finished when its fragment exists: it is written through an atomic rename after the
source's cleaned output was written. Everything is keyed by the run: the corpusclean version, the
selected rules and their options, the settings that change output, and every input's name, size and
modification time; a different key starts afresh (the pass-1 statistics depend on every input).
"""
from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any, Iterator, Sequence

from corpusclean import __version__
from corpusclean.io.atomic import atomic_writer, leftovers, write_bytes
from corpusclean.io.sources import Source

STATE_DIR = ".corpusclean"


def run_key(sources: Sequence[Source], plan, settings, contents: bool = True) -> str:
    """The run's identity; ``contents=False`` leaves out the inputs' sizes and times (``fix`` changes them)."""
    facts = {
        "version": __version__,
        "rules": [[rule.code, repr(rule.options)] for rule in plan.rules],
        "policy": repr(plan.policy), "allow": sorted(plan.allow_words), "canonical": list(plan.canonical),
        "fields": [settings.text_field, settings.id_field],
        "formats": [settings.format, list(settings.formats), sorted(plan.explicit)],
        "inputs": [[s.relative, os.path.realpath(s.path), *(_size_and_time(s.path) if contents else ())]
                   for s in sources],
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:32]


def _size_and_time(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:  # unreadable (reported when it is read): it has no size or time to key the run by
        return -1, -1
    return info.st_size, info.st_mtime_ns


class RunState:
    """``OUT/.corpusclean/``: the run key, the pass-1 statistics, one fragment per finished source."""

    @staticmethod
    def check_reuse(out: Path, key: str) -> None:
        """Refuse an ``out`` that holds anything but this very command's resume state: the files of another
        run would stay beside the new report, as if this run had written them."""
        if not out.is_dir() or not any(out.iterdir()):
            return
        try:
            same = json.loads((out / STATE_DIR / "run.json").read_text(encoding="utf-8")).get("key") == key
        except (OSError, ValueError):
            same = False
        if not same:
            from corpusclean.core.errors import UsageError

            raise UsageError(f"--out {out} holds the files of another run (or other files): choose an empty "
                             "folder, or pass --force to write over them")

    def __init__(self, out: Path, key: str) -> None:
        self.folder = out / STATE_DIR
        self.key = key
        marker = self.folder / "run.json"
        try:
            same = json.loads(marker.read_text(encoding="utf-8")).get("key") == key
        except (OSError, ValueError):
            same = False
        if not same:
            shutil.rmtree(self.folder, ignore_errors=True)
            write_bytes(marker, json.dumps({"key": key}).encode("utf-8"))
        else:  # an interrupted run of this very command: its half-written temp files go
            for path in leftovers(out):
                path.unlink()
        self.resumed = same

    @property
    def statistics(self) -> Path:
        return self.folder / "statistics.json.gz"

    def fragment(self, index: int) -> Path:
        return fragment_path(self.folder, index)

    def finished(self, count: int) -> set[int]:
        return {i for i in range(count) if self.fragment(i).is_file()}

    def entries(self, index: int) -> Iterator[dict[str, Any]]:
        with gzip.open(self.fragment(index), "rt", encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)


def fragment_path(folder: Path, index: int) -> Path:
    return folder / "fragments" / f"{index:06d}.jsonl.gz"


class FragmentLog:
    """A report child during pass 2: each source's entries go to its fragment, committed at its end.
    Needs only the state folder, so it runs wherever the source is cleaned (a worker, a Ray actor)."""

    needs = frozenset({"edits", "diff", "view"})

    def __init__(self, folder: Path, index_of: dict[str, int]) -> None:
        self.folder = folder
        self.index_of = index_of
        self._stack: contextlib.ExitStack | None = None
        self._handle = None

    def begin(self, source: Source) -> None:
        self._stack = contextlib.ExitStack()
        raw = self._stack.enter_context(atomic_writer(fragment_path(self.folder, self.index_of[source.relative])))
        self._handle = self._stack.enter_context(gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=3))

    def consume(self, entry: dict[str, Any]) -> None:
        self._handle.write((json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))

    def end(self, source: Source) -> None:
        self._stack.close()  # gzip trailer, then the atomic rename: the source is finished
        self._stack = self._handle = None
