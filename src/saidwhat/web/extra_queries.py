"""The few read-only questions the web pages ask that ``saidwhat.store.queries`` does not answer yet.

Parameters only, never string-built values; each function takes an open (read-only) connection.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QuoteMarks:
    """Where a stored quote's speaker mention and cue are in the article text."""

    mention: tuple[int, int] | None
    cue: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: int
    title: str | None
    date: str | None
    source: str | None
    quotes: int


def quote_marks(conn: sqlite3.Connection, article_id: int) -> dict[int, QuoteMarks]:
    """Mention and cue offsets of every quote in one article, by quote id."""
    rows = conn.execute(
        "SELECT q.id, q.cue_start, q.cue_end,"
        " (SELECT m.start_char FROM mentions m WHERE m.quote_id = q.id ORDER BY m.id LIMIT 1) AS m_start,"
        " (SELECT m.end_char FROM mentions m WHERE m.quote_id = q.id ORDER BY m.id LIMIT 1) AS m_end"
        " FROM quotes q WHERE q.article_id = ?",
        (article_id,),
    )
    marks = {}
    for quote_id, cue_start, cue_end, m_start, m_end in rows:
        cue = (cue_start, cue_end) if cue_start is not None and cue_end is not None else None
        mention = (m_start, m_end) if m_start is not None and m_end is not None else None
        marks[int(quote_id)] = QuoteMarks(mention=mention, cue=cue)
    return marks


def quotes_per_day(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Quotes in dated articles per article day, oldest first."""
    rows = conn.execute(
        "SELECT substr(a.date, 1, 10) AS day, count(*) FROM quotes q JOIN articles a ON a.id = q.article_id"
        " WHERE a.date IS NOT NULL GROUP BY day ORDER BY day"
    )
    return [(str(day), int(n)) for day, n in rows]


def sources(conn: sqlite3.Connection, limit: int = 200) -> list[str]:
    """Distinct article sources, most articles first, for the search filter."""
    rows = conn.execute(
        "SELECT source FROM articles WHERE source IS NOT NULL AND source != ''"
        " GROUP BY source ORDER BY count(*) DESC, source LIMIT ?",
        (limit,),
    )
    return [str(r[0]) for r in rows]


def recent_articles(conn: sqlite3.Connection, limit: int = 8) -> list[ArticleSummary]:
    """The newest articles (by article date, then by when they were stored) with their quote counts."""
    rows = conn.execute(
        "SELECT a.id, a.title, a.date, a.source, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)"
        " FROM articles a ORDER BY a.date IS NULL, a.date DESC, a.id DESC LIMIT ?",
        (limit,),
    )
    return [ArticleSummary(int(r[0]), r[1], r[2], r[3], int(r[4])) for r in rows]
