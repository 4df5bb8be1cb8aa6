"""Pass 1 is map + reduce: any split of the corpus, merged in any order, gives the same statistics."""
from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time

from corpusclean.core.document import Document
from corpusclean.core.fixer import FixPolicy
from corpusclean.rules.ar.repeated_line import RepeatedLine
from corpusclean.rules.sp.unknown_word import UnknownWord
from corpusclean.run.stages import Plan, collect, merge

DOCS = [Document(str(i), text) for i, text in enumerate([
    "Raqqa fell. Raqqa was cleared.", "The Raqq road.", "capex rose; capex fell", "Naïve café in Zürich.",
])]


def test_merge_of_any_split_in_any_order_equals_one_pass():
    plan = Plan((UnknownWord(),), FixPolicy())
    whole = collect(DOCS, plan)
    for cut in range(len(DOCS) + 1):
        left, right = collect(DOCS[:cut], plan), collect(DOCS[cut:], plan)
        assert merge(left, right) == whole == merge(right, left)
    parts = [collect([doc], plan) for doc in DOCS]
    for order in itertools.permutations(parts):
        merged = order[0]
        for part in order[1:]:
            merged = merge(merged, part)
        assert merged == whole
    documents, count, docs, _ = whole["tokens"].to_dicts()
    assert documents == 4 and count["Raqqa"] == 2 and docs["Raqqa"] == 1


def test_killed_fix_leaves_the_file_whole(tmp_path):
    """SIGKILL in the middle of `fix`: the file is the original or the fixed text, never a mix."""
    target = tmp_path / "big.txt"
    original = "Updated\n\n" + "A line with trailing spaces.   \n" * 400_000
    target.write_text(original)
    fixed = original.replace("   \n", "\n").removeprefix("Updated\n\n")
    process = subprocess.Popen([sys.executable, "-m", "corpusclean", "fix", str(target), "--select", "WS01,AR01"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert target.read_text() in (original, fixed)


def test_executors_and_workers_depend_downward_only():
    # Issue 13, item 5: run/ray_executor.py and run/session.py imported each other; workers get their plan
    # from run/plan.py, which knows nothing of sessions, reports or the CLI.
    import subprocess
    import sys

    code = ("import sys, corpusclean.run.plan, corpusclean.run.ray_executor, corpusclean.run.parallel, "
            "corpusclean.run.serial; print(sorted(m for m in sys.modules if m in ('corpusclean.run.session', "
            "'corpusclean.cli', 'corpusclean.report.sinks')))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"


def test_absorb_folds_parts_in_place_into_what_merge_gives():
    from corpusclean.run.stages import absorb

    plan = Plan((UnknownWord(), RepeatedLine()), FixPolicy())
    parts = [collect([doc], plan) for doc in DOCS]
    folded = collect([], plan)
    for part in parts:
        assert absorb(folded, part) is folded
    assert folded == collect(DOCS, plan) == merge(merge(parts[0], parts[1]), merge(parts[2], parts[3]))
