"""The Python API: check or clean texts inside another program, with the same rules and settings as the CLI.

Results come lazily, one per input, in input order. A record's site (for AR05's and AR09's per-site
templates) is the host of its first ``site_fields`` field (``url``, ``host``, ``domain``; ``()``: none).
Rules that learn from the corpus (SP, CN, AR05, AR09) need its statistics first: give ``stats`` (a file
saved by ``corpusclean stats --save``) and the input is streamed; without it the input is read once into
memory for pass 1, then cleaned.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from corpusclean.core.config import Settings
from corpusclean.core.document import Document
from corpusclean.core.findings import DocResult
from corpusclean.run.plan import build_plan
from corpusclean.run.stages import collect, finalize, process
from corpusclean.text.sites import DEFAULT_FIELDS, site_of_record

Item = str | Document | Mapping[str, Any]


def _run(items: Iterable[Item], apply: bool, select: Sequence[str] | None, ignore: Sequence[str],
         unsafe_fixes: bool, allow_words: Iterable[str], text_field: str, stats: Path | str | None,
         format: str, site_fields: Sequence[str] = DEFAULT_FIELDS) -> Iterator[Any]:
    settings = Settings(select=tuple(select) if select is not None else None, ignore=tuple(ignore),
                        unsafe_fixes=unsafe_fixes, allow_words=frozenset(allow_words), text_field=text_field)
    plan = build_plan(settings, apply=apply)
    frozen: Mapping[str, Any] = {}
    if plan.needs and stats is not None:
        from corpusclean.run.saved import load_states

        frozen = finalize(load_states(Path(stats), plan))
    elif plan.needs:
        items = list(items)  # two passes: the texts are the corpus
        documents = (d for i, x in enumerate(items) if (d := _document(x, i, text_field, format, site_fields)))
        frozen = finalize(collect(documents, plan))
    for index, item in enumerate(items):
        doc = _document(item, index, text_field, format, site_fields)
        if doc is None:
            yield item  # a record without a string text passes through unchanged
            continue
        result = process(doc, plan, frozen)
        yield _record(item, result, text_field) if isinstance(item, Mapping) else result


def _document(item: Item, index: int, text_field: str, format: str,
              site_fields: Sequence[str] = DEFAULT_FIELDS) -> Document | None:
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(str(index), item, format=format)
    text = item.get(text_field)
    if not isinstance(text, str):
        return None
    return Document(str(item.get("id", index)), text, {"site": site_of_record(item, site_fields)}, format=format)


def _record(item: Mapping[str, Any], result: DocResult, text_field: str) -> dict[str, Any]:
    """The record with its text cleaned and, under ``corpusclean``, what was found and done."""
    applied = {(f.code, f.span) for f in result.findings} - {(s.finding.code, s.finding.span) for s in result.skipped}
    findings = [{"code": f.code, "message": f.message, "start": f.span.start, "end": f.span.end,
                 "applied": (f.code, f.span) in applied} for f in result.findings]
    return {**item, text_field: result.cleaned, "corpusclean": {"changed": result.changed, "findings": findings}}


def check(texts: Iterable[Item], *, select: Sequence[str] | None = None, ignore: Sequence[str] = (),
          allow_words: Iterable[str] = (), text_field: str = "text", stats: Path | str | None = None,
          format: str = "plain", site_fields: Sequence[str] = DEFAULT_FIELDS) -> Iterator[Any]:
    """Findings for each text or record, lazily; nothing is changed. ``format`` (plain, markdown, rst, html)
    is how texts and records are read; a ``Document`` keeps its own."""
    return _run(texts, False, select, ignore, False, allow_words, text_field, stats, _checked(format),
                tuple(site_fields))


def clean(texts: Iterable[Item], *, select: Sequence[str] | None = None, ignore: Sequence[str] = (),
          unsafe_fixes: bool = False, allow_words: Iterable[str] = (), text_field: str = "text",
          stats: Path | str | None = None, format: str = "plain",
          site_fields: Sequence[str] = DEFAULT_FIELDS) -> Iterator[Any]:
    """Each text (a ``DocResult``: ``.cleaned``, ``.findings``) or record (a new dict with the text cleaned
    and a ``corpusclean`` entry), lazily, in input order."""
    return _run(texts, True, select, ignore, unsafe_fixes, allow_words, text_field, stats, _checked(format),
                tuple(site_fields))


def _checked(format: str) -> str:
    from corpusclean.core.analysis import FORMATS

    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    return format
