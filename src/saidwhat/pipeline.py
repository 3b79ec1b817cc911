"""The Extractor: one model load, then articles in and Extractions (or Failures) out.

Data flows one way, through the stages ``saidwhat.extraction`` lists in order: Article -> spaCy Doc
(text) -> quotation marks (quotes) and cues -> candidate quotes (candidates) -> resolved speakers
(speakers) -> the guideline's quotes, with kinds and confidence (report) -> Extraction. A batch never stops for one bad article: it yields a Failure and goes on,
also when an article takes longer than the time budget (``Settings.time_budget``): that one becomes a
Failure "took too long" of the stage it was in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from saidwhat.article_text import check_text, tokenizer_safe
from saidwhat.budget import Deadline, TookTooLong
from saidwhat.errors import InputError, TooSlowError
from saidwhat.extraction.report.build import assemble
from saidwhat.extraction.speakers.gazetteer import warm_tables
from saidwhat.extraction.speakers.gender import with_names
from saidwhat.extraction.text.loading import TEXT_KEY, load_model
from saidwhat.model import Article, Extraction, Failure
from saidwhat.settings import Settings

WARM_ARTICLES = 1_000  # articles whose new words stay in the vocabulary, before memory zones begin


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
            warm_tables()  # places and first names load with the model, not inside the first article
        return self._nlp

    def _from_doc(self, doc: Doc, article: Article) -> Extraction:
        return from_doc(doc, article, self.settings)

    def extract(
        self, text: str | Article, *, article_id: str = "article", cancelled: Callable[[], bool] | None = None
    ) -> Extraction:
        """Extract from one article; raises an InputError for text that is not an article, and a
        TooSlowError when it takes longer than the time budget or ``cancelled()`` turns true."""
        article = text if isinstance(text, Article) else Article(id=article_id, text=text)
        check_text(article.text, max_chars=self.settings.max_chars)
        deadline = Deadline(self.settings.time_budget, cancelled)
        try:
            with self._memory_zone(1), deadline.enforce():
                (doc,) = self._parse([article.text], deadline)
                deadline.check("extract")
                extraction = self._from_doc(doc, article)
                deadline.check("end")
                return extraction
        except TookTooLong as exc:
            raise TooSlowError(_stage(exc.step), exc.describe()) from None

    def pipe(self, articles: Iterable[Article]) -> Iterator[Extraction | Failure]:
        """Extract from a stream in batches, in input order; a bad article yields a Failure."""
        iterator = iter(articles)
        while batch := list(islice(iterator, self.settings.batch_size)):
            with self._memory_zone(len(batch)):
                results = list(self._run_batch(batch))
            yield from results

    def _parse(self, texts: list[str], deadline: Deadline) -> list[Doc]:
        """``nlp.pipe`` over ``texts``, one component at a time so the deadline is checked in between.

        spaCy's tokenizer sees the text with long runs of punctuation neutralised (``tokenizer_safe``):
        same length, so every offset holds. Everything after it reads the original text (``doc_text``),
        so quotes and their text are those of the article as given.
        """
        nlp = self.nlp
        docs = []
        for text in texts:
            deadline.check("tokenizer")
            safe = tokenizer_safe(text)
            doc = nlp.make_doc(safe)
            if safe != text:
                doc.user_data[TEXT_KEY] = text
            docs.append(doc)
        for name, proc in nlp.pipeline:
            deadline.check(name)
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=nlp.batch_size))
            else:
                docs = [proc(doc) for doc in docs]
        return docs

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
        budget = self.settings.time_budget
        # The batch together may take twice one article's budget; past that (or on any error) the
        # articles are redone one by one, each with its own budget, to find the one at fault.
        deadline = Deadline(None if budget is None or len(good) <= 1 else 2 * budget)
        try:
            with deadline.enforce():
                docs = self._parse([batch[i].text for i in good], deadline) if len(good) > 1 else []
        except (Exception, TookTooLong):
            docs = []
        if docs and len(docs) == len(good):
            for i, doc in zip(good, docs, strict=True):
                results[i] = self._safe_assemble(doc, batch[i])
        else:
            for i in good:
                results[i] = self._one(batch[i])
        yield from (r for r in results if r is not None)

    def _one(self, article: Article) -> Extraction | Failure:
        deadline = Deadline(self.settings.time_budget)
        try:
            with deadline.enforce():
                try:
                    (doc,) = self._parse([article.text], deadline)
                except Exception as exc:
                    return Failure(article.id, "nlp", f"{type(exc).__name__}: {exc}")
                deadline.check("extract")
                result = self._safe_assemble(doc, article)
                deadline.check("end")
                return result
        except TookTooLong as exc:
            return Failure(article.id, _stage(exc.step), exc.describe())

    def _safe_assemble(self, doc: Doc, article: Article) -> Extraction | Failure:
        try:
            return self._from_doc(doc, article)
        except Exception as exc:
            return Failure(article.id, "extract", f"{type(exc).__name__}: {exc}")


def from_doc(doc: Doc, article: Article, settings: Settings) -> Extraction:
    """The Extraction of an article from its parsed Doc, under ``settings``: what the Extractor and the
    spaCy component (``saidwhat.spacy_component``) both run after the parse."""
    extraction = assemble(doc, article, keep_not_speech=settings.keep_not_speech, scope=settings.scope)
    return with_names(extraction) if settings.name_gender else extraction


def _stage(step: str) -> str:
    """The Failure stage of a pipeline step: spaCy's steps are "nlp", assembling quotes is "extract"."""
    return "extract" if step in ("extract", "end") else "nlp"


def extract(text: str, *, model: str | None = None) -> Extraction:
    """Who said what in one article's text."""
    return _default_extractor(model).extract(text)


_EXTRACTORS: dict[str | None, Extractor] = {}


def _default_extractor(model: str | None) -> Extractor:
    if model not in _EXTRACTORS:
        _EXTRACTORS[model] = Extractor(model)
    return _EXTRACTORS[model]
