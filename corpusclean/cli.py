"""The command line (typer): parsing only; the work happens in corpusclean.run.session."""
from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(
    name="corpusclean", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Find and fix scraping artifacts, typos, mojibake and inconsistent spellings in text corpora.",
)


class Executor(str, enum.Enum):
    local = "local"
    ray = "ray"


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"  # GitHub Actions annotations


class DocFormat(str, enum.Enum):
    plain = "plain"
    markdown = "markdown"
    rst = "rst"
    html = "html"


DocFormatOpt = typer.Option(None, "--format", help="Read every document as this format (default: by file "
                                                   "extension, `formats` in the config; records: plain).")
SelectOpt = typer.Option(None, "--select", help="Rules to run: codes, prefixes or names, comma-separated.")
IgnoreOpt = typer.Option(None, "--ignore", help="Rules to leave out (codes, prefixes or names).")
ExtendOpt = typer.Option(None, "--extend-select", help="Rules to add to the selection.")
UnsafeOpt = typer.Option(None, "--unsafe-fixes/--no-unsafe-fixes", help="Also apply fixes marked unsafe.")
DiffOpt = typer.Option(False, "--diff", help="Print a unified diff of the fixes and write nothing.")
StatsOpt = typer.Option(False, "--statistics", help="Print the number of findings per rule.")
FormatOpt = typer.Option(OutputFormat.text, "--output-format", help="How findings are printed.")
ConfigOpt = typer.Option(None, "--config", help="Config file (default: corpusclean.toml or pyproject.toml, "
                                                "searched from the working directory upward).")
TextFieldOpt = typer.Option(None, "--text-field", help="JSONL field holding the text (default: text).")
IdFieldOpt = typer.Option(None, "--id-field", help="JSONL field holding the document id.")
SiteFieldOpt = typer.Option(None, "--site-field", help="Record field(s) naming a document's site, comma-separated "
                                                       "(default: url,host,domain; a file's site is its folder).")
JobsOpt = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: every core, when the input "
                                                        "is large enough to gain from them). Same output as -j 1.")
StdinNameOpt = typer.Option(None, "--stdin-filename", help="The name of the text on standard input (`-`): "
                                                            "its format (.jsonl) and the path findings show.")
QuietOpt = typer.Option(False, "--quiet", "-q", help="No progress bar (there is none unless stderr is a terminal).")
StatsFileOpt = typer.Option(None, "--stats", help="Pass-1 statistics saved by `corpusclean stats --save` "
                                                  "(the corpus is then read once).")


def _version(value: bool) -> None:
    if value:
        from corpusclean import __version__

        typer.echo(f"corpusclean {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")) -> None:
    """Find and fix scraping artifacts, typos, mojibake and inconsistent spellings in text corpora."""


def _site_fields(value: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in value.split(",") if name.strip())


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _execute(mode: str, paths: List[Path], config: Optional[Path], select, ignore, extend_select, unsafe_fixes,
             diff: bool, statistics: bool, output_format: OutputFormat, text_field, id_field, site_field=None, out=None,
             jobs=None, stats_file=None, stdin_name=None, quiet=False, executor="local", ray_address=None,
             doc_format=None, force=False):
    from corpusclean.core.config import load_settings
    from corpusclean.core.errors import UsageError
    from corpusclean.report.text import summary_lines
    from corpusclean.run.session import Request, run

    try:
        settings = load_settings(config).with_cli(
            select=select, ignore=ignore, extend_select=extend_select, unsafe_fixes=unsafe_fixes,
            text_field=text_field, id_field=id_field, format=doc_format.value if doc_format else None,
            site_fields=_site_fields(site_field) if site_field else None)
        totals = run(Request(mode, paths, settings, out=out, diff=diff, statistics=statistics,
                             output_format=output_format.value, jobs=jobs, saved_statistics=stats_file,
                             stdin_name=stdin_name, quiet=quiet, executor=executor, ray_address=ray_address,
                             force=force))
    except UsageError as exc:
        _fail(str(exc))
    counts = totals.counts
    if statistics:
        for line in (totals.tally.lines(fixing=mode != "check" and not diff) + totals.decisions.lines()
                     + totals.analysis.lines()):
            typer.echo(line)
    if output_format is OutputFormat.text and not diff:
        filtering = mode == "fix" and Path("-") in paths  # standard output carries the fixed text
        for line in summary_lines(counts, fixing=mode != "check"):
            typer.echo(line, err=filtering)
    return totals


@app.command()
def check(
    paths: List[Path] = typer.Argument(..., help="Files or folders (.txt, .md, .rst, .html, .jsonl, .parquet)."),
    select: Optional[List[str]] = SelectOpt, ignore: Optional[List[str]] = IgnoreOpt,
    extend_select: Optional[List[str]] = ExtendOpt, unsafe_fixes: Optional[bool] = UnsafeOpt,
    diff: bool = DiffOpt, statistics: bool = StatsOpt, output_format: OutputFormat = FormatOpt,
    config: Optional[Path] = ConfigOpt, text_field: Optional[str] = TextFieldOpt, id_field: Optional[str] = IdFieldOpt,
    site_field: Optional[str] = SiteFieldOpt,
    jobs: Optional[int] = JobsOpt, stats_file: Optional[Path] = StatsFileOpt,
    stdin_filename: Optional[str] = StdinNameOpt, quiet: bool = QuietOpt,
    doc_format: Optional[DocFormat] = DocFormatOpt,
) -> None:
    """Report findings. Exit 0: nothing found; 1: findings (or, with --diff, changes); 2: usage or input error."""
    totals = _execute("check", paths, config, select, ignore, extend_select, unsafe_fixes, diff, statistics,
                      output_format, text_field, id_field, site_field=site_field, jobs=jobs, stats_file=stats_file,
                      stdin_name=stdin_filename, quiet=quiet, doc_format=doc_format)
    counts = totals.counts
    if counts["errors"]:
        raise typer.Exit(2)
    raise typer.Exit(1 if (counts["changed"] if diff else counts["remaining"]) else 0)


@app.command()
def fix(
    paths: List[Path] = typer.Argument(..., help="Files or folders (.txt, .md, .rst, .html, .jsonl, .parquet), fixed in place."),
    select: Optional[List[str]] = SelectOpt, ignore: Optional[List[str]] = IgnoreOpt,
    extend_select: Optional[List[str]] = ExtendOpt, unsafe_fixes: Optional[bool] = UnsafeOpt,
    diff: bool = DiffOpt, statistics: bool = StatsOpt, output_format: OutputFormat = FormatOpt,
    config: Optional[Path] = ConfigOpt, text_field: Optional[str] = TextFieldOpt, id_field: Optional[str] = IdFieldOpt,
    site_field: Optional[str] = SiteFieldOpt,
    fix_only: bool = typer.Option(False, "--fix-only", help="Exit 0 even when unfixable findings remain."),
    exit_non_zero_on_fix: bool = typer.Option(False, "--exit-non-zero-on-fix", help="Exit 1 when a file changed."),
    jobs: Optional[int] = JobsOpt, stats_file: Optional[Path] = StatsFileOpt,
    stdin_filename: Optional[str] = StdinNameOpt, quiet: bool = QuietOpt,
    doc_format: Optional[DocFormat] = DocFormatOpt,
) -> None:
    """Apply fixes in place. Exit 1 when findings remain (or a file changed, with --exit-non-zero-on-fix)."""
    totals = _execute("fix", paths, config, select, ignore, extend_select, unsafe_fixes, diff, statistics,
                      output_format, text_field, id_field, site_field=site_field, jobs=jobs, stats_file=stats_file,
                      stdin_name=stdin_filename, quiet=quiet, doc_format=doc_format)
    counts = totals.counts
    if counts["errors"]:
        raise typer.Exit(2)
    if diff:
        raise typer.Exit(1 if counts["changed"] else 0)
    remaining = counts["remaining"] and not fix_only
    raise typer.Exit(1 if remaining or (exit_non_zero_on_fix and counts["changed"]) else 0)


@app.command()
def clean(
    input: List[Path] = typer.Argument(..., help="Corpus: files or folders (.txt, .md, .rst, .html, .jsonl, .parquet)."),
    out: Path = typer.Option(..., "--out", help="Folder for the cleaned corpus and report/."),
    select: Optional[List[str]] = SelectOpt, ignore: Optional[List[str]] = IgnoreOpt,
    extend_select: Optional[List[str]] = ExtendOpt, unsafe_fixes: Optional[bool] = UnsafeOpt,
    diff: bool = DiffOpt, statistics: bool = StatsOpt, output_format: OutputFormat = FormatOpt,
    config: Optional[Path] = ConfigOpt, text_field: Optional[str] = TextFieldOpt, id_field: Optional[str] = IdFieldOpt,
    site_field: Optional[str] = SiteFieldOpt,
    jobs: Optional[int] = JobsOpt, stats_file: Optional[Path] = StatsFileOpt, quiet: bool = QuietOpt,
    executor: Executor = typer.Option(Executor.local, "--executor", help="local (processes, --jobs) or ray "
                                                                       "(a Ray cluster, the ray extra)."),
    ray_address: Optional[str] = typer.Option(None, "--ray-address", help="Ray cluster to join (default: a "
                                                                           "local Ray, or RAY_ADDRESS)."),
    doc_format: Optional[DocFormat] = DocFormatOpt,
    force: bool = typer.Option(False, "--force", help="Write into an --out that holds another run's files."),
) -> None:
    """Write the cleaned corpus and DIR/report/ (findings.jsonl, edits.jsonl, summary.json, changes.diff).

    Exit 0 on success (findings are the point of a clean run), 2 when an input could not be read.
    """
    totals = _execute("clean", input, config, select, ignore, extend_select, unsafe_fixes, diff, statistics,
                      output_format, text_field, id_field, site_field=site_field, out=out, jobs=jobs,
                      stats_file=stats_file, quiet=quiet,
                      executor=executor.value, ray_address=ray_address, doc_format=doc_format, force=force)
    if not diff:
        typer.echo(f"Cleaned corpus and report written to {out}/ (report: {out / 'report'}/).")
    raise typer.Exit(2 if totals.counts["errors"] else 0)


@app.command()
def stats(
    paths: List[Path] = typer.Argument(..., help="Corpus: files or folders."),
    save: Path = typer.Option(..., "--save", help="Where to write the statistics (JSON; gzipped if it ends in .gz)."),
    select: Optional[List[str]] = SelectOpt, ignore: Optional[List[str]] = IgnoreOpt,
    config: Optional[Path] = ConfigOpt, text_field: Optional[str] = TextFieldOpt, id_field: Optional[str] = IdFieldOpt,
    site_field: Optional[str] = SiteFieldOpt,
    jobs: Optional[int] = JobsOpt, doc_format: Optional[DocFormat] = DocFormatOpt,
) -> None:
    """Pass 1 only: the corpus statistics the rules need, saved for `--stats` in later runs."""
    from corpusclean.core.config import load_settings
    from corpusclean.core.errors import UsageError
    from corpusclean.run.session import save_statistics

    try:
        settings = load_settings(config).with_cli(select=select, ignore=ignore, text_field=text_field,
                                                  id_field=id_field, format=doc_format.value if doc_format else None,
                                                  site_fields=_site_fields(site_field) if site_field else None)
        documents, needs = save_statistics(paths, settings, save, jobs)
    except UsageError as exc:
        _fail(str(exc))
    typer.echo(f"Statistics ({', '.join(needs) or 'none needed'}) of {documents} documents saved to {save}.")


@app.command()
def apply(
    decisions: Path = typer.Argument(..., help="decisions.json exported from report/index.html."),
    out: Path = typer.Option(..., "--out", help="Folder for the cleaned corpus and its new report/."),
    report: Optional[Path] = typer.Option(None, "--report", help="The run's report/ folder (default: the one "
                                                                 "decisions.json names, or its own folder)."),
    update_config: bool = typer.Option(False, "--update-config", help="Add the words of rejected spelling fixes "
                                                                      "to the config's allow-words."),
) -> None:
    """Clean the corpus of a reviewed run again, leaving out the findings and decisions rejected in the report."""
    from corpusclean.core.errors import UsageError
    from corpusclean.report.text import summary_lines
    from corpusclean.run.apply import apply_decisions, read_decisions, run_config, update_allow_words

    try:
        chosen = read_decisions(decisions, report)
        totals = apply_decisions(chosen, out)
        if update_config and chosen.words:
            config = run_config(chosen)
            added = update_allow_words(config, chosen.words)
            typer.echo(f"{added} words added to allow-words in {config}.")
    except UsageError as exc:
        _fail(str(exc))
    typer.echo(f"{len(chosen.rejected)} findings and {len(chosen.rejected_groups)} decisions rejected.")
    for line in summary_lines(totals.counts, fixing=True):
        typer.echo(line)
    typer.echo(f"Cleaned corpus and report written to {out}/ (report: {out / 'report'}/).")
    raise typer.Exit(2 if totals.counts["errors"] else 0)


@app.command()
def rules(
    config: Optional[Path] = ConfigOpt, output_format: OutputFormat = FormatOpt,
) -> None:
    """List every rule: code, name, fix availability, whether it runs by default, and its summary."""
    from corpusclean.rules_doc import list_rules

    _guarded(lambda: list_rules(config, output_format.value))


@app.command()
def explain(code: str = typer.Argument(..., help="A rule code or name, e.g. AR01 or stray-label-line.")) -> None:
    """Print a rule's documentation: what it does, why it matters, examples, fix safety, options."""
    from corpusclean.rules_doc import explain_rule

    _guarded(lambda: explain_rule(code))


def _guarded(action) -> None:
    from corpusclean.core.errors import UsageError

    try:
        action()
    except UsageError as exc:
        _fail(str(exc))


def main() -> None:
    """Entry point. Any failure that is not a finding exits 2 with one line (DESIGN §7: exit codes like ruff)."""
    import os

    try:
        app(prog_name="corpusclean")
    except KeyboardInterrupt:
        typer.echo("interrupted: files written so far are complete (writes are atomic)", err=True)
        sys.exit(130)
    except OSError as exc:  # the machine said no (disk full, permissions): not a bug, say what and where
        if os.environ.get("CORPUSCLEAN_DEBUG"):
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        typer.echo(f"error: {where}{exc.strerror or exc}; files written so far are complete (writes are atomic)",
                   err=True)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, exit 2
        if os.environ.get("CORPUSCLEAN_DEBUG"):
            raise
        typer.echo(f"internal error: {type(exc).__name__}: {exc} (set CORPUSCLEAN_DEBUG=1 for the traceback)",
                   err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
