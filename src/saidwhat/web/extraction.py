"""Live extraction for the API and the paste page: one Extractor, loaded lazily, run on one thread.

spaCy pipelines are not documented as thread-safe, and extraction is CPU-bound under the GIL anyway, so one
dedicated thread costs no throughput. Requests wait for it without holding a worker thread, so a burst of
extractions cannot starve search and pages; past ``max_pending`` waiting requests the answer is a 503.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from saidwhat.errors import InputError, SaidwhatError
from saidwhat.ingest.text import html_article
from saidwhat.model import Article, Extraction, Failure
from saidwhat.pipeline import Extractor, Settings
from saidwhat.textinput import check_text
from saidwhat.web.deps import clean_text


class BusyError(SaidwhatError):
    """Too many extractions are already waiting; the client should try again shortly."""

    status = 503


@dataclass(frozen=True, slots=True)
class LiveResult:
    """An extraction and the text its offsets point into."""

    extraction: Extraction
    text: str
    title: str | None


class LiveExtractor:
    """Text or HTML in, Extraction out, with the web's size limit."""

    def __init__(self, model: str | None, max_chars: int, max_pending: int = 64) -> None:
        self._extractor = Extractor(settings=Settings(model=model, max_chars=max_chars))
        self._max_chars = max_chars
        self._lock = threading.Lock()
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="saidwhat-extract")
        self._max_pending = max_pending
        self._pending = 0
        self._pending_lock = threading.Lock()

    async def run_async(
        self, *, article_id: str, text: str | None = None, html: str | None = None
    ) -> LiveResult:
        """``run`` on the extraction thread; BusyError (503) when too many requests already wait."""
        with self._pending_lock:
            if self._pending >= self._max_pending:
                raise BusyError(f"{self._pending} extractions are waiting; try again in a few seconds")
            self._pending += 1
        try:
            job = functools.partial(self.run, article_id=article_id, text=text, html=html)
            return await asyncio.get_running_loop().run_in_executor(self._thread, job)
        finally:
            with self._pending_lock:
                self._pending -= 1

    def run(self, *, article_id: str, text: str | None = None, html: str | None = None) -> LiveResult:
        """Raises InputError (400/413) for input that is not an article."""
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
        with self._lock:
            extraction = self._extractor.extract(Article(id=article_id, text=text, title=title))
        return LiveResult(extraction=extraction, text=text, title=title)

    def warm_up(self) -> None:
        """Load the model now rather than on the first request."""
        with self._lock:
            _ = self._extractor.nlp
