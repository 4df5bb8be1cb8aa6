"""AR09 boilerplate-line."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import ClassVar, Iterable

from corpusclean import _core
from corpusclean.core.analysis import encodable, format_of
from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.rule import Rule, RuleContext
from corpusclean.stats.lines import lines_in_markup, site_of
from corpusclean.text import boilerplate_model
from corpusclean.text.lines import deletion_span, iter_lines, line_at, wrapped_fragment


_WORD = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class BoilerplateLineOptions:
    safe_probability: float | None = None  # None: the model's own threshold (precision 0.98 on held-back sites)
    report_probability: float = 0.5  # lines from this probability are reported (unsafe below the safe one)


class BoilerplateLine(Rule):
    r"""A line of a naively scraped page that is not its text, found by a learned line model.

    Menus, link lists, widgets, sidebars, footers, captions, dates, related-story titles: scored by the
    line's shape, its neighbours and the corpus.

    What it does:
        Scores each line of plain text or a record (never Markdown, reST or HTML, even when selected;
        never code; never a line without a word, such as `* * *`) with
        gradient-boosted trees learned from 1,000 web pages with human-marked content
        (`tools/train_boilerplate.py`). The features: the line's own shape (words, final punctuation,
        capitals, stop words, digits, dates, links, images, list/table/heading marks, separators, web
        words such as `Login` or `Share`), its neighbours (runs of short lines, whether they end
        sentences, position, distance to the document's main prose block) and the corpus (how many
        documents share the line, the share of its site's documents that do: a site's template).
        A line scored at `report-probability` or more is reported; the evidence gives the probability
        and the features that pushed it most.

    Why it matters:
        Naive extraction (Common Crawl's WET text, `get_text`, html2text) keeps a page's menus and
        widgets: after it, most lines of a page are not its text. Phrase lists cannot see them
        (`* Sports`, `Pitchfork.tv on YouTube`); their shape and their company can.

    Example:
        Corpus: 4 x "[Valley Times](/)\n\n* [Home](/)\n* [World](/world/)\n* [Sport](/sport/)\n* [Weather](/weather/)\n\nThe council met on Tuesday to discuss the budget for the coming year, and agreed to raise taxes.\n\n[Privacy Policy](/privacy) | [Terms of Use](/terms)\n"
        Before: "[Valley Times](/)\n\n* [Home](/)\n* [World](/world/)\n* [Sport](/sport/)\n* [Weather](/weather/)\n\nFloods hit the valley on Monday after three days of heavy rain, and hundreds of homes were flooded.\n\nThe river rose two metres overnight, the agency said, and more rain is expected this week.\n\n[Privacy Policy](/privacy) | [Terms of Use](/terms)\n"
        After:  "Floods hit the valley on Monday after three days of heavy rain, and hundreds of homes were flooded.\n\nThe river rose two metres overnight, the agency said, and more rain is expected this week.\n"
        Unchanged: "CHAPTER I\n\nIt was a bright cold day in April, and the clocks were striking thirteen, as they always did.\n\nWinston Smith slipped quickly through the glass doors of Victory Mansions.\n"

    Fix safety:
        Safe from the probability at which the model reached precision 0.98 on training sites it had
        not seen (two folds by site; `safe-probability` overrides it), unsafe below: in the example,
        `* [Weather](/weather/)` scores 0.91 and goes with `--unsafe-fixes` only (alone, without the
        pages sharing its menu, the page's menu and footer score 0.78-0.99). Never on a line inside a
        hard-wrapped paragraph (`copyright\nprotection.`), and only in a document the model expects to
        be half boilerplate or more, two lines of which carry a sign of a web page (a link, an image,
        web words on a line of four words or fewer, the site's template): in edited prose, or after a
        good extractor, the few short lines are titles, headings and tables far more often than
        widgets.

    Options:
        safe-probability (the model's), report-probability (0.5).
    """

    code = "AR09"
    name = "boilerplate-line"
    needs = ("lines",)
    formats = ("plain",)
    scope = "once"  # the page as extracted: what is left after its deletions is not judged again
    Options: ClassVar[type] = BoilerplateLineOptions

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        if format_of(doc) != "plain":  # a page's marks are structure in documentation, even when selected
            return
        model = boilerplate_model.load()
        safe_from = model.safe if self.options.safe_probability is None else self.options.safe_probability
        text = doc.text
        blocked = lines_in_markup(doc)
        every = list(iter_lines(text))
        lines = [(n, line) for n, line in enumerate(every) if not line.is_blank and n not in blocked]
        if len(lines) < 2:
            return
        texts = [encodable(line.text) for _, line in lines]
        shared = corpus_features(ctx.stats.get("lines"), site_of(doc), texts)
        scores, signs, explained = model.score(texts, shared, self.options.report_probability)
        if not boilerplate_model.page_like(scores, signs):
            return
        for (n, line), p, reasons in zip(lines, scores, explained):
            # A line without a word (`* * *`, `|---|---|`) is neither text nor widget: left as it is.
            if p < self.options.report_probability or not _WORD.search(line.text) \
                    or wrapped_fragment(text, line, every, n):
                continue
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=Span(line.start, line.end),
                matched=line.text, message=f"boilerplate line {line.text.strip()!r} "
                                           f"(probability {p:.2f}: {', '.join(reasons)})",
                fix=Fix((Edit(Span(*deletion_span(text, line)), ""),),
                        Safety.SAFE if p >= safe_from else Safety.UNSAFE, "delete the line"),
                evidence={"probability": round(p, 4), "safe-from": round(safe_from, 4), "features": reasons},
            )

    def carry(self, doc: Document, finding: Finding, shift: int) -> list[Finding]:
        """The line judged on the page as read, where it stands now, deleted with the blank lines then
        around it."""
        line = line_at(doc.text, finding.span.start + shift)
        if line.text != finding.matched or line.start != finding.span.start + shift:
            return []
        fix = replace(finding.fix, edits=(Edit(Span(*deletion_span(doc.text, line)), ""),))
        return [replace(finding, span=Span(line.start, line.end), fix=fix)]


def corpus_features(stats, site: str | None, lines: list[str]) -> list[tuple[float, float]]:
    """The corpus part of each line's features: the log of the number of other documents holding the
    line, and the share of the site's other documents that do (0 for a site of fewer than three
    documents), as `tools/train_boilerplate.py` counts them."""
    if not stats:
        return [(0.0, 0.0)] * len(lines)
    documents = stats.sites.get(site, 0) if site else 0
    out = []
    for key in _core.line_keys(lines):
        if not key:
            out.append((0.0, 0.0))
            continue
        corpus = math.log1p(max(0, stats.exact(key, "any") - 1))
        in_site = (max(1, stats.in_site(site, key, "any")) - 1) / (documents - 1) if documents >= 3 else 0.0
        out.append((corpus, in_site))
    return out
