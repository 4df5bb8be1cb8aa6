"""Are two spellings one name? Transliteration-aware keys and a weighted edit distance.

A name written from another script drifts in predictable ways: diacritics come and go (`Zürich`), letters
double or not (`Gaddafi`/`Gadafi`), a final `-h` after a vowel (`Rafiqah`/`Rafiqa`), vowels change
(`Qaeda`/`Qaida`, `Mohammed`/`Muhammad`), and some consonants stand for one sound (`q`/`k`/`c`, `ph`/`f`,
`zh`/`j`). Those edits cost little here; any other edit costs a full unit. Edits at the very end of a word
cost a full unit too: a final vowel marks another name or gender (`Rita`/`Rito`, `Jana`/`Jano`).

Measured on Wikidata transliterations (`make eval`): strings alone cannot tell every pair of different
names from variants (`Axelsen`/`Axelson` are two names), so the variant rule also asks the corpus whether
both spellings stand in the same company (see ``corpusclean.stats.variants``).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

VOWELS = frozenset("aeiouy")
# Consonants that transliterations use for one sound.
SOUND_GROUPS = (frozenset("ckqg"), frozenset("sz"), frozenset("vwf"), frozenset("jy"), frozenset("td"),
                frozenset("bp"))
DIGRAPHS = (("dzh", "j"), ("zh", "j"), ("dj", "j"), ("tch", "ch"), ("sch", "sh"), ("ph", "f"), ("ck", "k"),
            ("x", "ks"), ("ou", "u"), ("oo", "u"), ("ee", "i"))
VOWEL_CHANGE = 0.25
SOUND_CHANGE = 0.4
H_CHANGE = 0.25
VOWEL_GAP = 0.4
MAX_COST = 0.75  # at most three vowel changes, or a vowel and a sound change
MIN_LENGTH = 5  # shorter names have too many look-alikes to judge by spelling


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lowercase ASCII letters only: diacritics dropped (`Zürich` → `zurich`), apostrophes, hyphens and
    spaces removed (`al-Nuri` → `alnuri`)."""
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z]", "", plain)


@lru_cache(maxsize=1 << 16)
def normal_form(word: str) -> str:
    """The folded word with digraphs spelled one way, doubled letters single and a final `h` after a
    vowel dropped: `Mohammed` → `mohamed`, `Rafiqah` → `rafiqa`."""
    text = fold(word)
    for digraph, single in DIGRAPHS:
        text = text.replace(digraph, single)
    text = re.sub(r"(.)\1+", r"\1", text)
    return re.sub(r"([aeiou])h$", r"\1", text)


def blocking_key(word: str) -> str:
    """A coarse key that variants share (vowel runs as one `a`, sound groups as one letter), so only
    words with the same key are compared: `Qaddafi` and `Gaddafi` → `kadafa`."""
    text = normal_form(word)
    for group in SOUND_GROUPS:
        text = re.sub(f"[{''.join(sorted(group))}]", min(group), text)
    return re.sub(r"[aeiouy]+", "a", text)


def _substitution(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if a in VOWELS and b in VOWELS:
        return VOWEL_CHANGE
    if any(a in group and b in group for group in SOUND_GROUPS):
        return SOUND_CHANGE
    return 1.0


def _gap(letter: str) -> float:
    return H_CHANGE if letter == "h" else VOWEL_GAP if letter in VOWELS else 1.0


def variant_cost(a: str, b: str, limit: float = 2.0) -> float:
    """Weighted edit distance between the normal forms of ``a`` and ``b`` (see the module docs); stops
    early above ``limit``."""
    x, y = normal_form(a), normal_form(b)
    last_x, last_y = len(x), len(y)

    def gap(letter: str, at_end: bool) -> float:
        return 1.0 if at_end and letter in VOWELS else _gap(letter)

    previous = [0.0]
    for j in range(1, last_y + 1):
        previous.append(previous[-1] + gap(y[j - 1], j == last_y))
    for i in range(1, last_x + 1):
        current = [previous[0] + gap(x[i - 1], i == last_x)]
        for j in range(1, last_y + 1):
            change = _substitution(x[i - 1], y[j - 1])
            if change and i == last_x and j == last_y and x[-1] in VOWELS and y[-1] in VOWELS:
                change = 1.0
            current.append(min(previous[j] + gap(x[i - 1], i == last_x and j == last_y),
                               current[j - 1] + gap(y[j - 1], j == last_y and i == last_x),
                               previous[j - 1] + change))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def same_name(a: str, b: str, max_cost: float = MAX_COST) -> bool:
    """True when ``a`` and ``b`` are plausibly one name spelled two ways, judged by spelling alone."""
    x, y = normal_form(a), normal_form(b)
    if _inflected(a, b) or _inflected(b, a):
        return False
    if x == y:
        return a != b
    if min(len(x), len(y)) < MIN_LENGTH:
        return False
    if x[0] != y[0] and _substitution(x[0], y[0]) == 1.0:  # the first sound stays
        return False
    return variant_cost(a, b, max_cost) <= max_cost


def _inflected(a: str, b: str) -> bool:
    """`Gates`/`Gate's`, `Koreans`/`Korean's`, `Rover`/`Rovers`: one word in another grammatical form."""
    stem = lambda w: re.sub(r"(?:['’]s|s['’]?)$", "", w)
    return stem(a) == stem(b) or stem(a) == b
