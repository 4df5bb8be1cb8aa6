"""``consistency``: words that may be spelled either of two or more ways, but one way throughout.

Pack keys: ``words`` (a list file, one group of alternative spellings a line, separated by spaces),
``scope`` (``document``: the spelling a document uses most wins; ``corpus``: the one the corpus uses
most, from pass-1 counts), ``prefer`` (``majority``, the default, or ``first``: a declared house
spelling, the first of each group, always wins and its fix has the pack's safety), ``message``,
``safety`` (for a clear majority, twice the other spelling; a narrower one is unsafe). A tie goes to
the spelling listed first. A lowercase entry matches lowercase words, and capitalised ones at a
sentence start (`Colour`); capitalised words elsewhere are names (`Labour`). An entry with capitals
(`Rafiqa`) matches exactly.
"""
from __future__ import annotations

from collections import Counter
from functools import cached_property
from typing import Iterable

from corpusclean.core.document import Document
from corpusclean.core.errors import UsageError
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import RuleContext
from corpusclean.packs.types.base import PackRule
from corpusclean.text.form_table import form_table
from corpusclean.text.tokens import is_glued, is_sentence_start, transfer_case

SCOPES = ("document", "corpus")


class ConsistencyRule(PackRule):
    lexical = True
    PACK_KEYS = frozenset({"words", "scope", "prefer", "message", "safety"})
    fix_availability = "sometimes"

    def __init__(self, spec, options) -> None:
        super().__init__(spec, options)
        self.over = spec.data.get("scope", "document")
        if self.over not in SCOPES:
            raise UsageError(f"{spec.path}: scope must be document or corpus, not {self.over!r}")
        self.prefer = spec.data.get("prefer", "majority")
        if self.prefer not in ("majority", "first"):
            raise UsageError(f"{spec.path}: prefer must be majority or first, not {self.prefer!r}")
        self.needs = ("tokens",) if self.over == "corpus" and self.prefer == "majority" else ()
        # The fixer re-checks a line alone only when the counts come from the frozen corpus statistics.
        self.scope = "line" if self.over == "corpus" else "document"
        self.safety = self.pack_safety()
        self.message = spec.data.get("message", "{word!r} is spelled {fix!r} elsewhere in the {scope}")

    @cached_property
    def groups(self) -> dict[str, tuple[str, ...]]:
        """``{spelling: its group}``, every spelling of a group mapping to the same tuple."""
        path = self.spec.path.parent / self.spec.data.get("words", "")
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{self.spec.path}: word list: {exc}") from None
        table: dict[str, tuple[str, ...]] = {}
        for number, line in enumerate(lines, 1):
            group = tuple(line.split("#")[0].split())
            if not group:
                continue
            if len(group) < 2 or any(w in table for w in group):
                raise UsageError(f"{path}:{number}: a group needs two or more spellings, each in one group only")
            table.update((w, group) for w in group)
        return table

    def _entry(self, word: str) -> str | None:
        """The list's spelling for ``word``: itself when listed with capitals (a name matches exactly),
        else its lowercase form when that is listed and the word is lowercase or capitalised."""
        if word in self.groups:
            return word
        lower = word.lower()
        return lower if lower in self.groups and (word.islower() or word[1:].islower()) else None

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        hits = form_table(self, ctx, lambda w: self._entry(w) or None if w not in ctx.allow_words else None).hits(text)
        if not hits:
            return
        # A lowercase entry written with a capital counts only at a sentence start: `Labour` is a party.
        found = [w for w, _ in hits if not is_glued(text, w.start, w.end)
                 and (self._entry(w.word) == w.word or w.word.islower() or is_sentence_start(text, w.start))]
        counts = Counter(self._entry(w.word) for w in found)
        tokens = ctx.stats.get("tokens")
        for word, start, end in found:
            entry = self._entry(word)
            group = self.groups[entry]
            tally = {form: self._count(form, counts, tokens) for form in group}
            winner = group[0] if self.prefer == "first" else max(
                group, key=lambda form: (tally[form], -group.index(form)))
            if winner == entry:
                continue
            clear = self.prefer == "first" or tally[winner] >= 2 * tally[entry]
            replacement = winner if entry == word else transfer_case(word, winner)
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=Span(start, end), matched=word,
                message=self.message.format(word=word, fix=replacement, scope=self.over),
                fix=Fix((Edit(Span(start, end), replacement),), self.safety if clear else Safety.UNSAFE,
                        f"replace with {replacement!r}"),
                evidence={"list": self.spec.data.get("words"), "scope": self.over, "counts": tally,
                          "chosen": winner, "chosen-by": "pack" if self.prefer == "first" else "majority"},
            )

    def _count(self, form: str, counts: Counter, tokens) -> int:
        if self.over == "document" or tokens is None:
            return counts[form]
        capitalised = form[:1].upper() + form[1:]
        return tokens.count(form) + (tokens.count(capitalised) if capitalised != form else 0)
