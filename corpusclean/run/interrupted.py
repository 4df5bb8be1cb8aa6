"""Resumable `fix`: a rerun after a killed `fix` ends with the bytes one uninterrupted run would write.

`fix` rewrites its inputs, so a killed run leaves some files fixed and others not, and pass 1 over that
half-fixed corpus counts differently (a repeated boilerplate line removed from half the documents is no
longer repeated enough to be learned). So the pass-1 statistics are saved before the first file is
rewritten, in the user's cache folder under the run's key (the inputs' paths and the settings, not their
contents), and removed when the run ends; a rerun that finds them uses them and says so. A state older
than ``MAX_AGE`` is not trusted: the files may have been edited since.
"""
from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Any, Callable, Sequence, TextIO

from corpusclean.io.sources import Source
from corpusclean.run.resume import run_key
from corpusclean.run.saved import load_states, save_states

MAX_AGE = 24 * 3600  # seconds


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "corpusclean"


def fix_statistics(sources: Sequence[Source], plan, settings, collect: Callable[[], dict[str, Any]],
                   err: TextIO) -> tuple[dict[str, Any], Path | None]:
    """The pass-1 states for this `fix`: an interrupted identical run's, else ``collect()``'s, saved
    first. Returns the states and the file to remove once the run has ended (None: nothing saved)."""
    path = cache_folder() / f"interrupted-fix-{run_key(sources, plan, settings, contents=False)}.json.gz"
    with contextlib.suppress(OSError):
        if time.time() - path.stat().st_mtime < MAX_AGE:
            print(f"note: resuming an interrupted fix with the statistics it gathered ({path}; remove it to "
                  "start afresh)", file=err)
            return load_states(path, plan), path
    states = collect()
    try:
        save_states(path, states)
    except OSError:  # no cache folder to write: the run goes on, only not resumable
        return states, None
    return states, path
