"""SP02 unknown-word."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext
from corpusclean.text import lexicon
from corpusclean.text.tokens import distinct_words, find_words, is_glued

@dataclass(frozen=True)
class UnknownWordOptions:
    min_documents: int = 3  # a form in this many documents of the corpus is the corpus's own word
    min_length: int = 3


class UnknownWord(Rule):
    r"""A lowercase word that neither the dictionary nor the corpus knows.

    What it does:
        Reports lowercase words that are not in the English dictionary and that the corpus itself
        does not use in several documents, with the dictionary words one edit away as suggestions.

    Why it matters:
        Most such words are typos (`succesffully`). Reporting them, with a suggestion, lets a reviewer
        fix them or add real words (jargon, new coinages) to the allow-list.

    Example:
        Flagged: "Some tried, some succesffully.\n"
        Unchanged: "Names such as Scrocca, acronyms such as IEDs and U.S.-backed compounds.\n"

    Fix safety:
        Display-only: the dictionary alone cannot tell a typo from a rare correct word, so the
        suggestion is shown, never applied. Capitalised and all-caps words, words with digits,
        hyphenated or slashed parts, handles and allow-listed words are never reported.

    Options:
        min-documents: a form used in at least this many documents is accepted (default 3).
        min-length: shorter words are not checked (default 3).
    """

    code = "SP02"
    name = "unknown-word"
    needs = ("tokens",)
    fix_availability = "never"
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
            documents = tokens.documents_with(word) if tokens else 0
            if documents >= self.options.min_documents:
                continue
            candidates = lexicon.suggestions(word)
            span = Span(start, end)
            fix = Fix((Edit(span, candidates[0]),), Safety.DISPLAY_ONLY, f"did you mean {candidates[0]!r}?") \
                if candidates else None
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=span, matched=word,
                message=f"unknown word {word!r}" + (f"; did you mean {candidates[0]!r}?" if candidates else ""),
                fix=fix,
                evidence={"dictionary": "pyspellchecker:en", "corpus-count": tokens.count(word) if tokens else 0,
                          "corpus-documents": documents, "candidates": list(candidates[:5])},
            )

    def _suspect(self, word: str, ctx: RuleContext) -> bool:
        return len(word) >= self.options.min_length and word.islower() and word not in ctx.allow_words
