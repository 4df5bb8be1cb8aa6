"""Web pages with human-marked main content, extracted as corpus builders extract them, each line labelled.

Dragnet (1,381 pages) and CleanEval's development set (58) hold HTML pages and the text a person marked as
the page's content. Each page is extracted three ways: two naive ones (html2text, without wrapping; and
BeautifulSoup's `get_text` after dropping scripts and styles, as Common Crawl's WET text is) and a good
one (trafilatura, default settings). Each extracted line is labelled article text or boilerplate by
:func:`label_lines`. `tools/train_boilerplate.py` learns AR09 from the training sites; `make eval`
(section 15) measures on the held-out ones.

The split is by site (the page's canonical or `og:url` host, else its most linked host), so no site's
template is both learned and measured: :func:`held_out`. Extraction takes minutes, so the labelled lines
are cached under ``$XDG_CACHE_HOME/corpusclean-eval`` (keyed by the data's size and the extractors'
versions); delete the folder to extract again.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import tarfile
from collections import Counter
from pathlib import Path
from typing import Iterator, NamedTuple

EXTRACTORS = ("html2text", "get_text", "trafilatura")
NAIVE = ("html2text", "get_text")
HELD_OUT_SHARE = 0.3  # of Dragnet's sites


class Page(NamedTuple):
    source: str  # dragnet | cleaneval
    page: str
    site: str
    extractor: str
    lines: list[tuple[str, bool]]  # (line, is article text)


def held_out(page: Page) -> bool:
    """Dragnet sites kept out of training (a fixed 30% by a hash of the host); CleanEval is all training."""
    if page.source != "dragnet":
        return False
    digest = hashlib.blake2b(page.site.encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") / 2**32 < HELD_OUT_SHARE


def labelled_pages(eval_dir: Path) -> list[Page]:
    """Every page of both sets, extracted by each extractor, lines labelled (from the cache when present)."""
    import html2text
    import trafilatura

    archives = [eval_dir / "boilerplate/dragnet/dragnet_data.tar.gz",
                eval_dir / "boilerplate/cleaneval_dev/cleaneval-dev.tar.gz"]
    key = hashlib.blake2b(json.dumps([[a.stat().st_size for a in archives], trafilatura.__version__,
                                      html2text.__version__, _VERSION]).encode(), digest_size=8).hexdigest()
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "corpusclean-eval"
    path = cache / f"boilerplate-{key}.jsonl.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return [Page(*row[:4], [tuple(x) for x in row[4]]) for row in map(json.loads, f)]
    pages = [page for archive in archives for page in _extract_all(archive)]
    cache.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    with gzip.open(partial, "wt", encoding="utf-8") as f:
        for page in pages:
            f.write(json.dumps(list(page)) + "\n")
    partial.replace(path)
    return pages


_VERSION = 3  # of the extraction and labelling below: a change re-extracts
_LINE_BREAK = re.compile(r"\r\n|\n|\r")  # as a run splits lines (`corpusclean.text.lines`), not `str.splitlines`


def _extract_all(archive: Path) -> Iterator[Page]:
    source = "dragnet" if "dragnet" in archive.name else "cleaneval"
    html, gold = {}, {}
    with tarfile.open(archive) as tar:
        for member in tar:
            parts = member.name.split("/")
            if not member.isfile() or len(parts) < 3 or parts[-1].startswith("."):
                continue
            stem = parts[-1].rsplit(".", 1)[0]
            data = tar.extractfile(member).read()
            if parts[-2] == "input":
                html[stem] = data
            elif parts[-2] == "GoldStandard":
                gold[stem] = data
    for stem in sorted(set(html) & set(gold), key=lambda s: (len(s), s)):
        page = _decode(html[stem])
        truth = _gold_text(_decode(gold[stem]), source)
        site = _site(page) or f"{source}:{stem}"
        for extractor in EXTRACTORS:
            text = extract(page, extractor)
            lines = [line for line in _LINE_BREAK.split(text) if line.strip()]
            yield Page(source, stem, site, extractor, list(zip(lines, label_lines(lines, truth))))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _gold_text(text: str, source: str) -> str:
    if source == "cleaneval":  # `URL: ...` header and <p>/<h>/<l> paragraph markers
        text = re.sub(r"\A\s*URL:[^\n]*\n", "", text)
        text = re.sub(r"<[phl]>", "\n", text)
    return text


_HOST = re.compile(r"""https?://(?:www\d?\.)?([a-z0-9.-]+\.[a-z]{2,})""", re.IGNORECASE)
_CANONICAL = re.compile(
    r"""<(?:link[^>]*rel=["']canonical["'][^>]*href|meta[^>]*property=["']og:url["'][^>]*content)=["']([^"']+)""",
    re.IGNORECASE)
_TEXT_ID = re.compile(r"""<text id=["']([^"']+)""")  # CleanEval's wrapper


def _site(page: str) -> str | None:
    """The page's host: its canonical or og:url link, CleanEval's wrapper URL, else its most linked host."""
    for pattern in (_CANONICAL, _TEXT_ID):
        if (m := pattern.search(page)) and (host := _HOST.match(m.group(1))):
            return host.group(1).lower()
    hosts = Counter(h.lower() for h in _HOST.findall(" ".join(re.findall(r"""href=["']([^"']+)""", page))))
    return hosts.most_common(1)[0][0] if hosts else None


def extract(page: str, extractor: str) -> str:
    """The page's text as the extractor gives it."""
    if extractor == "html2text":
        import html2text

        converter = html2text.HTML2Text()
        converter.body_width = 0  # no hard wrapping: one paragraph, one line
        return converter.handle(page)
    if extractor == "get_text":
        import warnings

        from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

        with warnings.catch_warnings():  # XHTML pages read as HTML, as a scraper reads them
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            soup = BeautifulSoup(page, "lxml")
        for tag in soup(["script", "style", "noscript", "template"]):
            tag.decompose()
        return soup.get_text()
    if extractor == "trafilatura":
        import trafilatura

        return trafilatura.extract(page) or ""
    raise ValueError(f"unknown extractor {extractor!r}")


_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def label_lines(lines: list[str], gold: str) -> list[bool]:
    """Whether each line is article text: a line of three words or more when most of its word trigrams
    are in the gold text; a shorter one when it is in the gold text (as whole words) and a neighbouring
    line is article text (a one-word line such as `Home` is in most gold texts, by chance)."""
    gold_words = words(gold)
    trigrams = {tuple(gold_words[i:i + 3]) for i in range(len(gold_words) - 2)}
    joined = f" {' '.join(gold_words)} "
    labels: list[bool | None] = []
    for line in lines:
        tokens = words(line)
        if len(tokens) >= 3:
            grams = [tuple(tokens[i:i + 3]) for i in range(len(tokens) - 2)]
            labels.append(sum(g in trigrams for g in grams) >= 0.5 * len(grams))
        elif tokens and f" {' '.join(tokens)} " in joined:
            labels.append(None)  # decided by its neighbours
        else:
            labels.append(False)
    out = []
    for i, label in enumerate(labels):
        if label is None:
            near = [labels[j] for j in (i - 1, i + 1) if 0 <= j < len(labels)]
            label = any(n is True for n in near)
        out.append(label)
    return out
