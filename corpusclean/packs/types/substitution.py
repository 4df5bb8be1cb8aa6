"""``substitution``: words from a ``typo->fix`` list are replaced by their fix (codespell-style).

Pack keys: ``words`` (the list file, relative to the pack), ``message``, ``safety`` (for entries with one
fix; an entry with several candidates is always display-only: the list cannot choose),
``proper-noun-safety`` (for capitalised entries such as ``Malcom->Malcolm``; default unsafe).
An entry written in lowercase matches any casing but ALL CAPS, and the casing is carried over
(``Recieve`` → ``Receive``; a capitalised word inside a sentence may be a name, so its fix is only shown);
an entry with capitals matches exactly. Words glued to digits, ``_``, ``@``,
``#``, ``/`` or ``-`` (handles, paths, compounds) and words on the user's allow-list are left alone.
"""
from __future__ import annotations

from functools import cached_property
from typing import Iterable

from corpusclean.core.document import Document
from corpusclean.core.errors import UsageError
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import RuleContext
from corpusclean.packs.types.base import PackRule
from corpusclean.text.form_table import form_table
from corpusclean.text.tokens import is_glued, is_sentence_start, transfer_case
from corpusclean.text.wordlist import cached_corrections

class SubstitutionRule(PackRule):
    PACK_KEYS = frozenset({"words", "message", "safety", "proper-noun-safety"})
    fix_availability = "sometimes"
    scope = "line"  # a word, its neighbours on the line, its sentence start
    lexical = True

    def __init__(self, spec, options) -> None:
        super().__init__(spec, options)
        self.safety = self.pack_safety()
        self.proper_noun_safety = self.pack_safety("proper-noun-safety", "unsafe")
        self.message = spec.data.get("message", "{word!r} is a misspelling of {fix}")

    @cached_property
    def table(self) -> dict[str, tuple[str, ...]]:
        try:
            return cached_corrections(self.spec.path.parent / self.spec.data["words"])
        except (OSError, KeyError, ValueError) as exc:
            raise UsageError(f"{self.spec.path}: word list: {exc}") from None

    def _lookup(self, word: str) -> tuple[str, ...] | None:
        """The entry for ``word``: exact, or its lowercase entry unless the word is ALL CAPS."""
        return self.table.get(word) or (self.table.get(word.lower()) if not word.isupper() else None)

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        # Each form looked up once per run: most documents hold none of the listed typos.
        table = form_table(self, ctx, lambda w: self._lookup(w) or None if w not in ctx.allow_words else None)
        for (word, start, end), fixes in table.hits(text):
            if is_glued(text, start, end):
                continue
            exact = word in self.table
            replacements = fixes if exact else tuple(transfer_case(word, f) for f in fixes)
            # A capitalised word inside a sentence may be a name (Mr Wass, David Noone): show, don't fix.
            maybe_name = not exact and word[0].isupper() and not is_sentence_start(text, start)
            if len(replacements) > 1 or maybe_name:
                safety = Safety.DISPLAY_ONLY
            else:  # people really are called Malcom: a capitalised entry is a proper noun, its fix less sure
                safety = self.proper_noun_safety if exact and word[0].isupper() else self.safety
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id,
                span=Span(start, end), matched=word,
                message=self.message.format(word=word, fix=" or ".join(repr(r) for r in replacements)),
                fix=Fix((Edit(Span(start, end), replacements[0]),),
                        safety, f"replace with {replacements[0]!r}"),
                evidence={"list": self.spec.data["words"], "entry": f"{word if exact else word.lower()}->"
                          + ", ".join(fixes), "candidates": list(replacements)},
            )
