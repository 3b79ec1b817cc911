"""Live extraction for the API and the paste page: one Extractor, loaded lazily, used by one thread at a time.

spaCy pipelines are not documented as thread-safe, and extraction is CPU-bound under the GIL anyway, so a
lock costs no throughput and rules out a class of heisenbugs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from saidwhat.model import Article, Extraction
from saidwhat.pipeline import Extractor, Settings
from saidwhat.textinput import check_text
from saidwhat.web.deps import clean_text
from saidwhat.web.htmltext import main_text


@dataclass(frozen=True, slots=True)
class LiveResult:
    """An extraction and the text its offsets point into."""

    extraction: Extraction
    text: str
    title: str | None


class LiveExtractor:
    """Text or HTML in, Extraction out, with the web's size limit."""

    def __init__(self, model: str | None, max_chars: int) -> None:
        self._extractor = Extractor(settings=Settings(model=model, max_chars=max_chars))
        self._max_chars = max_chars
        self._lock = threading.Lock()

    def run(self, *, article_id: str, text: str | None = None, html: str | None = None) -> LiveResult:
        """Raises InputError (400/413) for input that is not an article."""
        title: str | None = None
        article_id = clean_text(article_id)
        if html is not None:
            html = clean_text(html)
            check_text(html, max_chars=self._max_chars * 5)  # pages carry markup; the text limit follows
            page = main_text(html)
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
