"""Line statistics: in how many documents, and in how many of a site's documents, each line occurs
(learned boilerplate, AR05; a feature of AR09).

Each line gets two keys from the core (`native/src/fingerprints.rs`), both 8-byte BLAKE2b hashes:
- its **exact key**: lowercase, whitespace collapsed. Corpus-wide, AR05 learns from it;
- its **fingerprint**: the same with digits as `0` (`© 2019` and `© 2020` are one footer; so are all
  dates of one shape, so a masked match is weaker evidence). Short lines (fewer than three words or
  twelve characters) have no fingerprint.
Per site (`corpusclean.text.sites`), every line counts by its exact key, one- and two-word lines too
(`Home`, `Reuter`), and so does each pair of consecutive lines: the links of a repeated block.
Each document counts a line once. The frozen statistics keep only what two documents or more share.

In plain text (scraped pages) the marks an extractor leaves are not words: `* Contact Us` counts as
`Contact Us`. In Markdown, reST and HTML, markup lines (headings, list items, table rows, fences,
directives, comments) are structure, not boilerplate, and never count; nor do lines inside code or
markup regions. Besides the count over whole documents, each count within the documents' edge zones
(their first and last six non-blank lines) is kept: boilerplate sits at the edges, and AR05 learns
from there unless told otherwise.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple

from corpusclean import _core
from corpusclean.core.analysis import TOKEN_KINDS, analyze, encodable, format_of
from corpusclean.core.document import Document
from corpusclean.text.lines import LineIndex

class Learnable(NamedTuple):
    index: int  # among all the document's lines, as :func:`~corpusclean.text.lines.iter_lines` counts them
    chars: int  # the line's length
    at_edge: bool  # in the first or last six non-blank lines (`fingerprints.rs`: EDGE_LINES)
    fingerprint: str | None  # digits masked; None: fewer than three words or twelve characters
    key: str | None  # the exact text (case and spacing aside); None: no letter or digit


def learnable_lines(doc: Document, edges_only: bool = False) -> tuple[list[Learnable], int]:
    """The document's lines that may be boilerplate (neither blank, nor an underlined title, nor inside
    code or markup, nor a markup line unless the document is plain text, where a markup line counts by
    its bare text; only those in the edge zones when ``edges_only``), each with its fingerprint and
    exact key, and the number of its non-blank lines. Split, sorted out and hashed by the core: pass 1
    sees every line of the corpus."""
    plain = format_of(doc) == "plain"
    found, filled = _core.learnable_lines(encodable(doc.text), list(lines_in_markup(doc)), edges_only, plain)
    return list(map(Learnable._make, found)), filled


def fingerprint(line: str) -> str | None:
    """The line's fingerprint, or None for a line too short to judge."""
    return _core.fingerprint(encodable(line))


def lines_in_markup(doc: Document) -> set[int]:
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


def site_of(doc: Document) -> str | None:
    return doc.metadata.get("site")


def block_keys(learnable: list[Learnable]) -> list[tuple[str, str]]:
    """Pairs of consecutive learnable lines (blank lines between them aside) as (first key, second key):
    the links of a block such as a site's menu."""
    return [(a.key, b.key) for a, b in zip(learnable, learnable[1:]) if a.key and b.key]


# The counters of a collector state: (name, what is counted once per document).
COUNTERS = ("docs", "edge", "exact", "exact_edge", "sites", "site", "site_edge", "block", "block_edge")


class LineCollector:
    name = "lines"

    def empty(self) -> dict[str, Any]:
        return {"documents": 0, **{key: Counter() for key in COUNTERS}}

    def observe(self, state: dict[str, Any], doc: Document) -> dict[str, Any]:
        learnable = learnable_lines(doc)[0]
        edge_lines = [line for line in learnable if line.at_edge]
        state["docs"].update({line.fingerprint for line in learnable if line.fingerprint})
        state["edge"].update({line.fingerprint for line in edge_lines if line.fingerprint})
        state["exact"].update({line.key for line in learnable if line.key})
        state["exact_edge"].update({line.key for line in edge_lines if line.key})
        if site := site_of(doc):
            state["sites"][site] += 1
            state["site"].update({f"{site}\t{line.key}" for line in learnable if line.key})
            state["site_edge"].update({f"{site}\t{line.key}" for line in edge_lines if line.key})
            state["block"].update({f"{site}\t{a}\t{b}" for a, b in block_keys(learnable)})
            state["block_edge"].update({f"{site}\t{a}\t{b}" for a, b in block_keys(edge_lines)})
        state["documents"] += 1
        return state

    def merge(self, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
        out = {"documents": a["documents"] + b["documents"]}
        for key in COUNTERS:
            out[key] = Counter(a[key])
            out[key].update(b[key])
        return out

    def absorb(self, into: dict[str, Any], part: dict[str, Any]) -> None:
        """``merge``, in place: a run folds thousands of per-batch states into one."""
        into["documents"] += part["documents"]
        for key in COUNTERS:
            into[key].update(part[key])

    def finalize(self, state: dict[str, Any]) -> "LineStats":
        kept = {key: {k: n for k, n in state[key].items() if n >= 2} for key in COUNTERS if key != "sites"}
        return LineStats(state["documents"], kept, dict(state["sites"]))


class LineStats:
    """Frozen line statistics as rules read them: each count is of documents, and 0 stands for one."""

    def __init__(self, documents: int, counts: dict[str, dict[str, int]], sites: dict[str, int]) -> None:
        self.documents = documents
        self._counts = counts
        self.sites = sites
        self.most = {"any": max(counts["docs"].values(), default=0), "edges": max(counts["edge"].values(), default=0)}

    def _get(self, name: str, zone: str, key: str) -> int:
        return self._counts[name if zone == "any" else f"{name}_edge" if name != "docs" else "edge"].get(key, 0)

    def count(self, fp: str, zone: str = "edges") -> int:
        """In how many documents the line with the digit-masked fingerprint ``fp`` occurs (``edges``:
        within their edge zones; ``any``: anywhere)."""
        return self._get("docs", zone, fp)

    def exact(self, key: str, zone: str = "edges") -> int:
        """In how many documents the line with exact key ``key`` occurs."""
        return self._get("exact", zone, key)

    def in_site(self, site: str, key: str, zone: str = "edges") -> int:
        """In how many of ``site``'s documents the line occurs."""
        return self._get("site", zone, f"{site}\t{key}")

    def block_in_site(self, site: str, first: str, second: str, zone: str = "edges") -> int:
        """In how many of ``site``'s documents the two lines follow each other."""
        return self._get("block", zone, f"{site}\t{first}\t{second}")
