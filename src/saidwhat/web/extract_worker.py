"""Live extraction in a process of its own, so that search traffic cannot starve it.

On one thread of the server, extraction shares the GIL with every thread answering searches and
pages: with 32 search clients it got a fraction of the interpreter (44 extractions/s alone, 10/s with
searches, ``benchmarks/extract_under_search.py``). Here one worker process (``spawn``, one model, its
own GIL) extracts one article at a time; the server's extraction thread only waits for it.

- The time budget is enforced inside the worker (by its ``Extractor``, which can use ``SIGALRM`` there,
  since the work runs in the worker's main thread); past the budget and a grace period the worker is
  killed and replaced, so not even a step that ignores the alarm can hold extraction up for good.
- Cancellation (the client went away) is a shared job number the worker checks between steps.
- A worker that dies is replaced; the request that was running gets a 503 to try again.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from saidwhat.errors import BusyError, TooSlowError
from saidwhat.model import Article, Extraction
from saidwhat.pipeline import Extractor, Settings

POLL_SECONDS = 0.1  # how often the waiting thread passes on a cancellation
GRACE_SECONDS = 5.0  # past budget + grace, the worker is killed rather than waited for

_EXTRACTOR: Extractor | None = None
_CANCEL: Any = None


def _init(settings: Settings, cancel: Any) -> None:
    global _EXTRACTOR, _CANCEL
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when to stop
    _watch_parent(os.getppid())
    _EXTRACTOR, _CANCEL = Extractor(settings=settings), cancel
    _ = _EXTRACTOR.nlp


def _watch_parent(parent: int) -> None:
    """Exit when the server is gone (kill -9), rather than live on as an orphan."""

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="saidwhat-parent-watch", daemon=True).start()


def _ready() -> bool:
    return _EXTRACTOR is not None


def _extract(job: int, article: Article) -> Extraction | tuple[str, str]:
    """The extraction, or ("stage", "reason") of a TooSlowError (whose pickling would lose its fields)."""
    assert _EXTRACTOR is not None
    try:
        return _EXTRACTOR.extract(article, cancelled=lambda: _CANCEL.value == job)
    except TooSlowError as exc:
        return (exc.stage, exc.reason)


class ExtractWorker:
    """One extraction process; ``extract`` is called from one thread at a time."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._context = multiprocessing.get_context("spawn")
        self._cancel = self._context.Value("q", -1, lock=False)
        self._pool: ProcessPoolExecutor | None = None
        self._jobs = 0

    def _ensure(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                1, mp_context=self._context, initializer=_init, initargs=(self._settings, self._cancel)
            )
        return self._pool

    def warm_up(self) -> None:
        """Start the worker and load its model now rather than on the first request."""
        self._ensure().submit(_ready).result()

    def extract(self, article: Article, cancelled: Callable[[], bool] | None = None) -> Extraction:
        self._jobs += 1
        job = self._jobs
        try:
            future: Future[Extraction | tuple[str, str]] = self._ensure().submit(_extract, job, article)
        except BrokenProcessPool:
            self._replace()
            future = self._ensure().submit(_extract, job, article)
        budget = self._settings.time_budget
        limit = None if budget is None else time.monotonic() + budget + GRACE_SECONDS
        while True:
            try:
                result = future.result(timeout=POLL_SECONDS)
                break
            except FutureTimeout:
                if cancelled is not None and cancelled():
                    self._cancel.value = job
                if limit is not None and time.monotonic() > limit:
                    self._replace(kill=True)
                    raise TooSlowError("extract", f"took longer than {budget:g} s; stopped") from None
            except BrokenProcessPool:
                self._replace()
                raise BusyError("the extraction worker stopped; try again") from None
        if isinstance(result, tuple):
            raise TooSlowError(*result)
        return result

    def _replace(self, *, kill: bool = False) -> None:
        """Drop the pool (killing its process if asked); the next call starts a new one."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if kill:
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
