"""The ingest's extraction workers: forked before spaCy is loaded, dying with their parent.

The parent (the writer) starts its workers before it imports spaCy or the model and before any thread
of its own runs: on Linux each worker is a ``fork`` of it, so it starts at once (no new interpreter,
no second import of the command line), imports spaCy and loads the model itself, while the writer
never holds a model at all. Memory is what the issue of two workers was about (1,004 MB summed over
the process tree for two workers on PolNeAR dev): loading the model in the parent and forking after
would save it in real memory (shared pages), but every process of the tree would still count it in
its resident set, and the parent would hold a model it never uses. Elsewhere (macOS, Windows, where
forking a process that has loaded native libraries is unsafe) the workers are spawned.

A worker dies with its parent: on Linux the kernel kills it when the parent goes
(``PR_SET_PDEATHSIG``), elsewhere it polls its parent's pid. Either way a ``kill -9`` of ingest leaves
no worker behind, and the next run redoes the articles that were in flight.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING

from saidwhat.model import Article, Extraction, Failure
from saidwhat.settings import Settings

if TYPE_CHECKING:
    from saidwhat.pipeline import Extractor

PARENT_POLL_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
# A worker whose heap grew past this much over what it held after loading (a long article) gives the
# free part back to the system after its batch, so two workers never sit on two high-water marks.
TRIM_ABOVE_BYTES = 48 * 2**20

_WORKER: Extractor | None = None
_LOADED_RSS = 0


def start_method() -> str:
    """``fork`` on Linux, ``spawn`` elsewhere."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def new_pool(workers: int, settings: Settings, *, method: str | None = None) -> ProcessPoolExecutor:
    """A pool of ``workers`` extraction processes, each loading its own model in its initializer.

    ``method`` overrides ``start_method()``: a pool that replaces a broken one, while the parent runs
    threads (the progress bar, the old pool's), is spawned, since a fork copies only the forking
    thread and a lock another thread held stays held in the child for ever.
    """
    method = method or start_method()
    context: BaseContext = multiprocessing.get_context(method)
    if method == "fork":
        # What the parent has imported is shared with the workers until written; the collector's
        # passes would write to every object's header and copy the pages, so it leaves them alone.
        gc.collect()
        gc.freeze()
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(settings, os.getpid())
    )


def start(pool: ProcessPoolExecutor) -> None:
    """Start the pool's processes now, without waiting for them (with ``fork``, all of them; with
    ``spawn``, the first): they load their models while the parent reads its first articles."""
    pool.submit(_ready)


def _ready() -> None:
    """A task that does nothing: submitting it starts the workers."""


def _init_worker(settings: Settings, parent: int) -> None:
    global _WORKER, _LOADED_RSS
    # Ctrl+C reaches the whole process group: the parent decides, and stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)
    from saidwhat.pipeline import Extractor

    _WORKER = Extractor(settings=settings)
    _ = _WORKER.nlp  # load now, not inside the first batch
    _LOADED_RSS = _resident_bytes()


def _die_with(parent: int) -> None:
    """Exit as soon as ``parent`` is gone (kill -9 of ingest), rather than live on as an orphan."""
    asked = _kill_me_with_parent()
    if os.getppid() != parent:  # it went before the kernel was asked
        os._exit(1)
    if asked:
        return

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="saidwhat-parent-watch", daemon=True).start()


def _kill_me_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent exits; False where that cannot be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def extract_batch(batch: list[Article]) -> list[Extraction | Failure]:
    """The worker's task: one batch of articles, in order."""
    assert _WORKER is not None, "worker not initialised"
    results = list(_WORKER.pipe(batch))
    if _LOADED_RSS and _resident_bytes() - _LOADED_RSS > TRIM_ABOVE_BYTES:
        _trim_heap()
    return results


def _resident_bytes() -> int:
    """This process's resident set, from /proc (0 where there is none)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _trim_heap() -> None:
    """Give free heap memory back to the system (glibc's ``malloc_trim``; nothing elsewhere)."""
    try:
        trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    except (OSError, TypeError):
        return
    if trim is not None:
        trim(0)


def stop(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's processes now; their batches are not written and are redone on resume."""
    processes = list(getattr(pool, "_processes", None) or {})
    workers = [pool._processes[pid] for pid in processes]  # type: ignore[index]
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        if process.is_alive():
            process.terminate()
    for process in workers:
        process.join(timeout=10)
