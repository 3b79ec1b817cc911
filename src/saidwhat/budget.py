"""A time budget for one piece of work: checked between steps, and enforced by an alarm where one can ring.

``Deadline.check`` is called between pipeline steps (every spaCy component, then assembly) and raises
``TookTooLong`` once the budget is spent or the caller has given up (a web client that went away). A
single step that never ends (a tokenizer stuck on hostile input) is stopped too where that is possible:
in the main thread of a process, ``Deadline.enforce`` sets a one-shot ``SIGALRM`` whose handler raises
``TookTooLong`` inside the step. Elsewhere (the web server's extraction thread, Windows) only the checks
between steps apply, which is why input that would hit spaCy's slow cases is made safe before parsing
(``article_text.tokenizer_safe``).

``TookTooLong`` derives from ``BaseException`` so that no ``except Exception`` inside spaCy or Thinc
swallows it half-way through a step.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType


class TookTooLong(BaseException):
    """The budget ran out (or the caller cancelled) during ``step``."""

    def __init__(self, step: str, seconds: float | None, *, cancelled: bool = False) -> None:
        self.step = step
        self.seconds = seconds
        self.cancelled = cancelled
        super().__init__(self.describe())

    def describe(self) -> str:
        if self.cancelled:
            return f"cancelled (in {self.step})"
        return f"took too long: over the time budget of {self.seconds:g} s (in {self.step})"


class Deadline:
    """``seconds`` from now (None: no limit), or sooner if ``cancelled()`` turns true."""

    def __init__(self, seconds: float | None, cancelled: Callable[[], bool] | None = None) -> None:
        self.seconds = seconds
        self._end = None if seconds is None else time.monotonic() + seconds
        self._cancelled = cancelled
        self.step = "start"

    def check(self, step: str) -> None:
        """Note that ``step`` begins; raise TookTooLong (naming the step that ran over) if the time is up
        or the caller gave up."""
        if self._cancelled is not None and self._cancelled():
            raise TookTooLong(self.step, self.seconds, cancelled=True)
        if self._end is not None and time.monotonic() >= self._end:
            raise TookTooLong(self.step, self.seconds)
        self.step = step

    @contextmanager
    def enforce(self) -> Iterator[None]:
        """Stop the work inside a step when the budget runs out, where an alarm can do it (see module doc).

        An alarm already set by someone else (pytest-timeout, an embedding program) is put back as it
        was, less the time spent here; if it would ring first, it is left alone.
        """
        if self._end is None or not hasattr(signal, "setitimer"):
            yield
            return
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        ours = max(self._end - time.monotonic(), 0.001)
        theirs, interval = signal.getitimer(signal.ITIMER_REAL)
        if theirs and theirs <= ours:
            yield
            return
        started = time.monotonic()
        previous = signal.getsignal(signal.SIGALRM)

        def ring(signum: int, frame: FrameType | None) -> None:
            raise TookTooLong(self.step, self.seconds)

        signal.signal(signal.SIGALRM, ring)
        try:
            signal.setitimer(signal.ITIMER_REAL, ours)
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
            if theirs:
                left = max(theirs - (time.monotonic() - started), 0.001)
                signal.setitimer(signal.ITIMER_REAL, left, interval)
