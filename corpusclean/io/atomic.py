"""Atomic writes: a temp file in the target's folder, flushed, then renamed over the target.

An interrupted run leaves either the old file or the new one, never half of one.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """Open a binary temp file that replaces ``path`` on success and vanishes on error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, tmp)  # keep the original's permissions
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def leftovers(folder: Path) -> list[Path]:
    """Temp files a killed process left behind (``.NAME.xxxxxxxx.tmp`` beside the file it was writing)."""
    return [p for p in folder.rglob(".*.tmp") if p.is_file() and re.fullmatch(r"\..+\.[\w]{8}\.tmp", p.name)]


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_writer(path) as handle:
        handle.write(data)
