"""Executor side: the very same Extractor over one partition, one model load per Python worker.

Spark reuses Python workers between tasks (``spark.python.worker.reuse``), so the Extractor cached
here loads spaCy once per worker process and then batches every partition through ``nlp.pipe``.
Output rows follow ``saidwhat.datasets.RESULT``, made by column name (``as_row``): nested per
article, flattened later by Spark.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from pyspark.sql import Row

from saidwhat.datasets import ARTICLE_SPEAKER, QUOTE, RESULT, as_row
from saidwhat.formats import FieldMap
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
    return as_row(
        QUOTE,
        {
            "index": index,
            "start": quote.start,
            "end": quote.end,
            "spans": [(s.start, s.end) for s in quote.spans],
            "text": quote.text,
            "type": quote.type,
            "article_speaker_id": speaker.id if speaker else None,
            "speaker_name": speaker.name if speaker else None,
            "speaker_kind": speaker.kind if speaker else None,
            "identity_key": keys.get(speaker.id) if speaker else None,
            "mention": mention.text if mention else None,
            "mention_start": mention.start if mention else None,
            "mention_end": mention.end if mention else None,
            "cue": cue.text if cue else None,
            "cue_start": cue.start if cue else None,
            "cue_end": cue.end if cue else None,
            "confidence": float(quote.confidence),
            "kind": quote.kind,
            "how": quote.how,
        },
    )


def _speaker_row(index: int, speaker: Speaker, key: str, quote_count: int) -> tuple[Any, ...]:
    counts = json.dumps([list(c) for c in speaker.gender_counts]) if speaker.gender_counts else None
    return as_row(
        ARTICLE_SPEAKER,
        {
            "index": index,
            "article_speaker_id": speaker.id,
            "name": speaker.name,
            "kind": speaker.kind,
            "aliases": list(speaker.aliases),
            "titles": list(speaker.titles),
            "identity_key": key,
            "surname": surname(key),
            "partial": is_partial(key),
            "quote_count": quote_count,
            "gender": speaker.gender,
            "gender_evidence": speaker.gender_evidence,
            "gender_counts": counts,
        },
    )


def extraction_row(extraction: Extraction) -> tuple[Any, ...]:
    """An Extraction as one RESULT row, each speaker with its cross-article identity key."""
    article = extraction.article
    keys = {s.id: identity_key(s.name, s.kind, article_id=article.id) for s in extraction.speakers}
    counts: dict[str, int] = {}
    for quote in extraction.quotes:
        if quote.speaker is not None:
            counts[quote.speaker.id] = counts.get(quote.speaker.id, 0) + 1
    return as_row(
        RESULT,
        {
            "article_id": article.id,
            "text": article.text,
            "title": article.title,
            "url": article.url,
            "date": article.date,
            "source": article.source,
            "byline": article.byline,
            "quotes": [_quote_row(i, q, keys) for i, q in enumerate(extraction.quotes)],
            "speakers": [
                _speaker_row(i, s, keys[s.id], counts.get(s.id, 0)) for i, s in enumerate(extraction.speakers)
            ],
            "failure_stage": None,
            "failure_reason": None,
        },
    )


def failure_row(failure: Failure) -> tuple[Any, ...]:
    """A Failure as one RESULT row; ``source`` (where it came from) travels in the source column."""
    row = dict.fromkeys((name for name, _, _ in RESULT), None)
    row.update(
        article_id=failure.article_id,
        source=failure.source,
        failure_stage=failure.stage,
        failure_reason=failure.reason,
    )
    return as_row(RESULT, row)


def extract_partition(
    settings: Settings, rows: Iterable[Row], fields: FieldMap | None = None
) -> Iterator[tuple[Any, ...]]:
    """Read, extract and flatten one partition; bad records come out as failure rows, never raise."""
    extractor = worker_extractor(settings)
    failures: list[Failure] = []
    sources: dict[str, str | None] = {}

    def articles() -> Iterator[Article]:
        for row in rows:
            for item in to_articles(row.asDict(), fields):
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
