"""Executor side: the very same Extractor over one partition, one model load per Python worker.

Spark reuses Python workers between tasks (``spark.python.worker.reuse``), so the Extractor cached
here loads spaCy once per worker process and then batches every partition through ``nlp.pipe``.
Output rows follow ``schema.RESULT_SCHEMA``: nested per article, flattened later by Spark.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from pyspark.sql import Row

from saidwhat.identity import identity_key, is_partial, surname
from saidwhat.model import Article, Extraction, Failure, Quote, Speaker
from saidwhat.pipeline import Extractor, Settings
from saidwhat.spark.records import to_articles

_EXTRACTORS: dict[Settings, Extractor] = {}


def worker_extractor(settings: Settings) -> Extractor:
    """This worker's Extractor for ``settings``, created (and its model loaded) on first use."""
    if settings not in _EXTRACTORS:
        _EXTRACTORS[settings] = Extractor(settings=settings)
    return _EXTRACTORS[settings]


def _quote_row(index: int, quote: Quote, keys: dict[str, str]) -> tuple[Any, ...]:
    speaker, mention, cue = quote.speaker, quote.mention, quote.cue
    return (
        index,
        quote.start,
        quote.end,
        [(s.start, s.end) for s in quote.spans],
        quote.text,
        quote.type,
        speaker.id if speaker else None,
        speaker.name if speaker else None,
        speaker.kind if speaker else None,
        keys.get(speaker.id) if speaker else None,
        mention.text if mention else None,
        mention.start if mention else None,
        mention.end if mention else None,
        cue.text if cue else None,
        cue.start if cue else None,
        cue.end if cue else None,
        float(quote.confidence),
        quote.kind,
    )


def _speaker_row(index: int, speaker: Speaker, key: str, quote_count: int) -> tuple[Any, ...]:
    return (
        index,
        speaker.id,
        speaker.name,
        speaker.kind,
        list(speaker.aliases),
        list(speaker.titles),
        key,
        surname(key),
        is_partial(key),
        quote_count,
        speaker.gender,
        speaker.gender_evidence,
        json.dumps([list(c) for c in speaker.gender_counts]) if speaker.gender_counts else None,
    )


def extraction_row(extraction: Extraction) -> tuple[Any, ...]:
    """An Extraction as one RESULT_SCHEMA row, each speaker with its cross-article identity key."""
    article = extraction.article
    keys = {s.id: identity_key(s.name, s.kind, article_id=article.id) for s in extraction.speakers}
    counts: dict[str, int] = {}
    for quote in extraction.quotes:
        if quote.speaker is not None:
            counts[quote.speaker.id] = counts.get(quote.speaker.id, 0) + 1
    return (
        article.id,
        article.text,
        article.title,
        article.url,
        article.date,
        article.source,
        article.byline,
        [_quote_row(i, q, keys) for i, q in enumerate(extraction.quotes)],
        [_speaker_row(i, s, keys[s.id], counts.get(s.id, 0)) for i, s in enumerate(extraction.speakers)],
        None,
        None,
    )


def failure_row(failure: Failure) -> tuple[Any, ...]:
    """A Failure as one RESULT_SCHEMA row; ``source`` travels in the article's source column."""
    return (
        failure.article_id,
        None,
        None,
        None,
        None,
        failure.source,
        None,
        None,
        None,
        failure.stage,
        failure.reason,
    )


def extract_partition(settings: Settings, rows: Iterable[Row]) -> Iterator[tuple[Any, ...]]:
    """Read, extract and flatten one partition; bad records come out as failure rows, never raise."""
    extractor = worker_extractor(settings)
    failures: list[Failure] = []
    sources: dict[str, str | None] = {}

    def articles() -> Iterator[Article]:
        for row in rows:
            for item in to_articles(row.asDict()):
                if isinstance(item, Failure):
                    failures.append(item)
                else:
                    sources[item.id] = item.source
                    yield item

    for result in extractor.pipe(articles()):
        while failures:
            yield failure_row(failures.pop())
        if isinstance(result, Failure):
            yield failure_row(
                Failure(result.article_id, result.stage, result.reason, sources.get(result.article_id))
            )
        else:
            yield extraction_row(result)
        sources.pop(result.article_id if isinstance(result, Failure) else result.article.id, None)
    while failures:
        yield failure_row(failures.pop())
