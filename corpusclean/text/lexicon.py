"""The general English dictionary (pyspellchecker's word frequencies), loaded once, on first use."""
from __future__ import annotations

import re
import unicodedata
from functools import cache


@cache
def _checker():
    from spellchecker import SpellChecker  # +0.1-0.25 s: only runs that look words up pay for it

    return SpellChecker(language="en", distance=1)


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


def is_known(word: str) -> bool:
    """True when the dictionary knows ``word`` (lowercase), a British spelling of a word it knows, or a
    productive prefix plus a word it knows."""
    words = _checker().word_frequency.dictionary
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


@cache
def suggestions(word: str) -> tuple[str, ...]:
    """Dictionary words one edit away from ``word``, most frequent first (cached per distinct word)."""
    checker = _checker()
    found = checker.candidates(word) or set()
    found.discard(word)
    frequency = checker.word_frequency.dictionary
    return tuple(sorted((w for w in found if w in frequency), key=lambda w: (-frequency[w], w)))
