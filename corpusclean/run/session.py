"""One command's run: settings → plan → sources → executor → writers and reports."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Sequence, TextIO

from corpusclean import __version__
from corpusclean.core.config import Settings
from corpusclean.core.errors import UsageError
from corpusclean.io.sources import STDIN, discover
from corpusclean.run.plan import build_plan, input_options
from corpusclean.io.writers import InPlaceWriter, TreeWriter
from corpusclean.report.sinks import DiffPrinter, Printer, ReportDir, Reporter, Totals
from corpusclean.report.html import HtmlReport
from corpusclean.report.progress import progress_for
from corpusclean.io.atomic import write_bytes
from corpusclean.run.interrupted import fix_statistics
from corpusclean.run.parallel import collect_states, default_jobs, run_parallel, worth_it
from corpusclean.run.resume import FragmentLog, RunState, run_key
from corpusclean.run.saved import STATISTICS_FILE, load_states, project_statistics, save_states
from corpusclean.run.serial import documents, run_serial
from corpusclean.run.stages import Plan, collect, finalize


@dataclass
class Request:
    """What the user asked for: ``mode`` is check, fix or clean."""

    mode: str
    paths: Sequence[Path]
    settings: Settings
    out: Path | None = None
    diff: bool = False
    statistics: bool = False
    output_format: str = "text"
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    saved_statistics: Path | None = None  # pass-1 statistics of an earlier run (``corpusclean apply``)
    stdin_name: str | None = None  # the name standard input (`-`) stands for: format and reported path
    jobs: int | None = None  # worker processes; None: all cores when the input is large enough to gain
    quiet: bool = False  # no progress bar, even on a terminal
    executor: str = "local"  # or "ray" (clean only)
    ray_address: str | None = None
    rejected: frozenset = frozenset()  # a reviewer's rejections (see FixPolicy)
    rejected_groups: frozenset = frozenset()
    force: bool = False  # clean: write into an --out that holds another run's files


def run(request: Request) -> Totals:
    settings = request.settings
    writes = request.mode in ("fix", "clean") and not request.diff
    plan = build_plan(settings, apply=request.mode != "check" or request.diff, rejected=request.rejected,
                      rejected_groups=request.rejected_groups)
    if request.saved_statistics is None and plan.needs:
        request = replace(request, saved_statistics=project_statistics(settings.source))
    sources = discover(request.paths, request.stdin_name)
    if request.mode == "clean" and any(s.path == STDIN for s in sources):
        raise UsageError("clean reads files and folders; use `fix -` to clean standard input to standard output")
    if request.mode == "clean":
        _check_out(request)
    if request.executor != "local" and not (request.mode == "clean" and not request.diff):
        raise UsageError("--executor ray runs `clean` (files written on shared storage); check and fix run locally")
    totals = Totals(request.stderr)
    children: list[Any] = [totals]
    printer = None
    if request.diff:
        children.append(DiffPrinter(request.stdout))
    elif not request.statistics and request.mode != "clean":
        filtering = request.mode == "fix" and any(s.path == STDIN for s in sources)  # stdout carries the text
        printer = Printer(request.output_format, request.stderr if filtering else request.stdout)
        children.append(printer)
    options = input_options(settings, in_place=writes and request.mode == "fix")
    parallel, jobs = _workers(request.jobs, sources)
    progress = progress_for(sources, request.stderr, request.quiet)
    try:
        if request.mode == "clean" and writes:
            return _clean(request, plan, sources, options, totals, parallel, jobs, progress)
        sinks: list[Any] = [Reporter(*children, *([progress] if progress else []), in_place=writes)]
        if writes:
            sinks.append(InPlaceWriter(settings.text_field))
        stats, state = None, None
        if request.saved_statistics:
            stats = finalize(load_states(request.saved_statistics, plan))
        elif writes and plan.needs and not any(s.path == STDIN for s in sources):
            states, state = fix_statistics(sources, plan, settings,
                                           lambda: _pass_one(sources, plan, options, parallel, jobs), request.stderr)
            stats = finalize(states)
        _execute(sources, plan, options, sinks, stats, parallel, jobs)
        if state is not None:
            state.unlink(missing_ok=True)  # the run ended: nothing to resume
    finally:
        if progress:
            progress.close()
    if printer:
        printer.close()
    return totals


def _workers(asked: int | None, sources) -> tuple[bool, int]:
    """Whether to run in a process pool, and with how many workers: as asked, else every core when the
    input is large enough to gain from them."""
    jobs = asked or default_jobs()
    return (jobs > 1 if asked is not None else worth_it(sources, jobs)), jobs


def _pass_one(sources, plan: Plan, options, parallel: bool, jobs: int) -> dict[str, Any]:
    """The collectors' states for ``plan``, before ``finalize`` (saved as they are)."""
    return collect_states(sources, plan, options, jobs) if parallel else collect(documents(sources, options), plan)


def _execute(sources, plan, options, sinks, stats, parallel: bool, jobs: int) -> None:
    if parallel:
        run_parallel(sources, plan, options, sinks, stats, jobs)
    else:
        run_serial(sources, plan, options, sinks, stats)


def _clean(request: Request, plan: Plan, sources, options, totals: Totals, parallel: bool, jobs: int,
           progress=None) -> Totals:
    """Pass 1 (or the statistics given or kept from an interrupted run), pass 2 over the sources not yet
    finished, each leaving its report entries in a fragment; then the report, assembled in input order."""
    key = run_key(sources, plan, request.settings)
    if not request.force:
        RunState.check_reuse(request.out, key)
    state = RunState(request.out, key)
    stats = None
    if request.saved_statistics is not None:
        states = load_states(request.saved_statistics, plan)
        save_states(state.statistics, states)
        stats = finalize(states)
    elif plan.needs:
        if state.resumed and state.statistics.is_file():
            states = load_states(state.statistics, plan)
        elif request.executor == "ray":
            from corpusclean.run import ray_executor

            states = ray_executor.collect_states(sources, request.settings, options, request.ray_address)
            save_states(state.statistics, states)
        else:
            states = _pass_one(sources, plan, options, parallel, jobs)
            save_states(state.statistics, states)
        stats = finalize(states)
    finished = state.finished(len(sources))
    todo = [source for i, source in enumerate(sources) if i not in finished]
    log = FragmentLog(state.folder, {source.relative: i for i, source in enumerate(sources)})
    # The writer first: a source's fragment (its "finished" mark) is committed after its output.
    if request.executor == "ray":
        from corpusclean.run import ray_executor

        ray_executor.clean_files([i for i in range(len(sources)) if i not in finished], sources, stats or {},
                                 request.settings, options, request.out, state.folder, request.rejected,
                                 request.rejected_groups, request.ray_address, jobs)
    else:
        reporter = Reporter(log, *([progress] if progress else []))
        _execute(todo, plan, options, [TreeWriter(request.out, request.settings.text_field), reporter],
                 stats, parallel, jobs)
    folder = request.out / "report"
    report, html = ReportDir(folder), HtmlReport(folder, run_id=key)
    for index in range(len(sources)):
        for entry in state.entries(index):
            for child in (totals, report, html):
                child.consume(entry)
    if state.statistics.is_file():  # the report keeps the statistics its run used, for `apply`
        write_bytes(folder / STATISTICS_FILE, state.statistics.read_bytes())
    facts = summary(totals, plan, request.settings, request)
    report.close(facts)
    html.write(facts)
    return totals


def save_statistics(paths: Sequence[Path], settings: Settings, target: Path, jobs: int | None) -> tuple[int, tuple]:
    """``corpusclean stats --save``: pass 1 for the selected rules, saved before ``finalize``."""
    plan = build_plan(settings, apply=True)
    sources = discover(paths)
    options = input_options(settings)
    states = _pass_one(sources, plan, options, *_workers(jobs, sources))
    save_states(target, states)
    counted = [state.get("documents", 0) for state in states.values() if isinstance(state, dict)]
    return max(counted, default=0), plan.needs


def _check_out(request: Request) -> None:
    if request.out is None:
        raise UsageError("clean needs --out DIR")
    try:
        request.out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UsageError(f"--out {request.out} is a file, not a folder: choose a folder") from None
    except OSError as exc:
        raise UsageError(f"--out {request.out}: cannot create the folder: {exc.strerror or exc}") from None
    if not os.access(request.out, os.W_OK | os.X_OK):
        raise UsageError(f"--out {request.out}: the folder is not writable")
    out = request.out.resolve()
    for path in request.paths:
        root = path.resolve()
        # A folder's output must not land inside it (a rerun would read it); a file must not be overwritten.
        inside = (out == root or root in out.parents) if path.is_dir() else out == root.parent
        if inside:
            raise UsageError(f"--out {request.out} would overwrite or nest inside the input {path}: "
                             "choose a folder outside it")


def summary(totals: Totals, plan: Plan, settings: Settings, request: Request) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "corpusclean": __version__,
        "inputs": [str(p) for p in request.paths],
        "working_dir": str(Path.cwd()),
        "config": str(settings.source) if settings.source else None,
        "statistics": str(request.saved_statistics) if request.saved_statistics else None,  # else pass 1
        "rules": [rule.code for rule in plan.rules],
        "unsafe_fixes": settings.unsafe_fixes,
        "explicit": sorted(plan.explicit),  # rules selected by name: they ran on every format
        "format": settings.format,
        "text_field": settings.text_field,
        "id_field": settings.id_field,
        "totals": dict(totals.counts),
        "by_rule": totals.tally.as_json(),
        "variant_clusters": totals.decisions.as_json(),
        "learned_lines": totals.decisions.learned_json(),
        "calibration": totals.decisions.calibration_json(),
        **totals.analysis.as_json(),
        "errors": totals.errors,
    }
