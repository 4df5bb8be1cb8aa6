"""Word lists in codespell's ``typo->fix[, fix2]`` format: one entry a line, ``#`` comments."""
from __future__ import annotations

from pathlib import Path


def parse_corrections(path: Path) -> dict[str, tuple[str, ...]]:
    """``{typo: (fix, ...)}``; raises ValueError naming the line on a malformed or duplicate entry."""
    table: dict[str, tuple[str, ...]] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        typo, sep, fixes = line.partition("->")
        candidates = tuple(f.strip() for f in fixes.split(",") if f.strip())
        if not sep or not typo.strip() or not candidates:
            raise ValueError(f"{path}:{number}: expected 'typo->fix', got {raw!r}")
        if typo.strip() in table:
            raise ValueError(f"{path}:{number}: duplicate entry {typo.strip()!r}")
        table[typo.strip()] = candidates
    return table


def cached_corrections(path: Path) -> dict[str, tuple[str, ...]]:
    """:func:`parse_corrections`, cached on disk as the dictionaries are (a one-file run reads the cache in
    a few milliseconds instead of parsing thousands of lines); the cache is per list and follows its edits."""
    import hashlib

    from corpusclean.text.lexicon import cached

    name = "corrections-" + hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:16]
    return cached(path, name, parse_corrections)
