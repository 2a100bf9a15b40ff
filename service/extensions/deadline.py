"""A per-request time budget: work that runs past it is cut and answered 503 with Retry-After.

gunicorn's sync workers run each request in the process's main thread, so a ``SIGALRM`` timer
(``signal.setitimer``) can interrupt a long extraction wherever Python code runs (the slow parts
of extraction are Python loops over tokens). Signals only reach the main thread: elsewhere (a
threaded development server, a thread pool) the budget is off and gunicorn's worker ``timeout``
remains the only limit.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

RETRY_AFTER_SECONDS = 30
# after the first expiry the alarm repeats this often: an exception raised where Python swallows it
# (a __del__, a gc or weakref callback, a broad ``except``) is raised again a moment later
REFIRE_SECONDS = 0.05


class DeadlineExceeded(Exception):
    """The work took longer than its budget."""

    def __init__(self, seconds: float):
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


def budget_available() -> bool:
    """A SIGALRM timer can be used here: a POSIX system, in the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ``DeadlineExceeded`` in the block after ``seconds``; a no-op when 0 or unavailable."""
    if seconds <= 0 or not budget_available():
        yield
        return
    state = {"armed": True}

    def on_alarm(signum: int, frame: object) -> None:
        if state["armed"]:  # an alarm landing after the block ended is ignored
            raise DeadlineExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, REFIRE_SECONDS)
    try:
        yield
    finally:
        _disarm(state, previous)


def _disarm(state: dict, previous: object) -> None:
    """Stop the timer and restore the handler, even if an alarm interrupts this very cleanup."""
    while True:
        try:
            state["armed"] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            return
        except DeadlineExceeded:
            continue
