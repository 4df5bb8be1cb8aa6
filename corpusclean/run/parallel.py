"""The local parallel executor (``--jobs N``): pass 1 per source in a process pool, merged in input order;
pass 2 in batches of documents, results handed to the sinks in input order. Output is byte-identical to
the serial executor: the work per document is the same function of the document, the plan and the frozen
statistics, and only the order of completion differs, which ``imap`` undoes.

Workers are forked after the plan and the statistics exist, so they inherit them without pickling (the
statistics of a large corpus are hundreds of MB); only documents and results cross process boundaries.
"""
from __future__ import annotations

import os
from collections import deque
from functools import reduce
from typing import Any, Iterator, Mapping, Sequence

from corpusclean.core.document import Document
from corpusclean.core.rule import RuleContext
from corpusclean.io.sources import STDIN, InputOptions, Source, read, size_of
from corpusclean.run.stages import Plan, absorb, collect, finalize, process

BATCH_DOCUMENTS = 64
BATCH_CHARS = 1_000_000
BATCH_SOURCES, BATCH_BYTES = 256, 4_000_000  # pass 1: files per task
PARALLEL_BYTES = 4_000_000  # below this much input, starting processes costs more than it saves

_shared: dict[str, Any] = {}  # set in the parent before forking: what every worker reads


def worth_it(sources: Sequence[Source], jobs: int) -> bool:
    if jobs <= 1 or os.name != "posix":  # the pool forks (the module is imported only when it is used)
        return False
    total = 0
    for source in sources:
        if source.path == STDIN:
            return False  # one stream, read by one process
        total += size_of(source)
        if total >= PARALLEL_BYTES:
            return True
    return False


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def collect_states(sources: Sequence[Source], plan: Plan, options: InputOptions, jobs: int) -> dict[str, Any]:
    """Pass 1, a few sources per task (one large file, or many small ones: each task's statistics cross
    back pickled), folded in input order (merge is associative and commutative anyway)."""
    import multiprocessing

    _shared.update(plan=plan, options=options)
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        # Folded in place as they arrive: only a few tasks' statistics are ever held at once.
        return reduce(absorb, pool.imap(_collect_sources, _source_batches(sources), chunksize=1),
                      collect([], plan))


def _source_batches(sources: Sequence[Source]) -> Iterator[list[Source]]:
    batch, size = [], 0
    for source in sources:
        batch.append(source)
        size += size_of(source)
        if size >= BATCH_BYTES or len(batch) >= BATCH_SOURCES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _collect_sources(sources: list[Source]) -> dict[str, Any]:
    documents = (item for source in sources for item in read(source, _shared["options"])
                 if isinstance(item, Document))
    return collect(documents, _shared["plan"])


def run_parallel(sources: Sequence[Source], plan: Plan, options: InputOptions, sinks: Sequence[Any],
                 stats: Mapping[str, Any] | None, jobs: int) -> None:
    """Pass 2 in batches; at most two batches per worker in flight, so memory stays bounded however large
    the input (``Pool.imap`` would read all of it ahead)."""
    if stats is None:
        stats = finalize(collect_states(sources, plan, options, jobs)) if plan.needs else {}
    _shared.update(plan=plan, stats=stats)
    context = RuleContext(stats=stats, allow_words=plan.allow_words, canonical=dict(plan.canonical))
    for rule in plan.rules:
        rule.prepare(context)  # once here; the forked workers inherit it
    import multiprocessing

    inflight: deque = deque()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for batch in _batches(_entries(sources, options)):
            # Rules read a document's id, text and site only; the rest of the reader's metadata (the JSONL row,
            # a Parquet batch) stays here for the writers, and is not pickled to the workers.
            documents = [Document(item.id, item.text, {"site": item.metadata.get("site")}, item.format)
                         if isinstance(item, Document) else None for _, _, item in batch]
            inflight.append((batch, pool.apply_async(_process_batch, (documents,))))
            if len(inflight) >= 2 * jobs:
                _deliver(*inflight.popleft(), sinks)
        while inflight:
            _deliver(*inflight.popleft(), sinks)


def _entries(sources: Sequence[Source], options: InputOptions) -> Iterator[tuple[str, Source, Any]]:
    """The serial executor's sequence of sink calls, as data: begin, each item, end, per source."""
    for source in sources:
        yield "begin", source, None
        for item in read(source, options):
            yield "item", source, item
        yield "end", source, None


def _batches(entries: Iterator[tuple[str, Source, Any]]) -> Iterator[list]:
    batch, documents, chars = [], 0, 0
    for entry in entries:
        batch.append(entry)
        if isinstance(entry[2], Document):
            documents, chars = documents + 1, chars + len(entry[2].text)
        if documents >= BATCH_DOCUMENTS or chars >= BATCH_CHARS:
            yield batch
            batch, documents, chars = [], 0, 0
    if batch:
        yield batch


def _deliver(batch: list, pending, sinks: Sequence[Any]) -> None:
    for (kind, source, item), result in zip(batch, pending.get()):
        for sink in sinks:
            if kind == "item":
                sink.item(item, result)
            else:
                getattr(sink, kind)(source)


def _process_batch(documents: list[Document | None]) -> list[Any]:
    plan, stats = _shared["plan"], _shared["stats"]
    return [process(doc, plan, stats) if doc is not None else None for doc in documents]
