"""SP04 split-word."""
from __future__ import annotations

from typing import Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext
from corpusclean.text import lexicon
from corpusclean.text.form_table import form_table
from corpusclean.text.splits import Split, fragment, split_at


class SplitWord(Rule):
    r"""A word split in two by a stray space or a line break, joined again.

    What it does:
        Finds two letter runs separated by one space or one line break, at least one of them no English
        word (or a short, rare entry of the wide word lists: `chur`, `priv`), which together make a word the dictionary knows or the corpus writes itself: `respon
        sibility`, `A merican`, `reconstru ction`, `resul t`. The joined word replaces both; a line break
        between them takes the place of the space after the word, or is dropped when none follows.

    Why it matters:
        Scraped pages and OCR break words at layout boundaries. Left split, each half is a "typo" a
        spelling rule would turn into another word (`merican` → `mexican`), and neither half is the word
        a search or a model should see.

    Example:
        Before: "The respon sibility was hers.\n"
        After:  "The responsibility was hers.\n"
        Before: "He was the first A merican to win.\n"
        After:  "He was the first American to win.\n"
        Before: "The reconstru ction of the old\nbridge took a year; the resul t was fine.\n"
        After:  "The reconstruction of the old\nbridge took a year; the result was fine.\n"
        Unchanged: "We met to day in deed, said the rapist.\n"
        Unchanged: "The Raqq a road.\n"
        Unchanged: "Their role vis a vis the state.\n"
        Unchanged: "It is not wrong per se, he said, plow in hand.\n"
        Unchanged: "Tag #respon sibility now; see path/respon sibility.\n"
        Unchanged: "Type it in the url bar. The url bar, the url bar, the url bar and the url bar. Then the urlbar, the urlbar and the urlbar.\n"

    Fix safety:
        Safe when the joined word is a common dictionary word, each half is either no word (as above)
        or a single letter (`A merican`), and the fragment does not join its other neighbour too (`peo
        ple ase`: people or please?). Unsafe when one half is a word of two letters or more (`milli
        on`), when the joined word is rare or only derived (`fopes`), or when only the corpus knows it
        (three or more uses). Never when both halves are
        words (`to day`, `the rapist`, `was hers`), when a half is a word the corpus uses in three or more
        documents or five times (`url bar`), when the second half is capitalised, or inside URLs and
        compounds.
    """

    code = "SP04"
    name = "split-word"
    needs = ("tokens",)
    languages = ("eng",)
    lexical = True
    speculative = True
    scope = "line"
    fix_availability = "always"

    def prepare(self, ctx: RuleContext) -> None:
        lexicon.frequencies(), lexicon.correction_frequencies()

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        tokens = ctx.stats.get("tokens")
        text = doc.text
        table = form_table(self, ctx, lambda word: 1 if word not in ctx.allow_words and fragment(word) else None)
        seen = set()
        for (_, start, end), _ in table.hits(text):
            found = split_at(text, start, end, tokens)
            if found and (found.start, found.end) not in seen:
                seen.add((found.start, found.end))
                yield self._finding(doc, found, tokens)

    def _finding(self, doc: Document, split: Split, tokens) -> Finding:
        known = lexicon.in_dictionary(split.joined.lower())
        common = lexicon.correction_frequencies().get(split.joined.lower(), 0) >= lexicon.COMMON
        halves_only = all(fragment(part) or len(part) == 1 for part in (split.left, split.right))
        safety = Safety.SAFE if common and halves_only and not split.ambiguous else Safety.UNSAFE
        replacement, end = split.joined, split.end
        if split.separator != " " and doc.text.startswith(" ", end):
            replacement, end = split.joined + split.separator, end + 1  # the line break takes the space's place
        matched = doc.text[split.start:end]
        return Finding(
            code=self.code, name=self.name, doc_id=doc.id, span=Span(split.start, end), matched=matched,
            message=f"{matched!r} looks like one word split in two: {split.joined!r}",
            fix=Fix((Edit(Span(split.start, end), replacement),), safety, f"join as {split.joined!r}"),
            evidence={"joined": split.joined, "halves": [split.left, split.right], "dictionary": known,
                      "ambiguous": split.ambiguous, "corpus-count": tokens.count(split.joined) if tokens else 0,
                      "half-counts": {part: tokens.count(part) if tokens else 0 for part in (split.left, split.right)}},
        )
