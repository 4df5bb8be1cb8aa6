"""Line fingerprints: in how many documents each normalised line occurs (learned boilerplate, AR05).

A line is normalised (whitespace collapsed, lowercase, digits as `0`: `© 2019` and `© 2020` are one
footer) and hashed to 8 bytes; short lines (fewer than MIN_WORDS words or MIN_CHARS characters) are not
fingerprinted: `Yes.` and `Thank you.` repeat across any corpus and are language, not boilerplate.
Each document counts a line once. The frozen statistics keep only lines seen in two documents or more.

Markup lines (headings, list items, table rows, fences, directives, comments) and lines inside code or
markup regions are never fingerprinted: a repeated `## Installation` or `/// note` is structure, not
boilerplate. Besides the count over whole documents, each line's count within the documents' edge zones
(their first and last EDGE_LINES non-blank lines) is kept: boilerplate sits at the edges, and AR05 learns
from there unless told otherwise.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from itertools import compress, count
from typing import Any

from corpusclean.core.analysis import TOKEN_KINDS, analyze
from corpusclean.core.document import Document
from corpusclean.text.lines import LineIndex

MIN_WORDS, MIN_CHARS = 3, 12
EDGE_LINES = 6
_DIGITS = re.compile(r"\d+")
MARKUP_LINE = re.compile(r"""^[ \t]*(?:
    \#{1,6}(?:[ \t]|$) | [-*+][ \t] | \d{1,3}[.)][ \t] | \| | > | <!-- | </?[A-Za-z] | \.\.(?:[ \t]|$)
  | ``` | ~~~ | !!! | \?\?\? | /// | ===[ \t] | :[\w-]+: | \{[{%\#*] | --8<--)""", re.VERBOSE)


_BREAK = re.compile(r"\r\n|\n|\r")
UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+|~+|\^+|\*+|#+)[ \t]*$")


def learnable_lines(doc: Document, edges_only: bool = False) -> tuple[list[tuple[int, str, bool]], int]:
    """The document's lines that may be boilerplate, as (index among all its lines, as
    :func:`~corpusclean.text.lines.iter_lines` counts them; text; whether it lies in an edge zone):
    neither blank, nor a markup line, nor inside code or markup; only those in the edge zones when
    ``edges_only``. Also the number of non-blank lines. Split and sorted out in C: pass 1 sees every line."""
    lines = _BREAK.split(doc.text)
    filled = list(compress(count(), map(str.strip, lines)))  # `strip` leaves nothing of a blank line
    edges = set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])
    blocked = _lines_in_markup(doc)

    def heading(index: int) -> bool:  # a title underlined with `===` or `---` (Markdown setext, reST)
        return bool((index and UNDERLINE.match(lines[index]))
                    or (index + 1 < len(lines) and UNDERLINE.match(lines[index + 1])))

    return [(index, lines[index], index in edges) for index in (sorted(edges) if edges_only else filled)
            if index not in blocked and not MARKUP_LINE.match(lines[index]) and not heading(index)], len(filled)


def _lines_in_markup(doc: Document) -> set[int]:
    """Indexes of the lines a code or markup region touches (URLs and code-like words do not count: a
    line holding a link can still be boilerplate)."""
    regions = [r for r in analyze(doc).regions if r.kind not in TOKEN_KINDS]
    if not regions:
        return set()
    index = LineIndex(doc.text)
    blocked: set[int] = set()
    for region in regions:
        first, _ = index.position(region.start)
        last, _ = index.position(max(region.start, region.end - 1))
        blocked.update(range(first - 1, last))
    return blocked


def fingerprint(line: str) -> str | None:
    """The line's fingerprint, or None for a line too short to judge."""
    words = line.lower().split()
    if len(words) < MIN_WORDS:
        return None
    text = _DIGITS.sub("0", " ".join(words))
    if len(text) < MIN_CHARS:
        return None
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


class LineCollector:
    name = "lines"

    def empty(self) -> dict[str, Any]:
        return {"documents": 0, "docs": Counter(), "edge": Counter()}

    def observe(self, state: dict[str, Any], doc: Document) -> dict[str, Any]:
        everywhere, edges = set(), set()
        for _, line, at_edge in learnable_lines(doc)[0]:
            if fp := fingerprint(line):
                everywhere.add(fp)
                if at_edge:
                    edges.add(fp)
        state["docs"].update(everywhere)
        state["edge"].update(edges)
        state["documents"] += 1
        return state

    def merge(self, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
        out = {"documents": a["documents"] + b["documents"]}
        for key in ("docs", "edge"):
            out[key] = Counter(a[key])
            out[key].update(b[key])
        return out

    def absorb(self, into: dict[str, Any], part: dict[str, Any]) -> None:
        """``merge``, in place: a run folds thousands of per-batch states into one."""
        into["documents"] += part["documents"]
        for key in ("docs", "edge"):
            into[key].update(part[key])

    def finalize(self, state: dict[str, Any]) -> "LineStats":
        return LineStats(state["documents"], {fp: n for fp, n in state["docs"].items() if n >= 2},
                         {fp: n for fp, n in state["edge"].items() if n >= 2})


class LineStats:
    """Frozen line statistics as rules read them."""

    def __init__(self, documents: int, docs: dict[str, int], edge: dict[str, int]) -> None:
        self.documents = documents
        self._counts = {"any": docs, "edges": edge}
        self.most = {zone: max(counts.values(), default=0) for zone, counts in self._counts.items()}

    def count(self, fp: str, zone: str = "edges") -> int:
        """In how many documents the line with fingerprint ``fp`` occurs (``edges``: within their edge
        zones; ``any``: anywhere); 0 when seen once."""
        return self._counts[zone].get(fp, 0)
