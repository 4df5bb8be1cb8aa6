"""Find and parse pack files; each ``*.toml`` file declares one rule of a generic type.

A pack file holds ``code``, ``name``, ``type``, ``summary``, the documentation sections (``what``, ``why``,
``fix-safety``), ``[[examples]]`` (``before``/``after``, ``unchanged`` or ``flagged``) and the keys of its type.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Mapping, Sequence

from corpusclean.core.errors import UsageError, closest
from corpusclean.core.rule import CODE_RE, NAME_RE, Example, RuleDoc, format_examples

COMMON_KEYS = {"code", "name", "type", "summary", "what", "why", "fix-safety", "examples", "default", "formats",
               "languages", "scripts"}


def builtin_pack_dir() -> Path:
    """The shipped packs: ``corpusclean/_packs`` (the top-level ``rules/`` of a checkout links to it, so the
    wheel carries them inside the package)."""
    return Path(__file__).resolve().parent.parent / "_packs"


@dataclass(frozen=True)
class PackSpec:
    code: str
    name: str
    path: Path
    data: Mapping[str, Any]

    def build(self, options: Mapping[str, Any]):
        from corpusclean.packs.types import RULE_TYPES

        return RULE_TYPES[self.data["type"]](self, options)

    @property
    def doc(self) -> RuleDoc:
        examples = tuple(_example(e, self.path) for e in self.data.get("examples", []))
        sections = {
            "What it does": self.data["what"].strip(),
            "Why it matters": self.data["why"].strip(),
            "Example": format_examples(examples),
            "Fix safety": self.data["fix-safety"].strip(),
        }
        return RuleDoc(self.data["summary"].strip(), sections, examples)


def _example(entry: Mapping[str, str], path: Path) -> Example:
    if set(entry) == {"before", "after"}:
        return Example("fix", entry["before"], entry["after"])
    if len(entry) == 1 and next(iter(entry)) in ("unchanged", "flagged"):
        kind, text = next(iter(entry.items()))
        return Example(kind, text)
    raise UsageError(f"{path}: an example has before+after, unchanged or flagged, not {sorted(entry)}")


def parse_pack(path: Path) -> PackSpec:
    from corpusclean.packs.types import RULE_TYPES

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read rule pack: {exc}") from None
    for key in ("code", "name", "type", "summary", "what", "why", "fix-safety"):
        if key not in data:
            raise UsageError(f"{path}: rule pack lacks the key {key!r}")
    if data["type"] not in RULE_TYPES:
        raise UsageError(f"{path}: unknown rule type {data['type']!r}{closest(data['type'], RULE_TYPES)}")
    if not CODE_RE.match(data["code"]) or not NAME_RE.match(data["name"]):
        raise UsageError(f"{path}: bad code {data['code']!r} or name {data['name']!r}")
    allowed = COMMON_KEYS | RULE_TYPES[data["type"]].PACK_KEYS
    for key in data:
        if key not in allowed:
            raise UsageError(f"{path}: unknown key {key!r}{closest(key, allowed)}")
    spec = PackSpec(data["code"], data["name"], path, data)
    spec.doc  # validates the examples
    return spec


@cache
def _load_dir(directory: Path) -> tuple[PackSpec, ...]:
    return tuple(parse_pack(p) for p in sorted(directory.rglob("*.toml")))


ACCEPT_FILE = "accept.txt"


@cache
def _accept_dir(directory: Path) -> frozenset[str]:
    words: set[str] = set()
    for path in sorted(directory.rglob(ACCEPT_FILE)):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: cannot read accept list: {exc}") from None
        words.update(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))
    return frozenset(words)


def accepted_words(extra: Sequence[Path] = ()) -> frozenset[str]:
    """Words that the ``accept.txt`` vocabularies of the packs (Vale-style: one word a line, ``#``
    comments, case-sensitive like ``allow-words``) declare correct: no spelling rule reports them."""
    dirs = [builtin_pack_dir(), *(p.resolve() for p in extra if p.is_dir())]
    return frozenset().union(*(_accept_dir(d) for d in dirs))


def load_packs(extra: Sequence[Path] = ()) -> list[PackSpec]:
    specs = list(_load_dir(builtin_pack_dir()))
    for path in extra:
        if path.is_dir():
            specs.extend(_load_dir(path.resolve()))
        elif path.is_file():
            specs.append(parse_pack(path))
        else:
            raise UsageError(f"rule pack not found: {path}")
    return specs
