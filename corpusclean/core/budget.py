"""A time budget per document: one slow rule on one document must not stall a corpus run.

The budget is enforced with a real-time interval timer (SIGALRM), which interrupts Python code wherever
it is; where no timer can be set (not the main thread, no SIGALRM on the platform, or a program calling
the API runs a timer of its own) the document runs unbounded.
"""
from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator

DEFAULT_SECONDS = 60.0  # per document: generous for a long book, short next to a stalled run


class OverBudget(Exception):
    """Processing one document took longer than its budget."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OverBudget` inside the block once ``seconds`` have passed (None or 0: no limit)."""
    if (not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0]):  # the host program's own timer runs: leave it alone
        yield
        return

    def expired(signum, frame):
        raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
