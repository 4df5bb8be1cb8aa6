"""The serial executor: pass 1 over every source (when a rule needs statistics), then pass 2, streaming
each document's result to the sinks in input order."""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping, Protocol, Sequence

from corpusclean.core.analysis import analyze
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


def statistics(sources: Sequence[Source], plan: Plan, options: InputOptions,
               warmer: "Warmer | None" = None) -> Mapping[str, Any]:
    """Pass 1: frozen statistics for the rules of ``plan`` (empty when no rule needs any)."""
    if not plan.needs:
        return {}
    docs = documents(sources, options)
    return finalize(collect(map(warmer.seen, docs) if warmer else docs, plan))


def run_serial(sources: Sequence[Source], plan: Plan, options: InputOptions, sinks: Sequence[Sink],
               stats: Mapping[str, Any] | None = None) -> None:
    warmer = Warmer(plan)
    try:
        if stats is None:
            stats = statistics(sources, plan, options, warmer)
        for source in sources:
            for sink in sinks:
                sink.begin(source)
            for item in read(source, options):
                result = process(warmer.seen(item), plan, stats) if isinstance(item, Document) else None
                for sink in sinks:
                    sink.item(item, result)
            for sink in sinks:
                sink.end(source)
    finally:
        warmer.settle()


class Warmer:
    """Starts the slow preparations of the rules (compiling a pattern pack) in the background as soon as
    the run meets a document they apply to, so that they overlap reading, pass 1 and the other rules: a
    one-file run spends most of its time preparing. Only with a second core to run them on."""

    def __init__(self, plan: Plan) -> None:
        import os

        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        self.rules = [rule for rule in plan.rules if hasattr(rule, "warm")] if cores > 1 else []
        self.explicit = plan.explicit
        self.formats: set[str] = set()
        self.started: list = []

    def seen(self, doc: Document) -> Document:
        if len(self.started) == len(self.rules):  # all started (or none to start)
            return doc
        format = analyze(doc).format  # as the checker will read it (cached: it asks again)
        if format not in self.formats:
            self.formats.add(format)
            for rule in self.rules:
                if rule not in self.started and (rule.formats is None or format in rule.formats
                                                 or rule.code in self.explicit):
                    rule.warm()
                    self.started.append(rule)
        return doc

    def settle(self) -> None:
        for rule in self.started:
            rule.settle()
