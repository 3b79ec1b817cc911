"""Quotes as pandas DataFrames: one row per quote, with the columns of the store's ``quotes_resolved``.

``to_frame(extractions)`` builds it from Extractions in memory (or spaCy Docs the ``saidwhat``
component has run on); ``Store.quotes_frame(**filters)`` reads it from a store. pandas is an optional
extra (``saidwhat[pandas]``), imported here only, with an error that says how to install it.

In memory there is no store to number rows or merge speakers across articles, so ``quote_id`` and
``article_id`` count from 1 in input order (as a first ingest of the same articles would number them),
``speaker`` is the article's fullest name for the speaker and ``speaker_id`` the store's identity key
for it (``saidwhat.identity``): the same person named the same way in two articles has one key, and an
unnamed source ("a spokesman") is kept to its article.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any

from saidwhat.errors import MissingExtraError
from saidwhat.identity import identity_key, is_description
from saidwhat.model import Extraction, Failure
from saidwhat.store.resolved import COLUMNS
from saidwhat.store.writer import normalise_date

if TYPE_CHECKING:
    import pandas as pd


def require_pandas() -> ModuleType:
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise MissingExtraError("pandas", "pandas") from None


def _extractions(items: Iterable[Any]) -> Iterator[Extraction]:
    """Extractions as given, Failures left out, and a spaCy Doc's ``doc._.saidwhat``."""
    for item in items:
        if isinstance(item, Failure):
            continue
        if not isinstance(item, Extraction):
            found = getattr(getattr(item, "_", None), "saidwhat", None)
            if not isinstance(found, Extraction):
                raise TypeError(
                    f"expected an Extraction, a Failure or a Doc saidwhat ran on, got {item!r:.80}"
                )
            item = found
        yield item


def quote_rows(items: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """One record per quote, with ``COLUMNS`` as keys."""
    quote_id = 0
    for article_id, extraction in enumerate(_extractions(items), start=1):
        article = extraction.article
        date = normalise_date(article.date)  # as the store keeps it: ISO 8601, or None
        for quote in extraction.quotes:
            quote_id += 1
            speaker = quote.speaker
            key = identity_key(speaker.name, speaker.kind, article_id=article.id) if speaker else None
            yield {
                "quote_id": quote_id,
                "article_id": article_id,
                "article_title": article.title,
                "source": article.source,
                "date": date,
                "month": date[:7] if date else None,
                "url": article.url,
                "article_ext_id": article.id,
                "text": quote.text,
                "type": quote.type,
                "kind": quote.kind,
                "confidence": round(quote.confidence, 2),
                "cue": quote.cue.text if quote.cue else None,
                "speaker_id": key,
                "speaker": speaker.name if speaker else None,
                "speaker_kind": speaker.kind if speaker else None,
                "speaker_is_description": int(is_description(key)) if key is not None else None,
                "start_char": quote.start,
                "end_char": quote.end,
                "speaker_how": quote.how if speaker else None,  # as the store keeps it
            }


def to_frame(extractions: Iterable[Any]) -> pd.DataFrame:
    """One row per quote of ``extractions`` (Extractions, Failures, which have none, or spaCy Docs the
    ``saidwhat`` component ran on), with the columns of the store's ``quotes_resolved`` view."""
    pandas = require_pandas()
    return pandas.DataFrame.from_records(list(quote_rows(extractions)), columns=list(COLUMNS))
