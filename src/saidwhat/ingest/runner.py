"""The ingest: read inputs, skip what is stored, extract in worker processes, write in this one.

One writer (this process) and one transaction per article make the store crash-safe: ``kill -9``
loses at most the articles in flight, and the next run, which skips every stored article by id and
by text hash, extracts them again. Workers each load one model (``spawn``, so no state is shared)
and get batches of articles; at most two batches per worker are in flight, so memory stays flat
however large the input.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from rich.console import Console

from saidwhat.display import counted
from saidwhat.errors import StoreWriteError
from saidwhat.ingest.options import IngestOptions
from saidwhat.ingest.progress import IngestProgress
from saidwhat.ingest.reading import Item, read_inputs
from saidwhat.ingest.sources import ByteCount, expand
from saidwhat.model import Article, Extraction, Failure
from saidwhat.pipeline import Extractor, Settings
from saidwhat.store import Store
from saidwhat.store.queries import Stats
from saidwhat.store.write_errors import write_error
from saidwhat.store.writer import StoreWriter

KNOWN_ID_READERS = 4  # readers kept for "is this id stored?" (URL lists ask from their fetch threads)


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one run did (added, skipped, failed) and what the store now holds (speakers)."""

    articles: int  # stored by this run
    skipped: int  # already in the store (same id or same text)
    quotes: int  # stored by this run
    failures: int  # recorded by this run
    speakers: int  # canonical named speakers in the store after the run
    total_articles: int  # articles in the store after the run
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def describe(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (
            f"{counted(self.articles, 'article')} added ({self.skipped} already stored), "
            f"{counted(self.quotes, 'quote')}, {counted(self.failures, 'failure')} in {self.seconds:.1f} s "
            f"({rate:.1f} articles/s); the store holds {counted(self.total_articles, 'article')} and "
            f"{counted(self.speakers, 'speaker')}"
        )


class Interrupted(BaseException):
    """The run was stopped by SIGINT or SIGTERM; everything written before is committed."""

    def __init__(self, signum: int, summary: IngestSummary | None = None) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.summary = summary

    @property
    def exit_code(self) -> int:
        """The shell's convention: 128 + the signal, so 130 for SIGINT (Ctrl+C), 143 for SIGTERM."""
        return 128 + self.signum


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """SIGINT and SIGTERM raise Interrupted in the main thread for the duration; handlers restored after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)


PARENT_POLL_SECONDS = 1.0
_WORKER: Extractor | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    # Ctrl+C reaches the whole process group: the parent decides, and stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch_parent(os.getppid())
    _WORKER = Extractor(settings=settings)
    _ = _WORKER.nlp  # load now, not inside the first batch


def _watch_parent(parent: int) -> None:
    """Exit as soon as the parent is gone (kill -9 of ingest), rather than live on as an orphan."""

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="saidwhat-parent-watch", daemon=True).start()


def _extract_batch(batch: list[Article]) -> list[Extraction | Failure]:
    assert _WORKER is not None, "worker not initialised"
    return list(_WORKER.pipe(batch))


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


class _Run:
    """State of one ingest: the writer, the bytes read and the progress bar."""

    def __init__(self, writer: StoreWriter, progress: IngestProgress, read: ByteCount) -> None:
        self.writer = writer
        self.progress = progress
        self.read = read

    def tick(self) -> None:
        self.progress.update(self.read.total, self.writer.counts)

    def pending(self, items: Iterable[Item]) -> Iterator[Article]:
        """Articles to extract; Failures and ready Extractions are written here, stored articles skipped."""
        for item in items:
            if isinstance(item, Failure):
                self.writer.write_failure(item)
            elif isinstance(item, Extraction):
                self.writer.write_extraction(item)
            elif self.writer.has_article(item):
                self.writer.counts.skipped += 1
            else:
                yield item
                continue
            self.tick()

    def write(self, result: Extraction | Failure) -> None:
        self.writer.write(result)
        self.tick()

    def run_inline(self, articles: Iterable[Article], settings: Settings) -> None:
        for result in Extractor(settings=settings).pipe(articles):
            self.write(result)

    def run_workers(self, articles: Iterable[Article], settings: Settings, workers: int) -> None:
        context = multiprocessing.get_context("spawn")
        inflight: dict[Future[list[Extraction | Failure]], list[Article]] = {}

        def new_pool() -> ProcessPoolExecutor:
            return ProcessPoolExecutor(
                workers, mp_context=context, initializer=_init_worker, initargs=(settings,)
            )

        pool = new_pool()

        def collect(futures: Iterable[Future[list[Extraction | Failure]]]) -> bool:
            """Write finished batches; True if the pool broke (a worker died) and must be replaced."""
            broken = False
            for future in futures:
                batch = inflight.pop(future)
                try:
                    results = future.result()
                except BrokenProcessPool as exc:
                    broken = True
                    results = [
                        Failure(a.id, "worker", f"worker process died: {exc}", a.source) for a in batch
                    ]
                for result in results:
                    self.write(result)
            return broken

        try:
            for batch in _batches(articles, settings.batch_size):
                while len(inflight) >= 2 * workers:
                    done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                    if collect(done):
                        collect(list(inflight))
                        pool.shutdown(cancel_futures=True)
                        pool = new_pool()
                inflight[pool.submit(_extract_batch, batch)] = batch
            while inflight:
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                collect(done)
        except BaseException:  # Interrupted (or a crash): do not wait for batches in flight
            _stop_workers(pool)
            raise
        finally:
            pool.shutdown(cancel_futures=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's processes now; their batches are not written and are redone on resume."""
    processes = list(getattr(pool, "_processes", None) or {})
    workers = [pool._processes[pid] for pid in processes]
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        if process.is_alive():
            process.terminate()
    for process in workers:
        process.join(timeout=10)


def _total_bytes(targets: list[str], options: IngestOptions) -> int | None:
    sizes = [item.size for item in expand(targets, options.format)]
    if not sizes or any(size is None for size in sizes):
        return None
    return sum(size for size in sizes if size is not None)


def ingest(
    targets: Iterable[str],
    db: str | Path,
    options: IngestOptions | None = None,
    *,
    progress: bool = False,
    console: Console | None = None,
) -> IngestSummary:
    """Read ``targets`` (paths, globs, directories, ``-``) into the store at ``db``; safe to re-run."""
    options = options or IngestOptions()
    settings = options.settings
    targets = list(targets)
    started = time.monotonic()
    store = Store(db, pool_size=KNOWN_ID_READERS)
    try:
        writer = store.open_writer(checkpoint_every=settings.batch_size)  # StoreWriteError: one line
    except sqlite3.Error as exc:
        if (unwritable := _unwritable(exc, db, None)) is None:
            raise
        raise unwritable from exc
    read = ByteCount()
    bar = IngestProgress(
        _total_bytes(targets, options) if progress else None, enabled=progress, console=console
    )
    interrupted: Interrupted | None = None
    try:
        with bar, _stop_on_signals():
            run = _Run(writer, bar, read)
            items = read_inputs(targets, options, known=store.has_article, counter=read)
            articles = run.pending(items)
            try:
                if options.workers == 1:
                    run.run_inline(articles, settings)
                else:
                    run.run_workers(articles, settings, options.workers)
            except Interrupted as exc:
                interrupted = exc
            bar.update(read.total, writer.counts, force=True)
        held = writer.stats()
    except (sqlite3.Error, OSError) as exc:  # a full disk: one line; the store is as of the last commit
        if (unwritable := _unwritable(exc, db, writer)) is None:
            raise
        raise unwritable from exc
    finally:
        writer.close()
        store.close()
    summary = _summary(writer, held, started)
    if interrupted is not None:
        raise Interrupted(interrupted.signum, summary)
    return summary


def _unwritable(exc: BaseException, db: str | Path, writer: StoreWriter | None) -> StoreWriteError | None:
    """The StoreWriteError for a failed write (saying how many articles the store keeps), else None."""
    count = writer.articles_held() if writer is not None else None
    held = (
        ""
        if count is None
        else f"the {counted(count, 'article')} stored {'is' if count == 1 else 'are'} kept"
    )
    return write_error(exc, db, held=held)


def _summary(writer: StoreWriter, held: Stats, started: float) -> IngestSummary:
    counts = writer.counts
    return IngestSummary(
        articles=counts.articles,
        skipped=counts.skipped,
        quotes=counts.quotes,
        failures=counts.failures,
        speakers=held.speakers,
        total_articles=held.articles,
        seconds=round(time.monotonic() - started, 3),
    )
