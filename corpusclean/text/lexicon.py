"""The general English dictionary (pyspellchecker's word frequencies), loaded once, on first use.

pyspellchecker ships its dictionary as gzipped JSON (~60 ms to parse, ~130 ms through ``SpellChecker()``);
the first load caches it as a marshal file (~20 ms to read), which matters for pre-commit runs.
"""
from __future__ import annotations

import gzip
import importlib.util
import json
import marshal
import os
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

# Productive English prefixes: `prepositioned` is `pre` + a known word, not a typo.
PREFIXES = ("anti", "co", "counter", "de", "dis", "inter", "mis", "multi", "non", "out", "over", "post", "pre",
            "re", "semi", "sub", "super", "un", "under")
# British spellings the (American) dictionary lacks, mapped to the American form it has.
BRITISH = (("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ises", "izes"), ("ise", "ize"),
           ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"), ("our", "or"), ("ours", "ors"),
           ("oured", "ored"), ("ouring", "oring"), ("ourite", "orite"), ("ourable", "orable"), ("tre", "ter"),
           ("tres", "ters"), ("ence", "ense"), ("ogue", "og"))
# British doubles a final l after one short vowel (travelled, labelling): only then is the single-l form the US one.
DOUBLED_L = re.compile(r"[^aeiou][aeiou]ll(?:ed|ing|er|ers)$")
LETTERS = "abcdefghijklmnopqrstuvwxyz'"


def cache_dir() -> Path:
    """Where built indexes are cached: $CORPUSCLEAN_CACHE_DIR, else $XDG_CACHE_HOME/corpusclean."""
    explicit = os.environ.get("CORPUSCLEAN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "corpusclean"


@cache
def frequencies() -> dict[str, int]:
    """``{word: frequency}`` of pyspellchecker's English dictionary."""
    spec = importlib.util.find_spec("spellchecker")
    source = Path(spec.origin).parent / "resources" / "en.json.gz"
    stat = source.stat()
    cached = cache_dir() / f"lexicon-en-{stat.st_size}-{int(stat.st_mtime)}.marshal"
    try:
        return marshal.loads(cached.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = json.loads(gzip.decompress(source.read_bytes()))
    try:
        from corpusclean.io.atomic import write_bytes

        write_bytes(cached, marshal.dumps(data))
    except OSError:
        pass  # a read-only home only costs speed
    return data


@lru_cache(maxsize=1 << 18)
def is_known(word: str) -> bool:
    """True when the dictionary knows ``word`` (lowercase), a British spelling of a word it knows, or a
    productive prefix plus a word it knows."""
    words = frequencies()
    if word in words:
        return True
    if not word.isascii():  # naïve, café, we’re: the dictionary spells them plain
        plain = unicodedata.normalize("NFKD", word.replace("’", "'")).encode("ascii", "ignore").decode()
        return plain != word and is_known(plain)
    if any(word.endswith(gb) and word[: -len(gb)] + us in words for gb, us in BRITISH):
        return True
    if (match := DOUBLED_L.search(word)) and word[: match.start() + 3] + word[match.start() + 4:] in words:
        return True
    return any(word.startswith(p) and len(word) - len(p) >= 4 and word[len(p):] in words for p in PREFIXES)


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in LETTERS}
    inserts = {a + c + b for a, b in splits for c in LETTERS}
    return deletes | transposes | replaces | inserts


@cache
def suggestions(word: str) -> tuple[str, ...]:
    """Dictionary words one edit away from ``word``, most frequent first (cached per distinct word)."""
    words = frequencies()
    found = {w for w in edits1(word) if w in words and w != word}
    return tuple(sorted(found, key=lambda w: (-words[w], w)))
