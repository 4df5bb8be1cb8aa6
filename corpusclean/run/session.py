"""One command's run: settings → plan → sources → executor → writers and reports."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence, TextIO

from corpusclean import __version__
from corpusclean.core.config import Settings
from corpusclean.core.errors import UsageError
from corpusclean.core.fixer import FixPolicy
from corpusclean.core.registry import RuleSet
from corpusclean.io.sources import InputOptions, discover
from corpusclean.packs.loader import accepted_words
from corpusclean.io.writers import InPlaceWriter, TreeWriter
from corpusclean.report.sinks import DiffPrinter, Printer, ReportDir, Reporter, Totals
from corpusclean.run.serial import run_serial
from corpusclean.run.stages import Plan


def build_plan(settings: Settings, apply: bool) -> Plan:
    rules = RuleSet(settings.packs, settings.rule_options).select(
        settings.select, settings.extend_select, settings.ignore)
    policy = FixPolicy(apply=apply, unsafe=settings.unsafe_fixes, overrides=settings.safety_overrides)
    return Plan(tuple(rules), policy, settings.allow_words | accepted_words(settings.packs),
                tuple(sorted(settings.canonical.items())))


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


def run(request: Request) -> Totals:
    settings = request.settings
    writes = request.mode in ("fix", "clean") and not request.diff
    plan = build_plan(settings, apply=request.mode != "check" or request.diff)
    sources = discover(request.paths)
    if request.mode == "clean":
        _check_out(request)
    totals = Totals(request.stderr)
    children: list[Any] = [totals]
    printer = None
    if request.diff:
        children.append(DiffPrinter(request.stdout))
    elif not request.statistics and request.mode != "clean":
        printer = Printer(request.output_format, request.stdout)
        children.append(printer)
    report = ReportDir(request.out / "report") if request.mode == "clean" and writes else None
    if report:
        children.append(report)
    sinks: list[Any] = [Reporter(*children)]
    if writes:
        sinks.append(TreeWriter(request.out) if request.mode == "clean" else InPlaceWriter())
    run_serial(sources, plan, InputOptions(settings.text_field, settings.id_field), sinks)
    if printer:
        printer.close()
    if report:
        report.close(summary(totals, plan, settings, request))
    return totals


def _check_out(request: Request) -> None:
    if request.out is None:
        raise UsageError("clean needs --out DIR")
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
        "config": str(settings.source) if settings.source else None,
        "rules": [rule.code for rule in plan.rules],
        "unsafe_fixes": settings.unsafe_fixes,
        "totals": dict(totals.counts),
        "by_rule": totals.tally.as_json(),
        "variant_clusters": totals.decisions.as_json(),
        "learned_lines": totals.decisions.learned_json(),
        "errors": totals.errors,
    }
