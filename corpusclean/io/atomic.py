"""Atomic writes: a temp file in the target's folder, flushed, then renamed over the target.

An interrupted run leaves either the old file or the new one, never half of one. Writing over an existing
file keeps what the user set on it: a symlink is written through (the link stays a link), the owner,
group and mode are copied, and a file with other hard links is rewritten in place (a rename would split
it from its links) from a complete copy kept beside it until the write is done, which ``recover`` finishes
if the run was killed.
"""
from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Iterator

PENDING = ".pending"  # a complete new version waiting to be copied into a hard-linked file


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """Open a binary temp file that replaces ``path`` on success and vanishes on error."""
    path = Path(os.path.realpath(path)) if path.is_symlink() else path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temp_file(path)
    handle = os.fdopen(fd, "wb")
    try:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        _commit(Path(tmp), path)
    except BaseException as exc:
        with contextlib.suppress(OSError):  # flushing what is left may fail again (a full disk)
            handle.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename is None and exc.errno:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc  # say which file could not be written
        raise


def _temp_file(path: Path) -> tuple[int, str]:
    """``.NAME.xxxxxxxx.tmp`` beside ``path``: private while it replaces an existing file (whose mode it
    takes at the end), else created as ``open`` would create ``path``, so a new file follows the umask."""
    mode = 0o600 if path.exists() else 0o666
    while True:
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), str(tmp)
        except FileExistsError:
            continue


def _commit(tmp: Path, path: Path) -> None:
    try:
        old = path.stat()
    except FileNotFoundError:
        os.replace(tmp, path)
        return
    _copy_owner_and_mode(old, tmp)
    if old.st_nlink > 1:
        _copy_into(tmp, path)
    else:
        os.replace(tmp, path)


def _copy_owner_and_mode(old: os.stat_result, tmp: Path) -> None:
    with contextlib.suppress(PermissionError):  # only root may give a file away; the group may still pass
        os.chown(tmp, old.st_uid, old.st_gid)
    with contextlib.suppress(PermissionError):
        os.chown(tmp, -1, old.st_gid)
    os.chmod(tmp, stat.S_IMODE(old.st_mode))


def _copy_into(tmp: Path, path: Path) -> None:
    """Rewrite a hard-linked ``path`` in place from ``tmp``; the complete copy is renamed ``.pending``
    first so that a killed copy can be finished by ``recover``."""
    pending = tmp.with_name(tmp.name.removesuffix(".tmp") + PENDING)
    os.replace(tmp, pending)
    _overwrite(pending, path)
    os.unlink(pending)


def _overwrite(source: Path, path: Path) -> None:
    with open(source, "rb") as src, open(path, "r+b") as dst:
        dst.truncate(0)
        while chunk := src.read(1 << 20):
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())


_TEMP = re.compile(r"\.(.+)\.\w{8}(\.tmp|\.pending)")  # `.NAME.xxxxxxxx.tmp`, beside NAME


@lru_cache(maxsize=256)
def _temp_files(folder: str, changed: int) -> dict[str, list[tuple[str, str]]]:
    """The temp files in ``folder`` by the name they were written for: one listing per folder (and per
    change of it, ``changed`` being its mtime), not one per file a `fix` over a big folder reads."""
    found: dict[str, list[tuple[str, str]]] = {}
    for entry in os.scandir(folder):
        if (match := _TEMP.fullmatch(entry.name)) and entry.is_file(follow_symlinks=False):
            found.setdefault(match.group(1), []).append((entry.path, match.group(2)))
    return found


def recover(path: Path) -> None:
    """Undo what a killed write to ``path`` left behind: its temp files go, and an interrupted in-place
    rewrite of a hard-linked file is finished from its complete copy."""
    path = Path(os.path.realpath(path))
    for temp, kind in _temp_files(str(path.parent), path.parent.stat().st_mtime_ns).get(path.name, []):
        with contextlib.suppress(FileNotFoundError):  # gone since the folder was listed
            if kind == PENDING and path.exists():
                _overwrite(Path(temp), path)
            os.unlink(temp)


def read_only(path: Path) -> bool:
    """Whether the user has marked ``path`` read-only: no write bit for its owner (root could write it
    anyway, which is why the bits are asked and not ``os.access``)."""
    return not path.stat().st_mode & stat.S_IWUSR


def leftovers(folder: Path) -> list[Path]:
    """Temp files a killed process left behind (``.NAME.xxxxxxxx.tmp`` beside the file it was writing)."""
    return [p for p in folder.rglob(".*.tmp") if p.is_file() and _TEMP.fullmatch(p.name)]


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_writer(path) as handle:
        handle.write(data)
