"""`make stress`: adversarial inputs run through the CLI, one Markdown table row each (also bench/stress.md).

    python bench/stress.py [--quick] [--seed N] [--only WORD] [--out FILE]

Every case builds its inputs in a temp folder, runs `corpusclean` as a new process (Popen, then os.wait4 for
the child's exit status and peak RSS), and holds the result against an expectation: the exit code, a
one-line message on stderr, and the sha256 of every input that must stay untouched (and of the outputs
whose bytes are known). A row is `ok` or `FAIL`, with what went wrong in `notes` (or `skip` when this
machine cannot set the case up: no tmpfs mount, no chattr); a failing case never stops the run. The exit
status is 1 when a row FAILs, else 0.

We run as root, so `chmod 000` stops no read: the unreadable-input cases drop CAP_DAC_OVERRIDE and
CAP_DAC_READ_SEARCH from the child's capability bounding set instead, which makes the mode bits bind again.
`--quick` shrinks the huge inputs and the SIGKILL corpora; the killing itself is seeded (`--seed`). Each
case gives its runs a cache folder of their own (XDG_CACHE_HOME), where an interrupted `fix` saves its state.

This file runs the cases and writes the table; stress_harness.py runs the CLI and checks bytes,
stress_inputs.py makes the inputs, and stress_reading/writing/cli/huge/kills.py hold the cases.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ is a folder of scripts, not a package

import stress_cli  # noqa: E402
import stress_huge  # noqa: E402
import stress_kills  # noqa: E402
import stress_reading  # noqa: E402
import stress_writing  # noqa: E402
from stress_harness import CLI, ROOT, Row, Suite  # noqa: E402

CASES = (  # in the table's order; --only picks by function name
    stress_reading.not_text, stress_writing.same_names, stress_reading.unreadable, stress_reading.truncated,
    stress_reading.filters, stress_reading.fidelity, stress_writing.in_place, stress_cli.config_errors,
    stress_cli.agreement, stress_huge.huge, stress_writing.full_disk, stress_kills.killed_fix,
    stress_kills.killed_clean,
)


def cell(text: str, limit: int = 400) -> str:
    text = " ".join(str(text).split())
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return text.replace("|", "\\|") or " "


def table(rows: list[Row], header: str) -> str:
    lines = [header, "", "| # | case | command | expected | exit | stderr (first line) | bytes | s | RSS MB | "
             "verdict | notes |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for number, row in enumerate(rows, 1):
        notes = "; ".join(row.problems + row.notes)
        lines.append(f"| {number} | {cell(row.title)} | `{cell(row.command, 300)}` | {cell(row.expect)} | "
                     f"{cell(row.code)} | {cell(row.message, 160)} | {cell(row.bytes)} | {row.seconds:.1f} | "
                     f"{row.rss_mb:.0f} | {row.verdict} | {cell(notes, 900)} |")
    failed = [(number, row) for number, row in enumerate(rows, 1) if row.verdict == "FAIL"]
    if failed:
        lines += ["", "## What failed, in full", ""]
        lines += [f"- **{number}. {row.title}** (`{row.command}`): {'; '.join(row.problems)}" for number, row in failed]
    verdicts = [row.verdict for row in rows]
    lines += ["", f"{verdicts.count('ok')} ok, {verdicts.count('FAIL')} FAIL, {verdicts.count('skip')} not run "
                  f"(skip) of {len(rows)} cases."]
    return "\n".join(lines) + "\n"


def run_cases(suite: Suite, only: str | None) -> list[Row]:
    """Every case function's rows, in order; a case that raises becomes a FAIL row, and the run goes on."""
    rows: list[Row] = []
    try:
        for function in CASES:
            if only and only not in function.__name__:
                continue
            begun, made = time.perf_counter(), len(suite.cases)
            try:
                function(suite)
            except Exception as exc:  # noqa: BLE001 - a broken case is a FAIL row, not the end of the run
                if len(suite.cases) == made:
                    suite.case(function.__name__, "the case runs")
                suite.cases[-1].fail(f"harness error: {type(exc).__name__}: {exc} "
                                     f"{traceback.format_exc(limit=-1)}")
            for c in suite.cases[made:]:
                rows.append(c.finish())
                print(f"{rows[-1].verdict:4} {rows[-1].title}", file=sys.stderr)
            print(f"     ({function.__name__}: {time.perf_counter() - begun:.0f} s)", file=sys.stderr)
    finally:  # an interrupted run still unmounts and unfreezes what it made
        for c in suite.cases:
            c.finish()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller huge inputs and SIGKILL corpora")
    parser.add_argument("--seed", type=int, default=12, help="seed of the corpora and the kill points")
    parser.add_argument("--only", help="run the case functions whose name contains this word")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/stress.md", help="where to write the table")
    options = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="corpusclean-stress-") as scratch:
        rows = run_cases(Suite(options.quick, options.seed, Path(scratch)), options.only)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    header = (f"# corpusclean stress run\n\n`python bench/stress.py{' --quick' if options.quick else ''} "
              f"--seed {options.seed}`: {time.perf_counter() - started:.0f} s on {os.cpu_count()} cores, "
              f"{time.strftime('%Y-%m-%d %H:%M')}, `{' '.join(CLI)}`. Exit codes: 0 clean, 1 findings, 2 errors. "
              f"RSS is the child's ru_maxrss from wait4; a forked child inherits the harness's own peak "
              f"({own:.0f} MB), so no figure below that says anything.")
    text = table(rows, header)
    print(text)
    options.out.write_text(text)
    return 1 if any(row.verdict == "FAIL" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
