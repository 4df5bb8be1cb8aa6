"""The Ray Data executor (``--executor ray``, the ``ray`` extra): the same two-pass plan on a Ray cluster.

Pass 1 is a ``map_batches`` over the input files (each block's statistics, pickled) and a merge on the
driver, in input order. The frozen statistics go once into Ray's object store; pass 2 is a
``map_batches`` over the files with actors that take them from there (and prepare the rules once each),
clean whole files and write each file's cleaned output and its report fragment, exactly as the local
executor does; the driver then assembles ``report/`` from the fragments. So the cleaned bytes and the
findings are those of the local executor. Inputs and ``--out`` must be on storage every node sees.
"""
from __future__ import annotations

import pickle
from functools import reduce
from pathlib import Path
from typing import Any, Sequence

from corpusclean.core.config import Settings
from corpusclean.core.document import Document
from corpusclean.core.errors import UsageError
from corpusclean.io.sources import InputOptions, Source, read


def _ray(address: str | None):
    try:
        import ray
        import ray.data
    except ImportError:
        raise UsageError("--executor ray needs Ray: pip install 'corpusclean[ray]'") from None
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False, configure_logging=False)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.execution_options.preserve_order = True
    return ray


def _plan(settings: Settings, rejected: frozenset, groups: frozenset):
    from corpusclean.run.plan import build_plan

    return build_plan(settings, apply=True, rejected=rejected, rejected_groups=groups)


PASS1_BLOCKS = 64  # pass 1 tasks at most: enough to keep a cluster busy, few states to merge


def collect_states(sources: Sequence[Source], settings: Settings, options: InputOptions,
                   address: str | None) -> dict[str, Any]:
    from corpusclean.run.stages import absorb, collect

    ray = _ray(address)

    def collect_files(batch: dict[str, Any]) -> dict[str, Any]:
        """One block of consecutive sources, one state: thousands of small files are a few tasks."""
        plan = _plan(settings, frozenset(), frozenset())
        documents = (d for index in batch["index"] for d in read(sources[int(index)], options)
                     if isinstance(d, Document))
        return {"index": [int(batch["index"][0])], "state": [pickle.dumps(collect(documents, plan))]}

    blocks = max(1, min(len(sources), PASS1_BLOCKS))
    rows = (ray.data.from_items([{"index": i} for i in range(len(sources))], override_num_blocks=blocks)
            .map_batches(collect_files, batch_size=None).take_all())
    parts = [pickle.loads(row["state"]) for row in sorted(rows, key=lambda row: row["index"])]
    return reduce(absorb, parts)


class _CleanFiles:
    """A Ray Data actor: the statistics from the object store, the rules prepared once, whole files cleaned."""

    def __init__(self, stats, settings, options, sources, out, state_folder, index_of, rejected, groups) -> None:
        from corpusclean.core.rule import RuleContext

        import ray

        self.plan = _plan(settings, rejected, groups)
        self.stats = ray.get(stats) if isinstance(stats, ray.ObjectRef) else stats  # from the object store
        self.options, self.sources = options, sources
        self.out, self.state_folder, self.index_of = Path(out), Path(state_folder), index_of
        self.text_field = settings.text_field
        context = RuleContext(stats=self.stats, allow_words=self.plan.allow_words,
                              canonical=dict(self.plan.canonical))
        for rule in self.plan.rules:
            rule.prepare(context)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        from corpusclean.io.writers import TreeWriter
        from corpusclean.report.sinks import Reporter
        from corpusclean.run.resume import FragmentLog
        from corpusclean.run.serial import run_serial

        for index in batch["index"]:
            sinks = [TreeWriter(self.out, self.text_field), Reporter(FragmentLog(self.state_folder, self.index_of))]
            run_serial([self.sources[int(index)]], self.plan, self.options, sinks, self.stats)
        return {"index": list(batch["index"])}


def clean_files(todo: Sequence[int], sources: Sequence[Source], stats, settings: Settings, options: InputOptions,
                out: Path, state_folder: Path, rejected: frozenset, groups: frozenset, address: str | None,
                actors: int) -> None:
    if not todo:
        return
    ray = _ray(address)
    index_of = {source.relative: i for i, source in enumerate(sources)}
    stats_ref = ray.put(stats)  # once into the object store; each actor reads it from there
    (ray.data.from_items([{"index": i} for i in todo], override_num_blocks=len(todo))
     .map_batches(_CleanFiles, batch_size=1, concurrency=max(1, min(actors, len(todo))),
                  fn_constructor_kwargs={"stats": stats_ref, "settings": settings, "options": options,
                                         "sources": list(sources), "out": str(out),
                                         "state_folder": str(state_folder), "index_of": index_of,
                                         "rejected": rejected, "groups": groups})
     .materialize())
