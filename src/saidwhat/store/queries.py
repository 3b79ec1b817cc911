"""Read-only questions to the store, shared by the CLI and the web app.

Open a database with ``open_db(path)`` (read-only, ``mode=ro``) and pass the connection to any
function here. Every function returns plain frozen dataclasses with a ``to_dict()`` for JSON.

Speakers are reported by their *canonical* id: a partial name ("Trump") attached to a full one
("Donald Trump") by ``saidwhat.identity`` is counted and listed under the full one.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from saidwhat.errors import NotFoundError
from saidwhat.identity import attach_partial, identity_key
from saidwhat.store.connection import connect_readonly

# SQL for "the canonical speaker of this speaker row".
CANONICAL = "coalesce(s.canonical_id, s.id)"
_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)


@contextmanager
def open_db(path: str | Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the store at ``path``, closed on exit."""
    conn = connect_readonly(path)
    try:
        yield conn
    finally:
        conn.close()


def fts_query(text: str) -> str | None:
    """User words as a safe FTS5 query: every word must occur (quoted, so no FTS syntax leaks in)."""
    words = _FTS_TOKEN.findall(text)
    return " ".join(f'"{w}"' for w in words) or None


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """A speaker as shown beside a quote."""

    id: int
    name: str
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """One quote with the article it comes from and its (canonical) speaker."""

    id: int
    text: str
    type: str
    start: int
    end: int
    spans: list[list[int]]
    confidence: float
    cue: str | None
    mention: str | None
    speaker: SpeakerRef | None
    article_id: int
    article_ext_id: str
    article_title: str | None
    article_url: str | None
    article_date: str | None
    article_source: str | None
    highlight: str | None = None
    kind: str = "speech"  # speech, writing, thought or finding  # the quote with matched words in [brackets], when searching text

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["speaker"] = self.speaker.to_dict() if self.speaker else None
        return data


@dataclass(frozen=True, slots=True)
class Page:
    """A page of quotes: ``total`` counts all matches, ``items`` holds ``limit`` from ``offset``."""

    items: list[QuoteHit]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [q.to_dict() for q in self.items],
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
        }


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    """A canonical speaker with how much they said."""

    id: int
    name: str
    kind: str
    quotes: int
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SpeakerDetail:
    """One canonical speaker: names, titles, and quotes per day (``date`` None: undated articles)."""

    id: int
    name: str
    kind: str
    quotes: int
    articles: int
    aliases: list[tuple[str, int]] = field(default_factory=list)  # (alias, times seen), most seen first
    titles: list[tuple[str, int]] = field(default_factory=list)
    per_day: list[tuple[str | None, int]] = field(default_factory=list)  # (YYYY-MM-DD, quotes), by date

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "quotes": self.quotes,
            "articles": self.articles,
            "aliases": [{"alias": a, "count": n} for a, n in self.aliases],
            "titles": [{"title": t, "count": n} for t, n in self.titles],
            "per_day": [{"date": d, "quotes": n} for d, n in self.per_day],
        }


@dataclass(frozen=True, slots=True)
class ArticleDetail:
    """One stored article with its text and its quotes in text order."""

    id: int
    ext_id: str
    title: str | None
    url: str | None
    date: str | None
    source: str | None
    byline: str | None
    text: str
    quotes: list[QuoteHit]

    def to_dict(self) -> dict[str, Any]:
        data = {
            k: getattr(self, k) for k in ("id", "ext_id", "title", "url", "date", "source", "byline", "text")
        }
        data["quotes"] = [q.to_dict() for q in self.quotes]
        return data


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts of what the store holds; ``speakers`` counts canonical named speakers."""

    articles: int
    quotes: int
    speakers: int
    descriptions: int  # article-scoped unnamed sources ("officials", "the company")
    failures: int
    attributed_quotes: int
    schema_version: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_QUOTE_SELECT = f"""
SELECT q.id, q.text, q.type, q.kind, q.start_char, q.end_char, q.spans, q.confidence, q.cue,
       (SELECT m.text FROM mentions m WHERE m.quote_id = q.id LIMIT 1) AS mention,
       c.id AS speaker_id, c.name AS speaker_name, c.kind AS speaker_kind,
       a.id AS article_id, a.ext_id, a.title, a.url, a.date, a.source{{highlight}}
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN speakers c ON c.id = {CANONICAL}
"""


def _hit(row: sqlite3.Row, highlight: bool = False) -> QuoteHit:
    speaker = None
    if row["speaker_id"] is not None:
        speaker = SpeakerRef(row["speaker_id"], row["speaker_name"], row["speaker_kind"])
    return QuoteHit(
        id=row["id"],
        text=row["text"],
        type=row["type"],
        start=row["start_char"],
        end=row["end_char"],
        spans=json.loads(row["spans"]),
        confidence=row["confidence"],
        cue=row["cue"],
        mention=row["mention"],
        speaker=speaker,
        article_id=row["article_id"],
        article_ext_id=row["ext_id"],
        article_title=row["title"],
        article_url=row["url"],
        article_date=row["date"],
        article_source=row["source"],
        highlight=row["highlight"] if highlight else None,
        kind=row["kind"],
    )


def find_speakers(conn: sqlite3.Connection, name: str) -> list[int]:
    """Canonical ids of the speakers ``name`` refers to.

    First by identity (the same rule as ingest: "President Trump" finds "Donald Trump"); if that
    finds nobody, every speaker one of whose names contains all the words of ``name``.
    """
    key = identity_key(name, "person")
    rows = conn.execute(
        "SELECT key FROM speakers WHERE surname = ? AND is_description = 0", (key.rsplit(" ", 1)[-1],)
    ).fetchall()
    target = attach_partial(key, [r[0] for r in rows])
    row = conn.execute(f"SELECT {CANONICAL} FROM speakers s WHERE s.key = ?", (target,)).fetchone()
    if row is not None:
        return [int(row[0])]
    query = fts_query(name)
    if query is None:
        return []
    rows = conn.execute(
        f"SELECT DISTINCT {CANONICAL} FROM speaker_aliases sa JOIN speakers s ON s.id = sa.speaker_id"
        " WHERE sa.id IN (SELECT rowid FROM speaker_names_fts WHERE speaker_names_fts MATCH ?)",
        (query,),
    ).fetchall()
    return sorted(int(r[0]) for r in rows)


def search_quotes(
    conn: sqlite3.Connection,
    text: str | None = None,
    *,
    speaker: str | None = None,
    speaker_id: int | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    type: str | None = None,
    kind: str | None = None,
    article_id: int | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Page:
    """Quotes matching every given filter, best FTS match first when ``text`` is given, else newest.

    ``speaker`` is a name (resolved with ``find_speakers``), ``speaker_id`` a canonical id;
    ``since``/``until`` are inclusive ISO dates compared with the article date (undated articles
    drop out when either is given); ``source`` matches the article source exactly; ``type`` is
    direct, mixed or indirect; ``kind`` is speech, writing, thought or finding, or several of them
    separated by commas.
    """
    where: list[str] = []
    params: list[Any] = []
    order = "a.date IS NULL, a.date DESC, q.article_id, q.seq"
    highlight = ""
    query = fts_query(text) if text else None
    if text and query is None:
        return Page([], 0, limit, offset)
    if query is not None:
        where.append("quotes_fts MATCH ?")
        params.append(query)
        highlight = ", highlight(quotes_fts, 0, '[', ']') AS highlight"
        order = "quotes_fts.rank, q.id"
    speaker_ids: list[int] = []
    if speaker is not None:
        speaker_ids = find_speakers(conn, speaker)
        if not speaker_ids:
            return Page([], 0, limit, offset)
    if speaker_id is not None:
        speaker_ids.append(speaker_id)
    if speaker_ids:
        where.append(f"{CANONICAL} IN ({','.join('?' * len(speaker_ids))})")
        params.extend(speaker_ids)
    if since:
        where.append("substr(a.date, 1, 10) >= ?")
        params.append(since[:10])
    if until:
        where.append("substr(a.date, 1, 10) <= ?")
        params.append(until[:10])
    if source:
        where.append("a.source = ?")
        params.append(source)
    if type:
        where.append("q.type = ?")
        params.append(type)
    if kind:
        kinds = [k.strip() for k in kind.split(",") if k.strip()]
        where.append(f"q.kind IN ({','.join('?' * len(kinds))})")
        params.extend(kinds)
    if article_id is not None:
        where.append("q.article_id = ?")
        params.append(article_id)
    sql = _QUOTE_SELECT.format(highlight=highlight)
    if query is not None:
        sql += "JOIN quotes_fts ON quotes_fts.rowid = q.id\n"
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT count(*) FROM ({sql}{clause})", params).fetchone()[0]
    rows = conn.execute(f"{sql}{clause} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    return Page([_hit(r, highlight=bool(highlight)) for r in rows], int(total), limit, offset)


def list_speakers(
    conn: sqlite3.Connection,
    *,
    name: str | None = None,
    limit: int = 50,
    offset: int = 0,
    include_descriptions: bool = False,
) -> list[SpeakerSummary]:
    """Canonical speakers by number of quotes, most quoted first; ``name`` filters by name words."""
    where = ["c.canonical_id IS NULL"]
    params: list[Any] = []
    if not include_descriptions:
        where.append("c.is_description = 0")
    if name:
        ids = find_speakers(conn, name)
        if not ids:
            return []
        where.append(f"c.id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    rows = conn.execute(
        f"""
        SELECT c.id, c.name, c.kind, count(q.id) AS quotes, count(DISTINCT q.article_id) AS articles
        FROM speakers c
        JOIN speakers s ON {CANONICAL} = c.id
        JOIN quotes q ON q.speaker_id = s.id
        WHERE {" AND ".join(where)}
        GROUP BY c.id
        ORDER BY quotes DESC, c.name
        LIMIT ? OFFSET ?
        """,
        [*params, limit, offset],
    )
    return [SpeakerSummary(r["id"], r["name"], r["kind"], r["quotes"], r["articles"]) for r in rows]


def get_speaker(conn: sqlite3.Connection, speaker_id: int) -> SpeakerDetail:
    """One speaker (a non-canonical id is followed to its canonical one); NotFoundError if none."""
    row = conn.execute(
        f"SELECT c.id, c.name, c.kind FROM speakers s JOIN speakers c ON c.id = {CANONICAL} WHERE s.id = ?",
        (speaker_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no speaker with id {speaker_id}")
    cid = row["id"]
    members = f"(SELECT s.id FROM speakers s WHERE {CANONICAL} = ?)"
    counts = conn.execute(
        f"SELECT count(*), count(DISTINCT article_id) FROM quotes WHERE speaker_id IN {members}", (cid,)
    ).fetchone()
    aliases = conn.execute(
        f"SELECT alias, sum(count) AS n FROM speaker_aliases WHERE speaker_id IN {members}"
        " GROUP BY alias ORDER BY n DESC, alias",
        (cid,),
    ).fetchall()
    titles = conn.execute(
        f"SELECT title, sum(count) AS n FROM speaker_titles WHERE speaker_id IN {members}"
        " GROUP BY title ORDER BY n DESC, title",
        (cid,),
    ).fetchall()
    per_day = conn.execute(
        f"SELECT substr(a.date, 1, 10) AS day, count(*) FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" WHERE q.speaker_id IN {members} GROUP BY day ORDER BY day IS NULL, day",
        (cid,),
    ).fetchall()
    return SpeakerDetail(
        id=cid,
        name=row["name"],
        kind=row["kind"],
        quotes=counts[0],
        articles=counts[1],
        aliases=[(a[0], a[1]) for a in aliases],
        titles=[(t[0], t[1]) for t in titles],
        per_day=[(d[0], d[1]) for d in per_day],
    )


def get_article(conn: sqlite3.Connection, article_id: int) -> ArticleDetail:
    """One article with its text and quotes; NotFoundError if there is none with that id."""
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no article with id {article_id}")
    quotes = conn.execute(
        _QUOTE_SELECT.format(highlight="") + " WHERE q.article_id = ? ORDER BY q.start_char, q.seq",
        (article_id,),
    )
    return ArticleDetail(
        id=row["id"],
        ext_id=row["ext_id"],
        title=row["title"],
        url=row["url"],
        date=row["date"],
        source=row["source"],
        byline=row["byline"],
        text=row["text"],
        quotes=[_hit(q) for q in quotes],
    )


def list_failures(conn: sqlite3.Connection, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Recorded failures, newest first: what could not be read or processed, at which stage, and why."""
    rows = conn.execute(
        "SELECT article_ext_id, stage, reason, source, created_at FROM failures ORDER BY id DESC LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [dict(r) for r in rows]


def stats(conn: sqlite3.Connection) -> Stats:
    """Counts of articles, quotes, speakers, descriptions and failures."""

    def count(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return Stats(
        articles=count("SELECT count(*) FROM articles"),
        quotes=count("SELECT count(*) FROM quotes"),
        speakers=count(
            "SELECT count(*) FROM speakers c WHERE c.canonical_id IS NULL AND c.is_description = 0"
            f" AND EXISTS (SELECT 1 FROM speakers s JOIN quotes q ON q.speaker_id = s.id WHERE {CANONICAL} = c.id)"
        ),
        descriptions=count("SELECT count(*) FROM speakers WHERE is_description = 1"),
        failures=count("SELECT count(*) FROM failures"),
        attributed_quotes=count("SELECT count(*) FROM quotes WHERE speaker_id IS NOT NULL"),
        schema_version=count("SELECT coalesce(max(version), 0) FROM schema_version"),
    )


__all__ = [
    "ArticleDetail",
    "Page",
    "QuoteHit",
    "SpeakerDetail",
    "SpeakerRef",
    "SpeakerSummary",
    "Stats",
    "find_speakers",
    "fts_query",
    "get_article",
    "get_speaker",
    "list_failures",
    "list_speakers",
    "open_db",
    "search_quotes",
    "stats",
]
