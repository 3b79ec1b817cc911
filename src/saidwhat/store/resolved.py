"""The ``quotes_resolved`` view (one row per quote with its canonical speaker and its article), filtered.

``Store.quotes_frame`` reads it into pandas; the filters are those of ``search_quotes``, applied by the
same ``quote_filter`` as searches, downloads and export.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from saidwhat.store.queries import quote_filter

# The view's columns, in its order (migrations 004 and 008); a test holds them to the view itself.
COLUMNS: tuple[str, ...] = (
    "quote_id",
    "article_id",
    "article_title",
    "source",
    "date",
    "month",
    "url",
    "article_ext_id",
    "text",
    "type",
    "kind",
    "confidence",
    "cue",
    "speaker_id",
    "speaker",
    "speaker_kind",
    "speaker_is_description",
    "start_char",
    "end_char",
    "speaker_how",
)


def resolved_query(conn: sqlite3.Connection, **filters: Any) -> tuple[str, list[Any]] | None:
    """SQL and parameters for the view's rows that match ``filters``, in article order; None when the
    filters cannot match anything (a speaker nobody is, a text with no words)."""
    found = quote_filter(conn, **filters)
    if found.empty:
        return None
    select = ", ".join(f"r.{name}" for name in COLUMNS)
    sql = f"SELECT {select} FROM quotes_resolved r"
    if found.where:
        sql += (
            " WHERE r.quote_id IN (SELECT q.id FROM quotes_corrected q JOIN articles a ON a.id = q.article_id"
            f" LEFT JOIN speakers s ON s.id = q.speaker_id {found.joins()}{found.clause()})"
        )
    return f"{sql} ORDER BY r.article_id, r.start_char, r.quote_id", list(found.params)
