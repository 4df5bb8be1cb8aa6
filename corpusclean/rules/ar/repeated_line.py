"""AR05 repeated-line."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar, Iterable, NamedTuple

from corpusclean.core.analysis import encodable
from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext
from corpusclean.stats.lines import Learnable, learnable_lines, site_of
from corpusclean.text.lines import deletion_span, line_at, line_starts, wrapped_fragment


@dataclass(frozen=True)
class RepeatedLineOptions:
    min_documents: int = 5  # a line in at least this many documents ...
    min_share: float = 0.001  # ... and in at least this share of them is boilerplate
    safe_documents: int = 20  # from this many documents, its removal is safe
    site_min_documents: int = 3  # per site: a line in at least this many of the site's documents ...
    site_min_share: float = 0.5  # ... and in at least this share of them is the site's template
    site_safe_documents: int = 5  # per site: from this many documents, its removal is safe
    max_length: int = 200  # longer lines are prose, even when repeated (a quote, a duplicated story)
    max_document_share: float = 0.5  # a document made mostly of repeated text is a duplicate, not boilerplate
    zone: str = "edges"  # learn and delete lines in the documents' edge zones only, or "any"

    def __post_init__(self) -> None:
        if self.zone not in ("edges", "any"):
            from corpusclean.core.errors import UsageError

            raise UsageError(f"AR05 zone must be 'edges' or 'any', not {self.zone!r}")


class Repeat(NamedTuple):
    line: Learnable
    kind: str  # exact | site | digit-masked
    count: int  # documents (of the corpus, or of the site)
    safe: bool
    block: int  # site: documents where the line and a neighbour follow each other (0: none)


class RepeatedLine(Rule):
    r"""A line that many documents of the corpus, or of one site, share: learned boilerplate.

    Menus, footers, wire signatures: what repeats across documents, or across one site's pages.

    What it does:
        Pass 1 counts every line (case and spacing aside; in plain text, the marks an extractor leaves,
        `* ` or `| ... |`, aside) in how many documents it occurs, corpus-wide and per site (a record's
        `url`, `host` or `domain` field, `--site-field`; a file's folder). A line is boilerplate when:
        - corpus-wide, it is in `min-documents` documents and `min-share` of the corpus, and has three
          words and twelve characters or more (`Thank you.` is language);
        - or, within its site, it is in `site-min-documents` of the site's documents and
          `site-min-share` of them, however short (`Home`, `Reuter`): the site's template;
        - or, corpus-wide, only with its digits masked (`Posted 3 May 2012` and `Posted 9 June 2011`):
          weaker evidence, unsafe (a date line of an article is text) unless the stray-label-line pack
          (AR01) also calls the line a page stamp, wherever it stands.
        Each occurrence is deleted with the blank lines it leaves; `summary.json` lists each learned line
        once with its document count. Only lines in the documents' edge zones (first and last six
        non-blank lines) are learned and deleted, unless `zone = "any"`; lines inside code or markup
        never are, nor, in Markdown, reST or HTML, markup lines. Runs on plain text and records by
        default (select it to run it on Markdown, reST or HTML).

    Why it matters:
        Boilerplate repeated across thousands of documents is the largest source of duplicated text in a
        scraped corpus; a model memorises it and learns nothing from it.

    Example:
        Corpus: 6 x "Storm news.\n\nSign up for the Weekly Planet newsletter today.\n"
        Before: "Floods hit the valley.\n\nSign up for the Weekly Planet newsletter today.\n"
        After:  "Floods hit the valley.\n"
        Corpus: 6 x "Storm news.\n\n* Sign up for the Weekly Planet newsletter today\n"
        Before: "Floods hit the valley.\n\n| Sign up for the Weekly Planet newsletter today |\n"
        After:  "Floods hit the valley.\n"
        Corpus: 6 x "Storm news.\n\nSign up for the Weekly Planet newsletter today.\n"
        Unchanged: "Floods hit the valley.\n\nNo newsletter here.\n"

    Fix safety:
        Corpus-wide: safe when the line is in `safe-documents` (20) documents or more; unsafe below
        that (5-19 documents can still be a quote several stories repeat). Per site: safe from
        `site-safe-documents` (5) of the site's documents, when the line has three words and twelve
        characters or more, or follows or precedes another template line as often (a block: a menu), or
        is the first or last line of the zone (a signature); unsafe otherwise. When both hold, the
        safer evidence decides. Digit-masked matches are unsafe, but for
        page stamps in `safe-documents` documents (`Last updated 3 May 2012, 14:02`). Lines
        longer than `max-length` (200) characters are never learned, and a document more than half of
        whose text is repeated is a duplicate of another document, not boilerplate: its findings are
        unsafe.

    Options:
        min-documents (5), min-share (0.001), safe-documents (20), site-min-documents (3),
        site-min-share (0.5), site-safe-documents (5), max-length (200), max-document-share (0.5),
        zone ("edges" or "any").
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
        repeats, filled = repeated_lines(doc, stats, self.options)
        if not repeats:
            return
        text, starts = doc.text, line_starts(doc.text)
        lines = [line_at(text, starts[r.line.index]) for r in repeats]
        kept = [(r, line) for r, line in zip(repeats, lines) if not wrapped_fragment(text, line)]
        if not kept:
            return
        repeats, lines = map(list, zip(*kept))
        # A duplicated story: most of its lines repeat across the corpus, or most of its text within its
        # site (a site's menu is many short lines, a story few long ones).
        share = self.options.max_document_share
        duplicate = sum(r.kind != "site" for r in repeats) > share * filled or \
            sum(len(line.text) for r, line in zip(repeats, lines) if r.kind == "site") > share * len(text.strip())
        site = site_of(doc)
        for repeat, line in zip(repeats, lines):
            yield self._finding(doc, stats, repeat, line, site, duplicate)

    def _finding(self, doc, stats, repeat: Repeat, line, site, duplicate: bool) -> Finding:
        text = doc.text
        if repeat.kind == "digit-masked" and repeat.count >= self.options.safe_documents and is_stamp(line.text):
            repeat = repeat._replace(kind="stamp", safe=True)
        where = f"{repeat.count} of the {stats.sites[site]} documents of {site}" if repeat.kind == "site" \
            else f"{repeat.count} documents"
        reason = {"exact": f"in {where}", "site": f"in {where}" + (
            f", in a block repeated in {repeat.block}" if repeat.block else ""),
            "digit-masked": f"in {where} with other digits",
            "stamp": f"in {where} with other digits, a page stamp by the stray-label-line pack"}[repeat.kind]
        if duplicate:
            reason = "most of this document repeats other documents"
        evidence = {"learned-line": line.text.strip(), "evidence": repeat.kind, "documents": repeat.count,
                    "share": round(repeat.count / (stats.sites[site] if repeat.kind == "site" else stats.documents), 4),
                    "corpus-documents": stats.documents}
        if repeat.kind == "site":
            evidence.update({"site": site, "site-documents": stats.sites[site], "block": repeat.block})
        return Finding(
            code=self.code, name=self.name, doc_id=doc.id, span=Span(line.start, line.end),
            matched=line.text, message=f"boilerplate line {line.text.strip()!r} ({reason})",
            fix=Fix((Edit(Span(*deletion_span(text, line)), ""),),
                    Safety.SAFE if repeat.safe and not duplicate else Safety.UNSAFE, "delete the line"),
            evidence=evidence,
        )


@lru_cache(maxsize=1)
def _stamps():
    """The stray-label-line pack's patterns (`Updated`, `Published: 14:11 EST, 25 October 2013`)."""
    from corpusclean.packs.loader import builtin_pack_dir, parse_pack
    from corpusclean.packs.types.line_pattern import LinePatternRule

    return LinePatternRule(parse_pack(builtin_pack_dir() / "artifacts" / "stray-label-line.toml"), {})


def is_stamp(line: str) -> bool:
    """Whether the stray-label-line pack calls the line a page stamp, wherever it is in the document."""
    rule = _stamps()
    text = encodable(line)
    return bool(rule.patterns.find(text, 0, len(text), rule.max_length))


def repeated_lines(doc: Document, stats, options: RepeatedLineOptions) -> tuple[list[Repeat], int]:
    """The document's lines that the corpus or its site repeats, as ``options`` judge them, and the
    number of its non-blank lines."""
    zone = options.zone
    needed = max(options.min_documents, options.min_share * stats.documents)
    site = site_of(doc)
    site_documents = stats.sites.get(site, 0) if site else 0
    site_needed = max(options.site_min_documents, options.site_min_share * site_documents)
    by_site = site_documents >= site_needed
    if not by_site and stats.most[zone] < needed:  # nothing learned: no line needs a look
        return [], 0
    learnable, filled = learnable_lines(doc, edges_only=zone != "any")
    found = []
    zoned = [line for line in learnable if zone == "any" or line.at_edge]
    first, last = (zoned[0].index, zoned[-1].index) if zoned else (-1, -1)
    for n, line in enumerate(zoned):
        if line.chars > options.max_length or not line.key:
            continue
        evidence = []  # every kind that holds; the safest is kept (more evidence never makes a line less safe)
        if line.fingerprint and (count := stats.exact(line.key, zone)) >= needed:
            evidence.append(Repeat(line, "exact", count, count >= options.safe_documents, 0))
        if by_site and (count := stats.in_site(site, line.key, zone)) >= site_needed:
            neighbours = [(zoned[n - 1].key, line.key)] if n else []
            neighbours += [(line.key, zoned[n + 1].key)] if n + 1 < len(zoned) else []
            block = max((stats.block_in_site(site, a, b, zone) for a, b in neighbours if a and b), default=0)
            block = block if block >= site_needed else 0
            safe = count >= options.site_safe_documents and \
                (line.fingerprint is not None or block > 0 or line.index in (first, last))
            evidence.append(Repeat(line, "site", count, safe, block))
        if not evidence and line.fingerprint and (count := stats.count(line.fingerprint, zone)) >= needed:
            evidence.append(Repeat(line, "digit-masked", count, False, 0))
        if evidence:
            found.append(max(evidence, key=lambda r: r.safe))  # the first of the safest
    return found, filled
