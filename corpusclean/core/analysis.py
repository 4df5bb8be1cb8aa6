"""A document's analysis (DESIGN §3): its format, the regions that are not prose, and the language of its
prose, computed once by the native core and shared by every rule and by the central filter.

Regions are half-open code-point offsets into the text, sorted and never overlapping. Whatever no region
covers is prose (paragraphs, headings, table cells, link text).
"""
from __future__ import annotations

import bisect
from collections import OrderedDict
from dataclasses import dataclass
from typing import Iterator

from corpusclean.core.document import Document

FORMATS = ("plain", "markdown", "rst", "html")
# By file extension; anything else (and every corpus record unless told) is plain text.
EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".mdx": "markdown", ".rst": "rst", ".rest": "rst",
              ".html": "html", ".htm": "html", ".xhtml": "html"}
# Regions that hold code, markup or structure: a change may not even touch them. URLs and code-like
# tokens are words of their own: a change may not alter part of one, but may remove a whole line that
# holds one (a `Read more at https://...` line).
TOKEN_KINDS = frozenset({"url", "token"})
CODE_KINDS = frozenset({"code", "inline-code"})  # where the corpus's code vocabulary is read
UNDETERMINED = "und"


@dataclass(frozen=True, slots=True)
class Region:
    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Language:
    """A language guess: ISO 639-3 ``code`` (``eng``, ``spa``; ``und`` when undetermined), the Unicode
    ``script``, whatlang's confidence, whether the guess is ``reliable`` (enough letters, a clear lead),
    and whether a paragraph too short to judge ``inherited`` it from its document."""

    code: str
    script: str
    confidence: float
    reliable: bool
    inherited: bool = False

    def may_be(self, code: str) -> bool:
        """True when the prose is in language ``code`` (a Latin-script one), or too little evidence says
        otherwise: a short text judged unreliably keeps its rules. A reliable guess of another language,
        or another script, stops them."""
        if self.code == code:
            return True
        return not self.reliable and self.script in ("Latin", UNDETERMINED)


@dataclass(frozen=True, slots=True)
class Block:
    start: int
    end: int
    language: Language


@dataclass(frozen=True)
class Analysis:
    """``regions``: every non-prose region; ``blocks``: the paragraphs whose language differs from the
    document's ``language`` (every other paragraph is in the document's language)."""

    format: str
    regions: tuple[Region, ...]
    blocks: tuple[Block, ...]
    language: Language

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [r.start for r in self.regions])
        object.__setattr__(self, "_block_starts", [b.start for b in self.blocks])

    def region_touched(self, start: int, end: int, tokens: bool = True) -> Region | None:
        """The non-prose region that a change of ``text[start:end]`` would damage, if any. An empty span
        (an insertion) damages a region it falls strictly inside. ``tokens=False`` lets URLs and code-like
        tokens be: a byte-level repair (mojibake, an invisible character) is right inside them too."""
        at = bisect.bisect_right(self._starts, end) - 1
        while at >= 0:
            region = self.regions[at]
            if region.end <= start and not (start == end == region.end):
                break
            if (tokens or region.kind not in TOKEN_KINDS) and _damages(region, start, end):
                return region
            at -= 1
        return None

    def in_code(self, position: int) -> bool:
        """True when ``position`` lies in a code block or inline code."""
        region = self.region_touched(position, position + 1)
        return region is not None and region.kind in CODE_KINDS

    def language_at(self, position: int) -> Language:
        """The language of the paragraph holding ``position`` (the document's, between paragraphs)."""
        at = bisect.bisect_right(self._block_starts, position) - 1
        if at >= 0 and position < self.blocks[at].end:
            return self.blocks[at].language
        return self.language

    def prose_pieces(self, text: str) -> list[str]:
        """The runs of prose between non-prose regions, in order (one piece for a text without regions)."""
        if not self.regions:
            return [text]
        pieces, last = [], 0
        for region in self.regions:
            pieces.append(text[last:region.start])
            last = region.end
        pieces.append(text[last:])
        return pieces

    def code_text(self, text: str) -> Iterator[str]:
        """The contents of code blocks and inline code: the corpus's own vocabulary."""
        return (text[r.start:r.end] for r in self.regions if r.kind in CODE_KINDS)


def _damages(region: Region, start: int, end: int) -> bool:
    if start == end:
        return region.start < start < region.end
    if start >= region.end or end <= region.start:
        return False
    if region.kind in TOKEN_KINDS:  # a whole URL or identifier may go with its line, never a part of it
        return not (start <= region.start and region.end <= end)
    return True


def format_of(doc: Document) -> str:
    """The document's format: as its reader was told, else by the extension of its id."""
    if doc.format:
        return doc.format
    name = doc.id.lower()
    dot = name.rfind(".")
    return EXTENSIONS.get(name[dot:], "plain") if dot >= 0 else "plain"


def analyze(doc: Document) -> Analysis:
    return analyze_text(doc.text, format_of(doc))


CACHE_CHARS = 32_000_000
_cache: OrderedDict[tuple[str, str], Analysis] = OrderedDict()
_cached_chars = 0


def analyze_text(text: str, format: str = "plain") -> Analysis:
    """The analysis of ``text`` read as ``format``. Cached for the last CACHE_CHARS characters analysed:
    every stage asks for the same document's, and a corpus of that size (or a few large documents) is
    then analysed once for both passes instead of twice."""
    global _cached_chars
    key = (text, format)
    if (found := _cache.get(key)) is not None:
        _cache.move_to_end(key)
        return found
    analysis = _cache[key] = analyze_batch([text], [format])[0]
    _cached_chars += len(text)
    while _cached_chars > CACHE_CHARS and len(_cache) > 1:
        (old, _), _ = _cache.popitem(last=False)
        _cached_chars -= len(old)
    return analysis


def analyze_batch(texts: list[str], formats: list[str]) -> list[Analysis]:
    from corpusclean import _core

    return [_analysis(*raw) for raw in _core.analyze_batch(list(map(encodable, texts)), formats)]


def encodable(text: str) -> str:
    """``text`` with lone surrogates (a Python string from the API may hold them; no file can) as `?`:
    one code point for one, so every offset the core returns still fits the original. Asked for the same
    text by every pattern pack and table: ASCII, the common case, is told without a copy."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


def _analysis(format: str, regions, blocks, language) -> Analysis:
    return Analysis(format, tuple(Region(*r) for r in regions),
                    tuple(Block(start, end, Language(*lang)) for start, end, lang in blocks), Language(*language))


_LATIN_CACHE: dict[str, bool] = {}


def is_latin_script(word: str) -> bool:
    """True when every letter of ``word`` is a Latin letter (``Zürich`` is, ``Москва`` is not)."""
    known = _LATIN_CACHE.get(word)
    if known is None:
        import unicodedata

        known = all(not ch.isalpha() or ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")
                    for ch in word)
        if len(_LATIN_CACHE) < 100_000:
            _LATIN_CACHE[word] = known
    return known

