"""SP02 unknown-word."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext
from corpusclean.text import lexicon
from corpusclean.text.correction import Choice, choose
from corpusclean.text.tokens import distinct_words, find_words, is_glued, transfer_case

_NEIGHBOUR_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+$")
_NEIGHBOUR_AFTER = re.compile(r"^[ \t]+([^\W\d_]+)")


@dataclass(frozen=True)
class UnknownWordOptions:
    min_documents: int = 3  # a form in this many documents is the corpus's own word ...
    dominance: float = 10.0  # ... unless a candidate is this many times more frequent in the corpus
    min_length: int = 3
    safe_margin: float = 1.0  # log10 score lead a safe fix needs over the runner-up
    unsafe_margin: float = 0.5
    safe_min_length: int = 5


class UnknownWord(Rule):
    r"""A lowercase word that neither the dictionary nor the corpus knows, corrected when one candidate is clearly best.

    What it does:
        Finds lowercase words missing from the English dictionary, looks up dictionary words one edit
        away (two for long words), keeping the first letter, and ranks them by frequency and by the
        word pairs they would form with their neighbours (shipped n-gram pairs and the corpus's own).

    Why it matters:
        Most such words are typos (`succesffully`). A corpus's own words (jargon, names written in
        lowercase) are spared: a form used in several documents is accepted unless a near form is far
        more frequent in the same corpus.

    Example:
        Before: "Some escaped, some succesffully.\n"
        After:  "Some escaped, some successfully.\n"
        Flagged: "The beermaker grew fast.\n"
        Unchanged: "Names such as Scrocca, acronyms such as IEDs and U.S.-backed compounds.\n"

    Fix safety:
        Safe only when the best candidate is one edit away, leads the runner-up by 10x in score, the
        word has at least five letters, and the fix is not just an affix (`storages` → `storage`) and the
        word is not two words run together (`beermaker`, `downlights`). Unsafe when the lead is smaller but clear (3x) and the word has four letters or more.
        Otherwise display-only: the dictionary cannot choose (`ther` → there/their/the). Capitalised
        and all-caps words, words with digits, compounds, handles, URLs and allow-listed words are
        never reported.

    Options:
        min-documents: a form in this many documents is accepted, unless dominated (default 3).
        dominance: how many times more frequent in the corpus a candidate must be to override (10).
        min-length: shorter words are not checked (3).
        safe-margin, unsafe-margin: log10 score leads for safe and unsafe fixes (1.0, 0.5).
        safe-min-length: shorter words never get a safe fix (5).
    """

    code = "SP02"
    name = "unknown-word"
    needs = ("tokens",)
    fix_availability = "sometimes"
    Options: ClassVar[type] = UnknownWordOptions

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        tokens = ctx.stats.get("tokens")
        text = doc.text
        # Work per distinct word: look up each once, then find only the unknown ones.
        unknown = {w for w in distinct_words(text) if self._suspect(w, ctx) and not lexicon.is_known(w)}
        for match in find_words(text, unknown):
            word = match.group()
            start, end = match.span()
            if is_glued(text, start, end):
                continue
            previous, following = _neighbours(text, start, end)
            choice = choose(word, previous, following, tokens.pair if tokens else None)
            if tokens and self._corpus_word(word, choice, tokens):
                continue
            yield self._finding(doc, word, Span(start, end), choice, tokens)

    def _suspect(self, word: str, ctx: RuleContext) -> bool:
        return len(word) >= self.options.min_length and word.islower() and word not in ctx.allow_words

    def _corpus_word(self, word: str, choice: Choice, tokens) -> bool:
        """Relative corpus evidence: common in the corpus, and no candidate far more common there."""
        if tokens.documents_with(word) < self.options.min_documents:
            return False
        return not choice.best or tokens.count(choice.best) < self.options.dominance * tokens.count(word)

    def _safety(self, word: str, choice: Choice) -> Safety:
        if choice.guard:
            return Safety.DISPLAY_ONLY
        if (choice.margin >= self.options.safe_margin and len(word) >= self.options.safe_min_length
                and choice.distance == 1):
            return Safety.SAFE
        if choice.margin >= self.options.unsafe_margin and len(word) >= 4:
            return Safety.UNSAFE
        return Safety.DISPLAY_ONLY

    def _finding(self, doc: Document, word: str, span: Span, choice: Choice, tokens) -> Finding:
        fix, message = None, f"unknown word {word!r}"
        if choice.best:
            replacement = transfer_case(word, choice.best)
            fix = Fix((Edit(span, replacement),), self._safety(word, choice), f"replace with {replacement!r}")
            message += f"; did you mean {replacement!r}?"
        return Finding(
            code=self.code, name=self.name, doc_id=doc.id, span=span, matched=word, message=message, fix=fix,
            evidence={"dictionary": "pyspellchecker:en + symspellpy:en-82k", "distance": choice.distance,
                      "margin": None if choice.margin == float("inf") else round(choice.margin, 2),
                      "candidates": [list(c) for c in choice.ranked], "guard": choice.guard,
                      "corpus-count": tokens.count(word) if tokens else 0,
                      "corpus-documents": tokens.documents_with(word) if tokens else 0},
        )


def _neighbours(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The words right before and after, when only spaces separate them (punctuation breaks context)."""
    before = _NEIGHBOUR_BEFORE.search(text, max(0, start - 40), start)
    after = _NEIGHBOUR_AFTER.search(text[end:end + 40])
    return (before.group(1).lower() if before else None), (after.group(1).lower() if after else None)
