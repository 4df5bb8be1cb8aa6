"""SP03 corpus-near-miss."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import ClassVar, Iterable, NamedTuple

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext
from corpusclean.stats.variants import ELONGATED, variant_clusters
from corpusclean.text import lexicon
from corpusclean.text.channel import channel
from corpusclean.text.correction import channel_log
from corpusclean.text.form_table import form_table
from corpusclean.text.tokens import case_pattern, is_acronym, is_glued, is_sentence_start, neighbours


@dataclass(frozen=True)
class CorpusNearMissOptions:
    ratio: float = 5.0  # the corpus form must be this many times more frequent ...
    min_count: int = 3  # ... and seen at least this often
    safe_ratio: float = 20.0  # a safe fix needs this ratio ...
    safe_documents: int = 3  # ... and the corpus form in this many documents
    max_extension: int = 2  # a truncation lacks at most this many letters
    min_probability: float = 0.9  # a fix needs this probability under the channel model ...
    safe_probability: float = 0.99  # ... and a safe one this


class CorpusNearMiss(Rule):
    r"""A rare word that the corpus itself spells differently far more often: a truncation or a one-letter slip.

    What it does:
        Compares each word the dictionary does not know with the corpus vocabulary from pass 1. When
        the corpus uses a form that extends it by a letter or two (`Raqq` → `Raqqa`) or differs by one
        edit (`Raqqaa` → `Raqqa`, `Nattionals` → `Nationals`), with the same capitalisation, many times
        more often, it weighs that form with SP02's noisy-channel model: the corpus's count of the form,
        how likely the slip is (the error model), against the word being a new name spelled so (the
        likelier the shorter the name: `Koen` beside a rare `Korn`). The probability is the evidence.

    Why it matters:
        Names and jargon are missing from every dictionary, so only the corpus can correct them. A
        dictionary would turn `Raqq` into `ran`; the corpus knows it is `Raqqa`.

    Example:
        Before: "Raqqa fell; Raqqa burned; Raqqa, Raqqa, Raqqa. The road into Raqq was open.\n"
        After:  "Raqqa fell; Raqqa burned; Raqqa, Raqqa, Raqqa. The road into Raqqa was open.\n"
        Unchanged: "Ann met Anna. Anna, Anna and Anna left.\n"
        Unchanged: "Raqqa fell. The road into Raqq was open.\n"
        Unchanged: "MPs met; MPs, MPs, MPs and MPs voted. MEPs did not.\n"

    Fix safety:
        Unsafe when the probability is 0.9 or more: names do come in near pairs (`Koen`/`Ken`,
        `Mihkail`/`Mikhail`), so a corpus majority is strong evidence, not proof. Safe only at 0.99 and for
        a truncation whose full form is at least 20 times more frequent, appears in three or more
        documents, and stands in the corpus beside one of this word's neighbours (`into Raqqa` for `into
        Raqq`; never `Graham Robben` for `Graham Robb`). Never toward a word the corpus mostly writes in
        lowercase (`Ifo` is not `If`; `Michae` is `Michael`), a plural or a possessive, nor from a
        possessive to a form without it (`Holme's` is not `Holmes`), nor when a capitalised neighbour makes
        the word part of a longer name the corpus never writes with the form (`Jason Kenney` is not
        `Kennedy`: display-only); words the
        dictionary knows (`Ann`, `Jon`), all-caps words and acronyms with a suffix (`MEPs` is not `MPs`),
        and words glued to digits or compounds are never changed. Below 0.9 the finding is display-only,
        and below 0.5 (the word likelier a name of its own) it is not reported.

    Options:
        ratio: how many times more frequent the corpus form must be (default 5).
        min-count: the corpus form's minimum count (3).
        safe-ratio, safe-documents: the evidence for a safe fix (20, 3).
        max-extension: how many letters a truncation may lack (2).
        min-probability, safe-probability: the probabilities a fix and a safe fix need (0.9, 0.99).
    """

    code = "SP03"
    name = "corpus-near-miss"
    needs = ("tokens",)
    languages = ("eng",)
    lexical = True
    speculative = True
    scope = "line"
    fix_availability = "sometimes"
    Options: ClassVar[type] = CorpusNearMissOptions

    def prepare(self, ctx: RuleContext) -> None:
        if tokens := unified_tokens(ctx):
            tokens.near_forms("", self.options.min_count)  # the delete index, at the lowest floor
            lexicon.frequencies()

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        tokens = unified_tokens(ctx)
        if not tokens:
            return
        text = doc.text
        pinned = tuple(sorted(ctx.canonical.items()))  # the unified counts the verdicts read depend on them
        table = form_table(self, ctx, lambda word: self._proposal(word, ctx, tokens), pinned)
        for (word, start, end), targets in table.hits(text):
            if not is_glued(text, start, end):
                context = neighbours(text, start, end)
                names = _name_neighbours(text, start, end, context)
                finding = self._finding(doc, word, Span(start, end), targets, tokens, context, names)
                if finding.evidence["probability"] >= REPORTED:
                    yield finding

    def _proposal(self, word: str, ctx: RuleContext, tokens) -> list[tuple[str, int, str]] | None:
        """The corpus forms ``word`` may be a slip of, when it is no dictionary word (else None)."""
        if (len(word) < 3 or is_acronym(word) or word in ctx.allow_words or lexicon.is_known(word.lower())
                or ELONGATED.search(word)):
            return None  # ... nor an elongated interjection (`Hyyy`, `Ooohhh`): expressive, not a slip
        return self._targets(word, tokens) or None

    def _targets(self, word: str, tokens) -> list[tuple[str, int, str]]:
        """Corpus forms that dominate ``word``: (form, count, relation), most frequent first."""
        floor = max(self.options.min_count, self.options.ratio * tokens.count(word))
        pattern = case_pattern(word)
        found = {}
        for form in tokens.extensions(word, self.options.max_extension):
            found[form] = "truncation"
        first = word[:1].lower()
        for form in tokens.near_forms(word, int(floor)):
            if form != word and form[:1].lower() == first:
                found.setdefault(form, "one edit")
        # Never toward a common word (`Ifo` is not `If`, `Societe` not `Society`): that is a different word
        # the corpus also uses, not this word spelled better. A dictionary word the corpus writes as a
        # name is one (`Michael`, `Melbourne`, `December`). Nor a plural or possessive of it.
        scored = [(form, tokens.count(form), relation) for form, relation in found.items()
                  if tokens.count(form) >= floor and case_pattern(form) == pattern
                  and (not lexicon.is_known(form.lower()) or _a_name(form, tokens))
                  and not _inflection(word, form) and _clitic(form) == _clitic(word)]
        return sorted(scored, key=lambda t: (-t[1], t[0]))

    def _finding(self, doc: Document, word: str, span: Span, targets, tokens, context, names=()) -> Finding:
        weighed = weigh(word, targets, tokens)
        form, count, relation = targets[0] if weighed.best is None else next(t for t in targets if t[0] == weighed.best)
        mine = tokens.count(word)
        previous, following = context
        # The corpus writes the full form beside one of this word's neighbours (`into Raqqa`): the same
        # name in the same kind of place, not another name that happens to extend it (`Graham Robb`).
        pairs = [(previous, form.lower()), (form.lower(), following)]
        seen_beside = {" ".join(pair): tokens.pair(*pair) for pair in pairs
                       if None not in pair and tokens.pair(*pair)}
        strong = (relation == "truncation" and count >= self.options.safe_ratio * mine and seen_beside
                  and tokens.documents_with(form) >= self.options.safe_documents)
        # Part of a longer name (`Jason Kenney`, `Pernod Ricard`): the corpus must write the form in that
        # name too, or it is another person's (`Kennedy`, `Richard`).
        other_name = bool(names) and not any(tokens.pair(*pair) for pair in _name_pairs(names, form.lower()))
        if weighed.best is None or weighed.posterior < self.options.min_probability or other_name:
            safety = Safety.DISPLAY_ONLY
        elif strong and weighed.posterior >= self.options.safe_probability:
            safety = Safety.SAFE
        else:
            safety = Safety.UNSAFE
        return Finding(
            code=self.code, name=self.name, doc_id=doc.id, span=span, matched=word,
            message=(f"{word!r} looks like a {relation} of {form!r}, which the corpus uses {count}x to {mine}x "
                     f"(probability {weighed.posterior:.2f})"),
            fix=Fix((Edit(span, form),), safety, f"replace with {form!r}"),
            evidence={form: count, word: mine, "relation": relation, "probability": round(weighed.posterior, 4),
                      "as-written": round(weighed.keep, 4),
                      "documents": {form: tokens.documents_with(form), word: tokens.documents_with(word)},
                      "others": {f: c for f, c, _ in targets if f != form}, "source": "corpus",
                      "context": seen_beside},
        )


# The weight of "a new name spelled so" against a slip of a corpus form. The letter model that spells it
# knows words, not names, and names come in near pairs (`Ricard`/`Richard`, `Krueger`/`Kruger`): chosen
# on BBC News (the corpus tuned on) where `Ricard`, `Eduard` and `Augusto` stopped being "fixed" while
# doubled letters (`Leicestter`) still were; measured on Brown, inaugural addresses and web text (eval 12).
NEW_NAME_WEIGHT = 1.0
REPORTED = 0.5  # below this the word is likelier right as written: not reported at all


class Weighed(NamedTuple):
    best: str | None
    posterior: float
    keep: float


def weigh(word: str, targets, tokens) -> Weighed:
    """P(form | word) for each corpus form in ``targets`` and for ``word`` written as meant: the corpus's
    count of the form times the channel's P(word | form), against a new name spelled so (its own
    other occurrences counted too). SP02's model, with the corpus alone as the prior."""
    total = tokens.total()
    lower = word.lower()
    keep_prior = max(0, tokens.count(word) - 1) / total + NEW_NAME_WEIGHT * channel().spelling(lower)
    scores = {None: math.log10(keep_prior) + channel_log(lower, lower)}
    for form, count, _ in targets:
        scores[form] = math.log10(count / total) + channel_log(lower, form.lower())
    top = max(scores.values())
    mass = sum(10 ** (v - top) for v in scores.values())
    best = max((f for f in scores if f is not None), key=lambda f: (scores[f], f), default=None)
    return Weighed(best, 10 ** (scores[best] - top) / mass if best else 0.0, 10 ** (scores[None] - top) / mass)


def _name_neighbours(text: str, start: int, end: int, context) -> tuple[tuple[str, str | None], ...]:
    """The neighbours that are capitalised words, as (side, lowercase word): the rest of a longer name."""
    previous, following = context
    found = []
    if previous and _capital_before(text, start):
        found.append(("before", previous))
    if following and (after := _CAPITAL_AFTER.match(text, end)) and after.group()[-1].isupper():
        found.append(("after", following))
    return tuple(found)


def _capital_before(text: str, start: int) -> bool:
    """The word before is capitalised, and not merely because it opens a sentence (`The Melbourn ...`)."""
    window = max(0, start - 40)
    match = _WORD_BEFORE.search(text, window, start)
    return bool(match) and match.group(1)[:1].isupper() and not is_sentence_start(text, match.start(1))


_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+\Z")
_CAPITAL_AFTER = re.compile(r"[ \t]+[^\W\d_a-z]")


def _name_pairs(names, form: str):
    return [(word, form) if side == "before" else (form, word) for side, word in names]


def _a_name(form: str, tokens) -> bool:
    """The corpus writes ``form`` (capitalised) far more often than in lowercase: a name here."""
    return tokens.count(form.lower()) * 10 < tokens.count(form)


def unified_tokens(ctx: RuleContext):
    """The corpus's counts with its variant spellings of a name counted as the canonical one (CN01's
    clusters). A run that unifies `KaZaa` into `Kazaa` raises `Kazaa`'s count; judged by the raw counts,
    a second run over the cleaned corpus would see a truncation `Kaz` the first did not: fixes must not
    depend on whether the corpus was cleaned before."""
    tokens = ctx.stats.get("tokens")
    if not tokens:
        return tokens

    def unify():  # once per run: every document asks
        clusters = variant_clusters(tokens, ctx.canonical)
        return tokens.folded({form: c.canonical for form, c in clusters.items() if form != c.canonical})

    return tokens.remember(("unified", tuple(sorted(ctx.canonical.items()))), unify)


def _clitic(word: str) -> str:
    """What follows an apostrophe (`s` of `Holme's`): a possessive is never respelled as a plural or a
    name ending in s (`Holme's` is not `Holmes`, `Connor's` not `Connors`)."""
    for mark in "'’":
        if mark in word:
            return word.rpartition(mark)[2]
    return ""


def _inflection(a: str, b: str) -> bool:
    long, short = (a, b) if len(a) > len(b) else (b, a)
    return long.startswith(short) and long[len(short):].lower() in ("s", "es", "'s", "’s")
