"""Words split in two by a stray space or a line break (scraping, OCR, hard wrapping without a hyphen):
`respon sibility`, `A merican`, `reconstru ction`, `resul t`.

A split is two letter runs separated by one space or one line break, at least one of them a fragment of
two letters or more (no word of English, or a short rare entry of the wide word lists), whose concatenation is a word the dictionary knows or the corpus
writes itself. A fragment the corpus uses in three or more documents, or five times, is its own word
(`url bar` in a browser forum), not half of one.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from corpusclean.text import lexicon
from corpusclean.text.tokens import in_url_or_email, is_glued

_NEXT = re.compile(r"( |\r?\n)([^\W\d_]+)")
_PREVIOUS = re.compile(r"([^\W\d_]+)( |\r?\n)\Z")  # \Z: `$` would also match before a final line break
SHORT = 4  # halves this short are words only when common: the wide lists hold every short letter run
OWN_WORD_DOCUMENTS, OWN_WORD_COUNT = 3, 5  # a fragment in this many documents, or used this often, is a word
ATTESTED = 3  # a joined form the corpus writes this often is its word, though no dictionary has it


class Split(NamedTuple):
    start: int
    end: int  # the span from the first fragment's start to the second's end
    left: str
    right: str
    separator: str
    joined: str
    ambiguous: bool = False  # the fragment joins the word before it as well (`peo ple ase`)


def fragment(word: str) -> bool:
    """No word of English, or a short rare entry of the wide lists (`chur`, `priv` are listed, and are
    halves far more often than words): half of a word, perhaps. `hers`, `deed` and `rapist` are words."""
    lower = word.lower()
    if not lexicon.is_known(lower):
        return True
    return len(lower) <= SHORT and lexicon.correction_frequencies().get(lower, 0) < lexicon.COMMON


def split_at(text: str, start: int, end: int, tokens) -> Split | None:
    """The split the word at ``text[start:end]`` (a fragment) is half of, joined with the word after it
    or, failing that, the word before it; marked ambiguous when both joins are words."""
    if is_glued(text, start, end):
        return None  # `#respon sibility`, `path/respon sibility`: part of something larger
    found = []
    after = _NEXT.match(text, end)
    if after and not is_glued(text, after.start(2), after.end(2)):
        found.append(_join(text, start, after.end(2), text[start:end], after.group(2), after.group(1), tokens))
    before = _PREVIOUS.search(text, max(0, start - 40), start)
    if before and not is_glued(text, before.start(1), before.end(1)):
        found.append(_join(text, before.start(1), end, before.group(1), text[start:end], before.group(2), tokens))
    joins = [split for split in found if split]
    if not joins:
        return None
    split = joins[0]
    return split._replace(ambiguous=len(joins) > 1 or _joins_on(text, split, tokens))


def _joins_on(text: str, split: Split, tokens) -> bool:
    """A half of ``split`` also makes a word with its own other neighbour (`peo ple ase`)."""
    after = _NEXT.match(text, split.end)
    if after and _join(text, split.end - len(split.right), after.end(2), split.right, after.group(2),
                       after.group(1), tokens):
        return True
    before = _PREVIOUS.search(text, max(0, split.start - 40), split.start)
    return bool(before and _join(text, before.start(1), split.start + len(split.left), before.group(1),
                                 split.left, before.group(2), tokens))


def _join(text: str, start: int, end: int, left: str, right: str, separator: str, tokens) -> Split | None:
    if not right.islower() or len(left) + len(right) < 4 or in_url_or_email(text, start, end):
        return None
    joined = left + right
    # listed as it is: derivations the dictionary accepts (`plowin` for `plowing`) are no evidence here
    known = lexicon.in_dictionary(joined.lower())
    if not known and (not tokens or tokens.count(joined) < ATTESTED):
        return None
    if len(right) == 1 and not fragment(right):
        return None  # `vis a vis`: a one-letter word after a fragment is the word it is
    if len(left) == 1 and not fragment(left) and len(right) < 4:
        return None  # `a vis` is not `avis`; `A merican` is `American`: a long half is no word alone
    halves = [part for part in (left, right) if len(part) > 1 and fragment(part)]
    if len(halves) == 1 and len(halves[0]) < 3 and min(len(left), len(right)) > 1:
        return None  # `per se`: two letters beside a word are a word of another language, not half of one
    if not halves:
        return None  # two words (`to day`, `the rapist`), or a letter and a word (`s not`, `R and`)
    if tokens and any(tokens.documents_with(part) >= OWN_WORD_DOCUMENTS or tokens.count(part) >= OWN_WORD_COUNT
                      for part in halves):
        return None  # the corpus's own word, not half of one
    return Split(start, end, left, right, separator, joined)
