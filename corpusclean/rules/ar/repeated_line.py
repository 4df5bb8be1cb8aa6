"""AR05 repeated-line."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Iterable

from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext
from corpusclean.stats.lines import learnable_lines
from corpusclean.text.lines import deletion_span, line_at, line_starts


@dataclass(frozen=True)
class RepeatedLineOptions:
    min_documents: int = 5  # a line in at least this many documents ...
    min_share: float = 0.001  # ... and in at least this share of them is boilerplate
    safe_documents: int = 20  # from this many documents, its removal is safe
    max_length: int = 200  # longer lines are prose, even when repeated (a quote, a duplicated story)
    max_document_share: float = 0.5  # a document made mostly of repeated lines is a duplicate, not boilerplate
    zone: str = "edges"  # learn and delete lines in the documents' edge zones only, or "any"

    def __post_init__(self) -> None:
        if self.zone not in ("edges", "any"):
            from corpusclean.core.errors import UsageError

            raise UsageError(f"AR05 zone must be 'edges' or 'any', not {self.zone!r}")


class RepeatedLine(Rule):
    r"""A line that many documents of the corpus share: learned boilerplate (wire signatures, footers).

    What it does:
        Pass 1 fingerprints every line of three words or more (case, spacing and digits normalised). A line
        found in at least `min-documents` documents, and in at least `min-share` of the corpus, is
        boilerplate: navigation, footers, newsletter pitches, wire signatures the packs do not list.
        Each occurrence is deleted with the blank lines it leaves; `summary.json` lists each learned line
        once with its document count. Only lines in the documents' edge zones (first and last six
        non-blank lines) are learned and deleted, unless `zone = "any"`; markup lines (headings, list
        items, table rows, fences, directives, comments) never are. Runs on plain text and records by
        default (select it to run it on Markdown, reST or HTML).

    Why it matters:
        Boilerplate repeated across thousands of documents is the largest source of duplicated text in a
        scraped corpus; a model memorises it and learns nothing from it.

    Example:
        Corpus: 6 x "Storm news.\n\nSign up for the Weekly Planet newsletter today.\n"
        Before: "Floods hit the valley.\n\nSign up for the Weekly Planet newsletter today.\n"
        After:  "Floods hit the valley.\n"
        Corpus: 6 x "Storm news.\n\nSign up for the Weekly Planet newsletter today.\n"
        Unchanged: "Floods hit the valley.\n\nNo newsletter here.\n"
        Corpus: 6 x "Storm news.\n\n## Sign up for the Weekly Planet newsletter today\n"
        Unchanged: "Floods hit the valley.\n\n## Sign up for the Weekly Planet newsletter today\n"

    Fix safety:
        Safe when the line is in `safe-documents` (20) documents or more; unsafe below that (5-19
        documents can still be a quote several stories repeat). Lines longer than `max-length` (200)
        characters are never learned, and a document more than half made of repeated lines is a
        duplicate of another document, not boilerplate: its findings are unsafe.

    Options:
        min-documents (5), min-share (0.001), safe-documents (20), max-length (200),
        max-document-share (0.5), zone ("edges" or "any").
    """

    code = "AR05"
    name = "repeated-line"
    needs = ("lines",)
    formats = ("plain",)
    scope = "document"
    Options: ClassVar[type] = RepeatedLineOptions

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        stats = ctx.stats.get("lines")
        if not stats or not stats.documents:
            return
        options = self.options
        needed = max(options.min_documents, options.min_share * stats.documents)
        if stats.most[options.zone] < needed:  # nothing learned: no line of this document needs a fingerprint
            return
        text, repeated = doc.text, []
        learnable, lines = learnable_lines(doc, edges_only=options.zone != "any")
        for index, chars, at_edge, fp in learnable:
            if (options.zone == "any" or at_edge) and chars <= options.max_length \
                    and fp and (count := stats.count(fp, options.zone)) >= needed:
                repeated.append((index, count))
        if repeated:
            starts = line_starts(text)
            repeated = [(line_at(text, starts[index]), count) for index, count in repeated]
        duplicate = len(repeated) > options.max_document_share * lines
        for line, count in repeated:
            safe = count >= options.safe_documents and not duplicate
            reason = "most of this document repeats other documents" if duplicate else f"in {count} documents"
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=Span(line.start, line.end),
                matched=line.text, message=f"boilerplate line {line.text.strip()!r} ({reason})",
                fix=Fix((Edit(Span(*deletion_span(text, line)), ""),),
                        Safety.SAFE if safe else Safety.UNSAFE, "delete the line"),
                evidence={"learned-line": line.text.strip(), "documents": count,
                          "share": round(count / stats.documents, 4), "corpus-documents": stats.documents},
            )
