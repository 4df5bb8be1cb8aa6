"""The general English dictionaries, loaded once, on first use, and cached on disk as marshal files.

Two sources, each used where it measured best:
- pyspellchecker's English word frequencies (160k words, many rare): *is this a word?* The wider the
  list, the fewer correct rare words are flagged.
- symspellpy's data (82k words and 243k word pairs with Google n-gram counts, MIT): *which correction?*
  Its counts are clean, and its pair counts rank candidates by context (``think tha it`` → ``that``).
Parsing the shipped files costs 60-400 ms; the marshal caches load in ~20 ms, which matters for
pre-commit runs. Nothing is read until a rule asks.
"""
from __future__ import annotations

import contextlib
import glob
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
CLITICS = ("s", "ll", "re", "ve", "d", "m", "t")
# Productive suffixes: `leakers`, `hatful`, `whizzy` are a known word plus a suffix, not typos.
SUFFIXES = ("s", "es", "er", "ers", "y", "ly", "ful", "ness", "less", "ish", "ed", "ing", "able", "ism", "ist")
# A verb made of a long noun (parameter+ize); short bases make misspellings known (`analize`, `reconize`).
IZE_SUFFIXES, IZE_BASE = ("ize", "izes", "ized", "izing"), 6
SHORT_FOR_2 = 6  # words shorter than this take only common words as two-edit candidates
COMMON = 1_000_000  # n-gram count of a common word (`proxy`): the wide list also holds rare and wrong forms


def cache_dir() -> Path:
    """Where built indexes are cached: $CORPUSCLEAN_CACHE_DIR, else $XDG_CACHE_HOME/corpusclean."""
    explicit = os.environ.get("CORPUSCLEAN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "corpusclean"


def cached(source: Path, name: str, parse) -> dict:
    """``parse(source)``, cached as marshal under a key that changes when the source file changes."""
    stat = source.stat()
    cached = cache_dir() / f"{name}-{stat.st_size}-{stat.st_mtime_ns}.marshal"  # an edit within a second too
    try:
        return marshal.loads(cached.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = parse(source)
    try:
        from corpusclean.io.atomic import write_bytes

        write_bytes(cached, marshal.dumps(data))
        _forget_old(cached.parent, name)
    except OSError:
        pass  # a read-only home only costs speed
    return data


KEPT_VERSIONS = 3  # caches of one list kept per name: a few installs side by side each keep theirs


def _forget_old(folder: Path, name: str) -> None:
    """Remove all but the newest KEPT_VERSIONS caches of ``name``: every new install of a dictionary gives
    it a new key, and the old caches (megabytes each) would otherwise pile up for ever."""
    versions = sorted(folder.glob(f"{glob.escape(name)}-*.marshal"), key=_modified, reverse=True)
    for stale in versions[KEPT_VERSIONS:]:
        with contextlib.suppress(OSError):
            stale.unlink()


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)  # locate without importing the package
    return Path(spec.origin).parent.joinpath(*parts)


def _counts(path: Path) -> dict[str, int]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, count = line.rpartition(" ")
        if key:
            table[key] = int(count)
    return table


@cache
def frequencies() -> dict[str, int]:
    """``{word: frequency}`` of pyspellchecker's English dictionary: the list of known words."""
    return cached(_package_file("spellchecker", "resources", "en.json.gz"), "lexicon-en",
                   lambda p: json.loads(gzip.decompress(p.read_bytes())))


@cache
def correction_frequencies() -> dict[str, int]:
    """``{word: count}`` from symspellpy's 82k-word English list: the candidates a correction may choose."""
    return cached(_package_file("symspellpy", "frequency_dictionary_en_82_765.txt"), "symspell-words", _counts)


@cache
def pair_frequencies() -> dict[str, int]:
    """``{"word1 word2": count}`` from symspellpy's English bigram list, for ranking by context."""
    return cached(_package_file("symspellpy", "frequency_bigramdictionary_en_243_342.txt"), "symspell-pairs",
                   _counts)


VARIETIES = Path(__file__).with_name("varieties.txt.gz")


@cache
def varieties() -> frozenset[str]:  # noqa: the cache holds a frozenset, as marshal keeps it
    """English words of other varieties and rare ones, from SCOWL's largest lists (`rort`, `barra`,
    `vegies`, `eucalypts`, `retracement`) that neither dictionary lists (``tools/build_varieties.py``). The
    lists also hold a few common misspellings (`wierd`, `untill`), so a listed word is not known: it is
    given a word's prior (``correction.prior``) and is left alone unless a fix is clearly likelier."""
    return cached(VARIETIES, "varieties", lambda p: frozenset(gzip.decompress(p.read_bytes()).decode().split()))


@cache
def word_total() -> int:
    return sum(correction_frequencies().values())


@cache
def pair_total() -> int:
    return sum(pair_frequencies().values())


@cache
def rarest_pair() -> int:
    return min(pair_frequencies().values())


def in_dictionary(word: str) -> bool:
    """True when either dictionary lists ``word`` (lowercase) as it is: no derivation rules."""
    return word in frequencies() or word in correction_frequencies()


@lru_cache(maxsize=1 << 18)
def is_known(word: str) -> bool:
    """True when the dictionary knows ``word`` (lowercase), a British spelling of a word it knows, or a
    productive prefix plus a word it knows."""
    words = frequencies()
    if word in words or word in correction_frequencies():
        return True
    if not word.isascii():  # naïve, café, we’re: the dictionary spells them plain
        plain = unicodedata.normalize("NFKD", word.replace("’", "'")).encode("ascii", "ignore").decode()
        return plain != word and is_known(plain)
    if "'" in word:  # other's, we'll, isn't: a known word with a clitic
        base, _, clitic = word.rpartition("'")
        return clitic in CLITICS and (is_known(base) or base.endswith("n") and is_known(base[:-1]))
    if any(word.endswith(gb) and word[: -len(gb)] + us in words for gb, us in BRITISH):
        return True
    if (match := DOUBLED_L.search(word)) and word[: match.start() + 3] + word[match.start() + 4:] in words:
        return True
    if word.endswith("in") and word + "g" in words:  # lovin, nothin: informal spelling, not a typo
        return True
    if word.endswith("t") and word[:-1] + "ed" in words:  # leant, learnt, burnt: British past tenses
        return True
    if any(word.startswith(p) and len(word) - len(p) >= 4 and word[len(p):] in words for p in PREFIXES):
        return True
    if any(word.endswith(s) and len(word) - len(s) >= IZE_BASE and word[: -len(s)] in words for s in IZE_SUFFIXES):
        return True
    return any(_known_base(word[: -len(suffix)], suffix) for suffix in SUFFIXES if word.endswith(suffix))


def _known_base(base: str, suffix: str) -> bool:
    """A base a productive suffix was added to: as is, with its final e dropped before a vowel (fame+ing,
    niggle+y, but not inure+y), with its final consonant doubled (plan+ing), or with the final y of a
    common word of five letters or more turned to i after a consonant (proxy+ed: proxied; not employ,
    very, burry)."""
    if len(base) < 3:
        return False
    words = frequencies()
    dropped_e = base + "e" in words and (suffix[0] in "aeioy" if suffix != "y" else base.endswith("l"))
    doubled = len(base) > 3 and base[-1] == base[-2] and base[:-1] in words
    y_to_i = suffix in ("ed", "es") and len(base) >= 5 and base.endswith("i") and base[-2] not in "aeiou" \
        and correction_frequencies().get(base[:-1] + "y", 0) >= COMMON
    return base in words or dropped_e or doubled or y_to_i


@lru_cache(maxsize=1 << 16)
def candidates(word: str, min_length_for_2: int = 4) -> tuple[tuple[str, int], ...]:
    """Correction candidates for an unknown lowercase word: ``(candidate, distance)`` pairs, most frequent
    first. Distance 1, and distance 2 for words of ``min_length_for_2`` letters or more: people make two
    slips in one word often (`fomr` for `from`), and a candidate left out cannot win, so the one found
    would look surer than it is. The channel model weighs each candidate's edits. A candidate must keep
    the first letter (people rarely get it wrong, and changing it makes a different word), unless the
    first two letters are swapped (`hte` → `the`), a common slip.
    Cached per distinct word, so the cost grows with distinct unknown words, not with tokens; the search
    is the core's (``native/src/spelling.rs``: edits looked up, other words scanned with a banded distance).
    """
    words = correction_frequencies()
    found = [(c, 1) for c in _dictionary().one_edit(word)]
    if len(word) >= min_length_for_2:
        # a short word is two edits from hundreds of rare words; only common ones can outweigh one edit
        floor = COMMON if len(word) < SHORT_FOR_2 else 0
        found += [(c, 2) for c in _dictionary().two_edits(word) if words[c] >= floor]
    return tuple(sorted(found, key=lambda cd: (-words[cd[0]], cd[0])))


@cache
def _dictionary():
    """The correction words, indexed by the core for candidate searches."""
    from corpusclean._core import Dictionary

    return Dictionary(list(correction_frequencies()))
