"""Live extraction for the API and the paste page: a small pool of extractors, loaded lazily.

With ``process`` (``saidwhat serve``) the pool is ``workers`` extraction processes, each with its own
model and GIL, and one thread here waiting on each, so one slow article holds one worker while the
others go on. In-process (tests, embedding) it is one Extractor on one thread: spaCy pipelines are not
documented as thread-safe, and a second thread would share the GIL anyway. Requests wait for a worker
without holding a server thread, so a burst of extractions cannot starve search and pages; past
``max_pending`` waiting requests the answer is a 503.

Each extraction has a time budget (``WebSettings.extract_time_budget``) and stops, between pipeline steps,
when the budget is spent (a 422 "took too long") or the client has gone away; a request whose client left
while it waited is not started at all. Input that would make spaCy's tokenizer slow (long runs of
quotation marks) is made safe before parsing, so no step holds the thread, or the GIL, for long.
"""

from __future__ import annotations

import asyncio
import functools
import queue
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from saidwhat.article_text import check_text
from saidwhat.errors import BusyError, InputError
from saidwhat.ingest.files import html_article
from saidwhat.model import Article, Extraction, Failure
from saidwhat.pipeline import Extractor, Settings
from saidwhat.settings import DEFAULT_TIME_BUDGET
from saidwhat.web.deps import clean_text
from saidwhat.web.extract_worker import ExtractWorker

POLL_SECONDS = 0.25  # how often a waiting request looks whether its client is still there


@dataclass(frozen=True, slots=True)
class LiveResult:
    """An extraction and the text its offsets point into."""

    extraction: Extraction
    text: str
    title: str | None


class LiveExtractor:
    """Text or HTML in, Extraction out, with the web's size limit."""

    def __init__(
        self,
        model: str | None,
        max_chars: int,
        max_pending: int = 64,
        time_budget: float | None = DEFAULT_TIME_BUDGET,
        *,
        process: bool = False,
        workers: int = 2,
    ) -> None:
        settings = Settings(model=model, max_chars=max_chars, time_budget=time_budget)
        # In processes of their own (``saidwhat serve``), search traffic cannot starve extraction of the GIL.
        count = max(1, workers) if process else 1
        self._slots: queue.SimpleQueue[Extractor | ExtractWorker] = queue.SimpleQueue()
        self._all: list[Extractor | ExtractWorker] = [
            ExtractWorker(settings) if process else Extractor(settings=settings) for _ in range(count)
        ]
        for slot in self._all:
            self._slots.put(slot)
        self._max_chars = max_chars
        self._thread = ThreadPoolExecutor(max_workers=count, thread_name_prefix="saidwhat-extract")
        self._max_pending = max_pending
        self._pending = 0
        self._pending_lock = threading.Lock()

    async def run_async(
        self,
        *,
        article_id: str,
        text: str | None = None,
        html: str | None = None,
        disconnected: Callable[[], Awaitable[bool]] | None = None,
    ) -> LiveResult:
        """``run`` on the extraction thread; BusyError (503) when too many requests already wait.

        ``disconnected`` (``Request.is_disconnected``) is asked while the work waits or runs: once the
        client has gone, the extraction stops at its next step and the request ends.
        """
        with self._pending_lock:
            if self._pending >= self._max_pending:
                raise BusyError(f"{self._pending} extractions are waiting; try again in a few seconds")
            self._pending += 1
        gone = threading.Event()
        try:
            job = functools.partial(
                self.run, article_id=article_id, text=text, html=html, cancelled=gone.is_set
            )
            future = asyncio.get_running_loop().run_in_executor(self._thread, job)
            while disconnected is not None and not future.done():
                await asyncio.wait([future], timeout=POLL_SECONDS)
                if not future.done() and await disconnected():
                    gone.set()
            return await future
        finally:
            gone.set()  # if this coroutine was cancelled, the thread stops too
            with self._pending_lock:
                self._pending -= 1

    def run(
        self,
        *,
        article_id: str,
        text: str | None = None,
        html: str | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> LiveResult:
        """Raises InputError (400/413) for input that is not an article, TooSlowError (422) past the
        time budget or once ``cancelled()``."""
        title: str | None = None
        article_id = clean_text(article_id)
        if html is not None:
            html = clean_text(html)
            check_text(html, max_chars=self._max_chars * 5)  # pages carry markup; the text limit follows
            page = html_article(html, article_id=article_id, source=None)
            if isinstance(page, Failure):
                raise InputError(page.reason)
            text, title = page.text, page.title
        text = clean_text(text or "")
        check_text(text, max_chars=self._max_chars)
        slot = self._slots.get()  # a free extractor: each runs one article at a time
        try:
            article = Article(id=article_id, text=text, title=title)
            extraction = slot.extract(article, cancelled=cancelled)
        finally:
            self._slots.put(slot)
        return LiveResult(extraction=extraction, text=text, title=title)

    def warm_up(self) -> None:
        """Load the model of every extractor now rather than on the first requests."""
        for slot in self._all:
            if isinstance(slot, ExtractWorker):
                slot.warm_up()
            else:
                _ = slot.nlp

    def close(self) -> None:
        """Stop the extraction processes, if there are any."""
        for slot in self._all:
            if isinstance(slot, ExtractWorker):
                slot.close()
