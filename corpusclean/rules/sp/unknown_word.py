"""SP02 unknown-word."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import ClassVar, Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext
from corpusclean.text import lexicon
from corpusclean.text.calibration import Calibration, calibrate
from corpusclean.text.correction import Choice, choose
from corpusclean.text.form_table import form_table
from corpusclean.text.splits import split_at
from corpusclean.text.tokens import is_glued, is_sentence_start, neighbours, transfer_case



@dataclass(frozen=True)
class UnknownWordOptions:
    min_documents: int = 3  # a form in this many documents is the corpus's own word ...
    min_count: int = 3  # ... or used this many times (a novel, a forum thread: few, long documents) ...
    dominance: float = 5.0  # ... unless a candidate is this many times more frequent in the corpus
    min_length: int = 3
    safe_precision: float = 0.99  # the precision safe fixes must reach on the corpus's calibration ...
    unsafe_precision: float = 0.9  # ... and unsafe ones


UNCALIBRATED_UNSAFE = 0.9  # the posterior an unsafe fix needs when the corpus is too small to calibrate


class UnknownWord(Rule):
    r"""A lowercase word that neither the dictionary nor the corpus knows, corrected when one candidate is clearly best.

    What it does:
        Finds lowercase words missing from the English dictionary and weighs each dictionary word one
        edit away, or two (common words only for words under six letters), keeping the first letter,
        with a noisy-channel model: how likely
        the typo is for that word (an error model learned from real misspellings), how common the word
        is (in this corpus and in English), and how well it fits between the neighbours (shipped n-gram
        pairs and the corpus's own). The word as written competes too: the result is the probability
        that the best candidate was meant.

    Why it matters:
        Most such words are typos (`succesffully`). A corpus's own words (jargon, names written in
        lowercase) are spared: a form used in several documents is accepted unless a near form is far
        more frequent in the same corpus, and so is a word the corpus uses twice or more beside the same
        neighbour (`bona fide`, `joie de vivre`).

    Example:
        Before: "Some escaped, some succesffully.\n"
        After:  "Some escaped, some successfully.\n"
        Flagged: "The beerbrewer grew fast.\n"
        Flagged: "Output rose to 2m bpd in May.\n"
        Unchanged: "Names such as Scrocca, acronyms such as IEDs and U.S.-backed compounds.\n"

    Fix safety:
        Calibrated on the corpus itself, when the first finding needs it: up to 2,000 words drawn from the
        corpus's own word pairs (four per distinct word drawn, at least 500) are misspelt as people
        misspell and corrected in their corpus context; a fix is safe when
        its probability reaches the lowest threshold at which those fixes were 99% right (`safe-precision`),
        and unsafe at 90% (`unsafe-precision`), with thresholds of their own for words of four letters or
        fewer (`ths`: the or this?). The estimate is reported (`--statistics`, summary.json).
        A corpus too small to calibrate (fewer than 40 distinct words to misspell) gets no safe fix, and
        unsafe ones at a probability of 0.9. Any fix of a word of four letters or fewer must form known word
        pairs with its neighbours (`php`, `href` are near dozens of words). A safe fix is one edit away (two-edit "typos" of long words
        are as often words the dictionary lacks: `transformative`), and a fix of a word of four letters
        or fewer must also form known word pairs with both its neighbours, a longer one with one of them. Never safe, whatever
        the probability (display-only): a fix that only adds or strips an affix (`storages` →
        `storage`), a word that is two common words run together (`beerbrewer`, `downlights`), a vowel-less
        unit after a number (`2m bpd`, `60 kph`). A capitalised word is checked only at a sentence start
        and only when the corpus also writes it in lowercase (`Hte`); otherwise it is a name. All-caps
        words, words with digits or letters outside a-z (`señal`), compounds, handles, URLs, allow-listed
        words and halves of a split word (SP04's: `A merican`) are never reported.

    Options:
        min-documents: a form in this many documents is accepted, unless dominated (default 3).
        min-count: a form used this many times is accepted too, unless dominated (default 3): a corpus of
            few long documents repeats its own words (`rship` 18 times in one forum) within one.
        dominance: how many times more frequent in the corpus a candidate must be to override (5).
        min-length: shorter words are not checked (3).
        safe-precision, unsafe-precision: the precision on the corpus's calibration that safe and unsafe
            fixes must reach (0.99, 0.9).
    """

    code = "SP02"
    name = "unknown-word"
    needs = ("tokens",)
    languages = ("eng",)
    lexical = True
    speculative = True
    scope = "line"
    fix_availability = "sometimes"
    Options: ClassVar[type] = UnknownWordOptions

    def prepare(self, ctx: RuleContext) -> None:
        lexicon.frequencies(), lexicon.correction_frequencies(), lexicon.pair_frequencies()

    def calibration(self, ctx: RuleContext) -> Calibration | None:
        """The thresholds this corpus's calibration chose: once per run, when the first finding needs
        them (a corpus with nothing to fix costs none)."""
        tokens = ctx.stats.get("tokens")
        if not tokens:
            return None
        targets = (self.options.safe_precision, self.options.unsafe_precision)
        key = ("calibration", self.code, targets, self.options.min_length)

        def decide(typed: str, previous: str | None, following: str | None):
            choice = choose(typed, previous, following, tokens)
            if not choice.best or choice.guard or len(typed) < self.options.min_length:
                return None, 0.0, False, False
            return choice.best, choice.posterior, self._confirmed(typed, choice), self._short_confirmed(typed, choice)

        eligible = lambda w: len(w) >= self.options.min_length and w.isalpha() and w.islower() and lexicon.is_known(w)
        return tokens.remember(key,
                               lambda: calibrate(tokens, decide, eligible, targets))

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        tokens = ctx.stats.get("tokens")
        text = doc.text
        # Each form is judged once per run (the table); the context of each hit is checked here.
        table = form_table(self, ctx, lambda w: self._unknown(w, ctx, tokens))
        for (word, start, end), lower in table.hits(text):
            if is_glued(text, start, end) or (word != lower and not is_sentence_start(text, start)):
                continue
            previous, following = neighbours(text, start, end)
            choice = choose(lower, previous, following, tokens)
            if choice.best and not choice.guard and _unit_after_number(text, start, lower):
                choice = replace(choice, guard="unit")
            if tokens and (self._corpus_word(lower, choice, tokens)
                           or self._attested(lower, choice.best, previous, following, tokens)):
                continue
            calibration = self.calibration(ctx)
            if lower in lexicon.varieties() and self._safety(lower, choice, calibration) is Safety.DISPLAY_ONLY:
                continue  # a word of another variety (`rort`, `vegies`), unless a fix is clearly likelier
            if split_at(text, start, end, tokens):
                continue  # half of a split word (`A merican`): SP04 joins it
            yield self._finding(doc, word, Span(start, end), choice, tokens, calibration)

    def _unknown(self, word: str, ctx: RuleContext, tokens) -> str | None:
        """The lowercase form to correct when ``word`` is a suspect, else None: a lowercase word no
        dictionary knows, or a capitalised one the corpus mostly writes in lowercase (`Hte` at a sentence
        start is `hte`). A capitalised word the corpus never writes in lowercase is a name, and names are
        not this rule's."""
        if len(word) < self.options.min_length or word in ctx.allow_words or not word.isascii():
            return None  # a letter outside a-z: a word of another language (`señal`), not a slip of English
        if word.islower():
            return None if lexicon.is_known(word) else word
        if tokens and word[:1].isupper() and word[1:].islower():
            lower = word.lower()
            if tokens.count(lower) >= tokens.count(word) and not lexicon.is_known(lower):
                return lower
        return None

    def _corpus_word(self, word: str, choice: Choice, tokens) -> bool:
        """Relative corpus evidence: common in the corpus, and no candidate far more common there."""
        if tokens.documents_with(word) < self.options.min_documents and tokens.count(word) < self.options.min_count:
            return False
        return not choice.best or tokens.count(choice.best) < self.options.dominance * tokens.count(word)

    def _attested(self, word: str, best: str | None, previous: str | None, following: str | None, tokens) -> bool:
        """The corpus uses the word more than once beside the same neighbour, and the corrected pair is
        neither common English nor dominant in the corpus (`bona fide`, `joie de vivre`): a phrase the
        dictionary lacks. A slip of the keyboard rarely repeats in the same context, and when it does
        (`of hte`), `of the` is common English."""
        shipped = lexicon.pair_frequencies()
        for pair, fixed in (((previous, word), (previous, best)), ((word, following), (best, following))):
            if None in pair:
                continue
            seen = tokens.pair(*pair)
            if seen < 2:
                continue
            if best is None or (tokens.pair(*fixed) < self.options.dominance * seen
                                and not shipped.get(" ".join(fixed))):
                return True
        return False

    @staticmethod
    def _short_confirmed(word: str, choice: Choice) -> bool:
        """What any fix of a short word needs: its neighbours, when it has any, stand beside the fix in
        English or in the corpus (`php`, `href`, `gzip` are short, and near dozens of words)."""
        return len(word) >= 5 or choice.support == choice.neighbours

    @staticmethod
    def _confirmed(word: str, choice: Choice) -> bool:
        """What a safe fix needs besides its probability: one edit (two-edit "typos" of long words are
        as often correct words the dictionary lacks: `transformative` is not `transformation`), and
        context: a short word's fix (`thw` has dozens of neighbours) beside both its neighbours, a
        longer one's beside one of them."""
        if choice.distance != 1:
            return False
        if len(word) < 5:
            return choice.support == choice.neighbours
        return bool(choice.support) or not choice.neighbours

    def _safety(self, word: str, choice: Choice, calibration: Calibration | None) -> Safety:
        if choice.guard:
            return Safety.DISPLAY_ONLY
        safe = calibration.threshold("safe", word) if calibration else None
        unsafe = calibration.threshold("unsafe", word) if calibration and not calibration.reason else UNCALIBRATED_UNSAFE
        if safe is not None and choice.posterior >= safe and self._confirmed(word, choice):
            return Safety.SAFE
        if unsafe is not None and choice.posterior >= unsafe and self._short_confirmed(word, choice):
            return Safety.UNSAFE
        return Safety.DISPLAY_ONLY

    def _finding(self, doc: Document, word: str, span: Span, choice: Choice, tokens,
                 calibration: Calibration | None) -> Finding:
        fix, message = None, f"unknown word {word!r}"
        if choice.best:
            replacement = transfer_case(word, choice.best)
            safety = self._safety(word.lower(), choice, calibration)
            fix = Fix((Edit(span, replacement),), safety, f"replace with {replacement!r}")
            message += f"; did you mean {replacement!r}? (probability {choice.posterior:.2f})"
        return Finding(
            code=self.code, name=self.name, doc_id=doc.id, span=span, matched=word, message=message, fix=fix,
            evidence={"dictionary": "pyspellchecker:en + symspellpy:en-82k", "distance": choice.distance,
                      "probability": round(choice.posterior, 4), "as-written": round(choice.keep, 4),
                      "candidates": [list(c) for c in choice.ranked], "guard": choice.guard,
                      "calibration": calibration.as_json() if calibration else None,
                      "corpus-count": tokens.count(word) if tokens else 0,
                      "corpus-documents": tokens.documents_with(word) if tokens else 0},
        )


_NUMBER_BEFORE = re.compile(r"\d[\d.,]*[^\W\d_]{0,2}[ \t]?$")
_VOWELS = frozenset("aeiouy")


def _unit_after_number(text: str, start: int, word: str) -> bool:
    """`2m bpd`, `60 kph`: a vowel-less word right after a number is a unit or an abbreviation."""
    return not _VOWELS.intersection(word) and _NUMBER_BEFORE.search(text, max(0, start - 20), start) is not None

