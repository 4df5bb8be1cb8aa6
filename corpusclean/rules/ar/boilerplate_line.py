"""AR09 boilerplate-line."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar, Iterable

from corpusclean.core.analysis import encodable
from corpusclean.core.document import Document
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean import _core
from corpusclean.core.rule import Rule, RuleContext
from corpusclean.stats.lines import lines_in_markup, site_of
from corpusclean.text import boilerplate_model
from corpusclean.text.lines import deletion_span, iter_lines, wrapped_fragment


@dataclass(frozen=True)
class BoilerplateLineOptions:
    safe_probability: float | None = None  # None: the model's own threshold (precision 0.98 on held-back sites)
    report_probability: float = 0.5  # lines from this probability are reported (unsafe below the safe one)


class BoilerplateLine(Rule):
    r"""A line of a naively scraped page that is not its text, found by a learned line model.

    Menus, link lists, widgets, sidebars, footers, captions, dates, related-story titles: scored by the
    line's shape, its neighbours and the corpus.

    What it does:
        Scores each line of plain text or a record (never Markdown, reST or HTML, never code) with
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
        Before: "[Valley Times](/)\n\n* [Home](/)\n* [World](/world/)\n* [Sport](/sport/)\n* [Weather](/weather/)\n\nFloods hit the valley on Monday after three days of heavy rain, and hundreds of homes were flooded.\n\nThe river rose two metres overnight, the agency said, and more rain is expected this week.\n\n[Privacy Policy](/privacy) | [Terms of Use](/terms)\n"
        After:  "Floods hit the valley on Monday after three days of heavy rain, and hundreds of homes were flooded.\n\nThe river rose two metres overnight, the agency said, and more rain is expected this week.\n"
        Unchanged: "CHAPTER I\n\nIt was a bright cold day in April, and the clocks were striking thirteen, as they always did.\n\nWinston Smith slipped quickly through the glass doors of Victory Mansions.\n"

    Fix safety:
        Safe from the probability at which the model reached precision 0.98 on training sites it had
        not seen (two folds by site; `safe-probability` overrides it), unsafe below: in the example,
        `[World]` and `[Weather]` score 0.92 and 0.88 and go with `--unsafe-fixes` only. Never on a line
        inside a hard-wrapped paragraph (`copyright\nprotection.`), and only in a document the model
        expects to be half boilerplate or more, two lines of which carry a sign of a web page (a link,
        marks, web words, the site's template): in edited prose, or after a good extractor, the few
        short lines are titles, headings and tables far more often than widgets.

    Options:
        safe-probability (the model's), report-probability (0.5).
    """

    code = "AR09"
    name = "boilerplate-line"
    needs = ("lines",)
    formats = ("plain",)
    scope = "document"
    Options: ClassVar[type] = BoilerplateLineOptions

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        model = boilerplate_model.load()
        safe_from = self.options.safe_probability or model.safe
        text = doc.text
        blocked = lines_in_markup(doc)
        lines = [(n, line) for n, line in enumerate(iter_lines(text)) if not line.is_blank and n not in blocked]
        if len(lines) < 2:
            return
        texts = [encodable(line.text) for _, line in lines]
        rows, scores = model.score(texts, corpus_features(ctx.stats.get("lines"), site_of(doc), texts))
        if not boilerplate_model.page_like(rows, scores):
            return
        for (_, line), row, p in zip(lines, rows, scores):
            if p < self.options.report_probability or wrapped_fragment(text, line):
                continue
            reasons = model.reasons(row)
            yield Finding(
                code=self.code, name=self.name, doc_id=doc.id, span=Span(line.start, line.end),
                matched=line.text, message=f"boilerplate line {line.text.strip()!r} "
                                           f"(probability {p:.2f}: {', '.join(reasons)})",
                fix=Fix((Edit(Span(*deletion_span(text, line)), ""),),
                        Safety.SAFE if p >= safe_from else Safety.UNSAFE, "delete the line"),
                evidence={"probability": round(p, 4), "safe-from": round(safe_from, 4), "features": reasons},
            )


def corpus_features(stats, site: str | None, lines: list[str]) -> list[tuple[float, float]]:
    """The corpus part of each line's features: the log of the number of other documents holding the
    line, and the share of the site's other documents that do (0 for a site of fewer than three
    documents), as `tools/train_boilerplate.py` counts them."""
    if not stats:
        return [(0.0, 0.0)] * len(lines)
    documents = stats.sites.get(site, 0) if site else 0
    out = []
    for line in lines:
        key = _core.exact_key(_core.bare(line))
        if not key:
            out.append((0.0, 0.0))
            continue
        corpus = math.log1p(max(0, stats.exact(key, "any") - 1))
        in_site = (max(1, stats.in_site(site, key, "any")) - 1) / (documents - 1) if documents >= 3 else 0.0
        out.append((corpus, in_site))
    return out
