"""CN01 variant-spelling."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext
from corpusclean.stats.variants import variant_clusters
from corpusclean.text.form_table import form_table
from corpusclean.text.tokens import WORD, find_words, is_glued, neighbours


@dataclass(frozen=True)
class VariantSpellingOptions:
    safe_ratio: float = 5.0  # the canonical form this many times more frequent than the variant ...
    safe_documents: int = 3  # ... and in this many documents makes a safe fix


class VariantSpelling(Rule):
    r"""A name the corpus spells more than one way, unified to the form the corpus (or the config) prefers.

    What it does:
        From the corpus vocabulary of pass 1, groups the capitalised spellings of one name that differ
        only in the ways transliteration drifts: diacritics, doubled letters, a final `h`, vowels,
        consonants that stand for one sound (`Rafiqah`/`Rafiqa`, `Qaeda`/`Qaida`, `Gaddafi`/`Qaddafi`).
        Each spelling other than the canonical one is reported, with every form's counts as evidence.

    Why it matters:
        One entity spelled three ways is three entities to a search index, a deduplicator or a model.
        No dictionary can choose: only the corpus (its majority) or the user (a pinned form) can.

    Example:
        Before: "The Rafiqa Wall stood. Rafiqa Wall, Rafiqa Wall. The Rafiqah Wall fell.\n"
        After:  "The Rafiqa Wall stood. Rafiqa Wall, Rafiqa Wall. The Rafiqa Wall fell.\n"
        Before: "WorldCom said. WorldCom, WorldCom, WorldCom, WorldCom and WorldCom said. Worldcom said.\n"
        After:  "WorldCom said. WorldCom, WorldCom, WorldCom, WorldCom and WorldCom said. WorldCom said.\n"
        Unchanged: "Senator Belami voted. Coach Bellami said. Coach Bellami left.\n"
        Corpus: 5 x "Downtown Mackay council met on Monday.\n"
        Corpus: 4 x "Downtown McKay council met on Friday.\n"
        Unchanged: "Downtown McKay council met again.\n"
        Corpus: 5 x "Arthur shouted Aaaugh loudly.\n"
        Unchanged: "Arthur shouted Aaaaugh loudly.\n"

    Fix safety:
        The canonical form is the most frequent spelling, then the one in more documents, then the first
        in code-point order. Safe when the config pins it (`[tool.corpusclean.canonical]`), or when
        the variant differs only in capitals and the canonical form is five times more frequent and in
        three or more documents (`Worldcom` → `WorldCom`). Otherwise unsafe, a tie included: the
        choice is deterministic, but a respelled name can be another person (`Walliams`), so a
        reviewer decides. Spellings join only when the corpus puts them beside the same words, and
        never two established spellings with other letters and other inner capitals (`Mackay`, a city,
        and `McKay`, a surname); elongated interjections (`Aaaugh`, `Nooooo`) are no names.

    Options:
        safe-ratio, safe-documents: the majority a safe fix of capitals needs (5, 3).
    """

    code = "CN01"
    name = "variant-spelling"
    needs = ("tokens",)
    # Its name model learned English spellings of names; in other languages a name's forms are grammar
    # (Dutch `Belgisch`/`Belgische`) or accents the language requires (`González`).
    languages = ("eng",)
    scripts = ("Latin",)
    lexical = True
    scope = "line"
    fix_availability = "always"
    Options: ClassVar[type] = VariantSpellingOptions

    def prepare(self, ctx: RuleContext) -> None:
        if tokens := ctx.stats.get("tokens"):
            variant_clusters(tokens, ctx.canonical)

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        tokens = ctx.stats.get("tokens")
        if not tokens:
            return
        clusters = variant_clusters(tokens, ctx.canonical)
        text = doc.text

        def variant(word: str):
            cluster = clusters.get(word)
            return cluster if cluster and cluster.canonical != word and word not in ctx.allow_words else None

        # `Al Nuri` is two tokens: names with a particle are found as phrases
        phrases = {name for name in _particle_variants(tokens, clusters) if name in text and variant(name)}
        found = [(hit, clusters[hit.word]) for hit in find_words(text, phrases)] if phrases else []
        found += form_table(self, ctx, variant, tuple(sorted(ctx.canonical.items()))).hits(text)
        for (word, start, end), cluster in sorted(found, key=lambda hit: hit[0].start):
            if not is_glued(text, start, end):
                yield self._finding(doc, word, Span(start, end), cluster, neighbours(text, start, end))

    def _finding(self, doc: Document, word: str, span: Span, cluster, context) -> Finding:
        canonical = cluster.canonical
        mine, theirs = cluster.count(word), cluster.count(canonical)
        documents = next(d for f, _, d in cluster.forms if f == canonical)
        # Only capitals are safe to unify by majority (`Worldcom` → `WorldCom`): a respelled name can be
        # another person (`Walliams` is not `Williams`, however often the corpus writes `Williams`).
        strong = (word.lower() == canonical.lower() and theirs >= self.options.safe_ratio * mine
                  and documents >= self.options.safe_documents)
        safety = Safety.SAFE if cluster.pinned or strong else Safety.UNSAFE
        reason = "pinned in config" if cluster.pinned else f"the corpus writes it {theirs}x to {mine}x"
        return Finding(
            code=self.code, name=self.name, doc_id=doc.id, span=span, matched=word,
            message=f"{word!r} is a variant spelling of {canonical!r} ({reason})",
            fix=Fix((Edit(span, canonical),), safety, f"replace with {canonical!r}"),
            evidence={**cluster.evidence(), "source": "corpus",
                      "context": " ".join(w for w in (context[0], word, context[1]) if w)},
        )


def _particle_variants(tokens, clusters) -> list[str]:
    """The clustered forms with a hyphen or a space (`al-Nuri`, `Al Nuri`), which no token list holds."""
    return tokens.remember(("particle-variants", id(clusters)),
                           lambda: [w for w in clusters if not WORD.fullmatch(w)])
