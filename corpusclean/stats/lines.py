"""Line fingerprints: in how many documents each normalised line occurs (learned boilerplate, AR05).

A line is normalised (whitespace collapsed, lowercase, digits as `0`: `© 2019` and `© 2020` are one
footer) and hashed to 8 bytes (BLAKE2b, by the core: `native/src/fingerprints.rs`); short lines (fewer
than three words or twelve characters) are not fingerprinted: `Yes.` and `Thank you.` repeat across any
corpus and are language, not boilerplate.
Each document counts a line once. The frozen statistics keep only lines seen in two documents or more.

Markup lines (headings, list items, table rows, fences, directives, comments) and lines inside code or
markup regions are never fingerprinted: a repeated `## Installation` or `/// note` is structure, not
boilerplate. Besides the count over whole documents, each line's count within the documents' edge zones
(their first and last six non-blank lines) is kept: boilerplate sits at the edges, and AR05 learns
from there unless told otherwise.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple

from corpusclean import _core
from corpusclean.core.analysis import TOKEN_KINDS, analyze, encodable
from corpusclean.core.document import Document
from corpusclean.text.lines import LineIndex

class Learnable(NamedTuple):
    index: int  # among all the document's lines, as :func:`~corpusclean.text.lines.iter_lines` counts them
    chars: int  # the line's length
    at_edge: bool  # in the first or last six non-blank lines (`fingerprints.rs`: EDGE_LINES)
    fingerprint: str | None  # None: fewer than three words or twelve characters


def learnable_lines(doc: Document, edges_only: bool = False) -> tuple[list[Learnable], int]:
    """The document's lines that may be boilerplate (neither blank, nor a markup line, nor an underlined
    title, nor inside code or markup; only those in the edge zones when ``edges_only``), each with its
    fingerprint, and the number of its non-blank lines. Split, sorted out and hashed by the core: pass 1
    sees every line of the corpus."""
    found, filled = _core.learnable_lines(encodable(doc.text), list(_lines_in_markup(doc)), edges_only)
    return list(map(Learnable._make, found)), filled


def fingerprint(line: str) -> str | None:
    """The line's fingerprint, or None for a line too short to judge."""
    return _core.fingerprint(encodable(line))


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


class LineCollector:
    name = "lines"

    def empty(self) -> dict[str, Any]:
        return {"documents": 0, "docs": Counter(), "edge": Counter()}

    def observe(self, state: dict[str, Any], doc: Document) -> dict[str, Any]:
        learnable = [line for line in learnable_lines(doc)[0] if line.fingerprint]
        everywhere = {line.fingerprint for line in learnable}
        edges = {line.fingerprint for line in learnable if line.at_edge}
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
