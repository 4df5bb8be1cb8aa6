"""Are two spellings one name? Transliteration-aware keys, and edit weights learned from transliterations.

A name written from another script drifts in predictable ways: diacritics come and go (`Zürich`), letters
double or not (`Gaddafi`/`Gadafi`), a final `-h` after a vowel (`Rafiqah`/`Rafiqa`), vowels change
(`Qaeda`/`Qaida`, `Mohammed`/`Muhammad`), and some consonants stand for one sound (`q`/`k`/`g`, `ph`/`f`,
`zh`/`j`). ``normal_form`` and ``blocking_key`` spell those one way, so that candidates can be found by
key. Whether a pair is one name is then scored by ``name_model``: each edit between the two spellings is
described (letters, place, neighbours, whether the keys agree) and weighed by how often spellings of one
name make it against spellings of different names (learned from Wikidata; a changed final vowel marks
another name or gender, `Rita`/`Rito`).

Measured on the held-out half of the Wikidata transliterations (`make eval`): recall 0.72 at precision
0.96. Strings alone cannot tell every pair apart (`Natalie`/`Nathalie` are two people in one corpus), so
the variant rule also asks the corpus whether both spellings keep the same company
(``corpusclean.stats.variants``).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


from corpusclean.text import name_model

VOWELS = frozenset("aeiouy")
# Consonants that transliterations use for one sound.
SOUND_GROUPS = (frozenset("ckqg"), frozenset("sz"), frozenset("vwf"), frozenset("jy"), frozenset("td"),
                frozenset("bp"))
DIGRAPHS = (("dzh", "j"), ("zh", "j"), ("dj", "j"), ("tch", "ch"), ("sch", "sh"), ("ph", "f"), ("ck", "k"),
            ("x", "ks"), ("ou", "u"), ("oo", "u"), ("ee", "i"))
# Beyond four edits the weights know nothing: the pairs they were learned from have at most four.
MAX_EDITS = 4


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


_ONE_SOUND = str.maketrans({letter: min(group) for group in SOUND_GROUPS for letter in group})  # disjoint groups
_VOWEL_RUN = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1 << 16)
def blocking_key(word: str) -> str:
    """A coarse key that variants share (vowel runs as one `a`, sound groups as one letter), so only
    words with the same key are compared: `Qaddafi` and `Gaddafi` → `cadafa`."""
    return _VOWEL_RUN.sub("a", normal_form(word).translate(_ONE_SOUND))


def _same_sound(a: str, b: str) -> bool:
    """Two consonants transliterations use for one sound (`q`/`g`, `v`/`w`), a vowel change aside."""
    return a != b and not (a in VOWELS and b in VOWELS) and any(a in g and b in g for g in SOUND_GROUPS)


def edit_features(a: str, b: str) -> list[str]:
    """Descriptions of the edits between two spellings, for ``name_model`` to weigh: the letters each edit
    changes, where it falls, the letters beside it, and what the transliteration table above makes of the
    pair (order-free: a pair is described the same either way round)."""
    from rapidfuzz.distance import Levenshtein  # C++, imported when names are first compared, not at start

    x, y = sorted((fold(a), fold(b)))
    edits = Levenshtein.editops(x, y)
    # Short names have more look-alikes: how many edits a name of this length takes is telling.
    features = [f"size {min(len(x), 10)} edits {len(edits)}",
                f"same normal form {normal_form(x) == normal_form(y)}",
                f"same key {blocking_key(x) == blocking_key(y)}"]
    for tag, i, j in edits:
        letters = "".join(sorted((x[i] if tag != "insert" else "") + (y[j] if tag != "delete" else "")))
        after = i + 1 if tag != "insert" else i  # the first letter of x after the edit
        last = len(x) - 1 if tag != "insert" else len(x)
        place = "start" if i == 0 else "end" if i == last else "mid"
        left = x[i - 1] if i > 0 else "^"
        right = x[after] if after < len(x) else "$"
        kinds = "".join(sorted("V" if c in VOWELS else "C" for c in letters))
        if len(letters) == 2 and _same_sound(*letters):
            kinds = "sound"
        features += [f"op {letters} {place}", f"kind {kinds}", f"left {letters} {left}",
                     f"right {letters} {right}", f"around {letters} {left}{right}"]
    return features


def same_name(a: str, b: str, threshold: float | None = None) -> bool:
    """True when ``a`` and ``b`` are plausibly one name spelled two ways, judged by spelling alone: the
    same letters but for diacritics, case, hyphens or spaces (`Zürich`, `al-Nuri`), else edits that
    transliterations make far more often than different names do (``name_model``, learned weights)."""
    if _inflected(a, b) or _inflected(b, a):
        return False
    from rapidfuzz.distance import Levenshtein

    x, y = fold(a), fold(b)
    if x == y:
        return a != b
    if Levenshtein.distance(x, y) > MAX_EDITS:
        return False
    limit = name_model.threshold() if threshold is None else threshold
    return _score(a, b) > limit


@lru_cache(maxsize=1 << 16)
def _score(a: str, b: str) -> float:
    return name_model.score(edit_features(a, b))


def _inflected(a: str, b: str) -> bool:
    """`Gates`/`Gate's`, `Koreans`/`Korean's`, `Rover`/`Rovers`: one word in another grammatical form."""
    stem = lambda w: re.sub(r"(?:['’]s|s['’]?)$", "", w.lower())  # `Gameboys` is `GameBoy`'s plural
    return stem(a) == stem(b) or stem(a) == b.lower()
