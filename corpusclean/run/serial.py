"""The serial executor: pass 1 over every source (when a rule needs statistics), then pass 2, streaming
each document's result to the sinks in input order."""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping, Protocol, Sequence

from corpusclean.core.document import Document
from corpusclean.core.findings import DocResult
from corpusclean.io.sources import InputOptions, Source, read
from corpusclean.run.stages import Plan, collect, finalize, process


class Sink(Protocol):
    def begin(self, source: Source) -> None: ...
    def item(self, item: Any, result: DocResult | None = None) -> None: ...
    def end(self, source: Source) -> None: ...


def documents(sources: Iterable[Source], options: InputOptions) -> Iterator[Document]:
    for source in sources:
        for item in read(source, options):
            if isinstance(item, Document):
                yield item


def statistics(sources: Sequence[Source], plan: Plan, options: InputOptions) -> Mapping[str, Any]:
    """Pass 1: frozen statistics for the rules of ``plan`` (empty when no rule needs any)."""
    if not plan.needs:
        return {}
    return finalize(collect(documents(sources, options), plan))


def run_serial(sources: Sequence[Source], plan: Plan, options: InputOptions, sinks: Sequence[Sink],
               stats: Mapping[str, Any] | None = None) -> None:
    if stats is None:
        stats = statistics(sources, plan, options)
    for source in sources:
        for sink in sinks:
            sink.begin(source)
        for item in read(source, options):
            result = process(item, plan, stats) if isinstance(item, Document) else None
            for sink in sinks:
                sink.item(item, result)
        for sink in sinks:
            sink.end(source)
