"""The ingest: read inputs, skip what is stored, extract in worker processes, write in this one.

One writer (this process) and one transaction per article make the store crash-safe: ``kill -9``
loses at most the articles in flight, and the next run, which skips every stored article by id and
by text hash, extracts them again. Workers (``workers.py``) each load one model, started before this
process loads spaCy or runs a thread, and get small batches of articles; at most two batches per
worker are in flight, so memory stays flat however large the input.
"""

from __future__ import annotations

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
from saidwhat.ingest import workers as worker_pool
from saidwhat.ingest.options import IngestOptions
from saidwhat.ingest.progress import IngestProgress
from saidwhat.ingest.reading import Item, read_inputs
from saidwhat.ingest.sources import ByteCount, expand
from saidwhat.model import Article, Extraction, Failure
from saidwhat.settings import Settings
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


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


class _Run:
    """State of one ingest: the writer, the bytes read, the progress bar and the worker pool."""

    def __init__(
        self,
        writer: StoreWriter,
        progress: IngestProgress,
        read: ByteCount,
        pool: ProcessPoolExecutor | None = None,
    ) -> None:
        self.writer = writer
        self.progress = progress
        self.read = read
        self.pool = pool

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
        from saidwhat.pipeline import Extractor  # spaCy: only in the process that extracts

        for result in Extractor(settings=settings).pipe(articles):
            self.write(result)

    def run_workers(self, articles: Iterable[Article], settings: Settings, workers: int) -> None:
        """Extract in ``self.pool`` and write here. A worker that dies breaks its pool: its batches are
        recorded as failures and a new pool takes over."""
        assert self.pool is not None, "no worker pool"
        inflight: dict[Future[list[Extraction | Failure]], list[Article]] = {}

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

        for batch in _batches(articles, settings.batch_size):
            while len(inflight) >= 2 * workers:
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                if collect(done):
                    collect(list(inflight))
                    self.pool.shutdown(cancel_futures=True)
                    self.pool = worker_pool.new_pool(workers, settings, method="spawn")
            inflight[self.pool.submit(worker_pool.extract_batch, batch)] = batch
        while inflight:
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            collect(done)


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
    # Workers start first: before the progress bar's thread, the signal handlers and spaCy (workers.py).
    run = _Run(writer, bar, read)
    try:
        if options.workers > 1:
            run.pool = worker_pool.new_pool(options.workers, settings)
            worker_pool.start(run.pool)
        with bar, _stop_on_signals():
            items = read_inputs(targets, options, known=store.has_article, counter=read)
            articles = run.pending(items)
            try:
                if run.pool is None:
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
        if run.pool is not None:  # at once: batches still in flight are not written, a re-run redoes them
            worker_pool.stop(run.pool)
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
