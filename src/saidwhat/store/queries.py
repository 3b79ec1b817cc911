"""Read-only questions to the store, shared by the CLI and the web app.

Open a database with ``with Store(path).read() as conn`` (read-only) and pass the connection to any
function here. Every function returns plain frozen dataclasses; those the CLI or the API print as
JSON as they are have a ``to_dict()`` (the speaker and article pages shape their own answers).

Speakers are reported by their *canonical* id: a partial name ("Trump") attached to a full one
("Donald Trump") by ``saidwhat.identity`` is counted and listed under the full one.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from saidwhat.errors import NotFoundError
from saidwhat.identity import attach_partial, identity_key
from saidwhat.store.gender import gender_filter

# SQL for "the canonical speaker of this speaker row".
CANONICAL = "coalesce(s.canonical_id, s.id)"
# Why a quote ``q`` (of quotes_corrected) has its speaker: the extractor's rule and words (quotes.how),
# unless a reader gave it; the same words as migration 008's quotes_resolved.speaker_how.
CORRECTED_HOW = "corrected by a reader"
SPEAKER_HOW = f"CASE WHEN q.speaker_corrected THEN '{CORRECTED_HOW}' ELSE q.how END"
_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """User words as a safe FTS5 query: every word must occur (quoted, so no FTS syntax leaks in)."""
    words = _FTS_TOKEN.findall(text)
    return " ".join(f'"{w}"' for w in words) or None


_SEARCH_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


def search_query(text: str) -> str | None:
    """What a person types into a search box as a safe FTS5 query, or None if it has no words.

    Words must all occur (``wall strike``); ``"a phrase"`` must occur as written; ``OR`` (in capitals)
    between two terms accepts either (``wall OR strike``; it binds tighter than the implicit AND);
    ``word*`` matches words that start with ``word``. Every word reaches FTS5 inside double quotes, so
    no other FTS syntax (columns, NEAR, NOT, parentheses) leaks in.
    """
    groups: list[list[str]] = []
    join_next = False
    for match in _SEARCH_TOKEN.finditer(text):
        phrase, bare = match.group(1), match.group(2)
        if bare == "OR":
            join_next = bool(groups)
            continue
        if phrase is not None:
            words = _FTS_TOKEN.findall(phrase)
            term = '"' + " ".join(words) + '"' if words else None
        else:
            words = _FTS_TOKEN.findall(bare)
            prefix = bare.endswith("*") and bool(words) and bare.rstrip("*").endswith(words[-1])
            term = '"' + " ".join(words) + '"' + (" *" if prefix else "") if words else None
        if term is None:
            continue
        if join_next and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    parts = [g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups]
    return " AND ".join(parts) or None


def search_words(text: str | None) -> str:
    """The plain words of a search, without operators: for telling whether they name a speaker."""
    return " ".join(w for w in _FTS_TOKEN.findall(text or "") if w != "OR")


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """A speaker as shown beside a quote."""

    id: int
    name: str
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# A field the API leaves out of its JSON (FastAPI serialises these rows with pydantic, which reads this).
NOT_IN_API: dict[str, Any] = {"exclude": True}
HOW_HELP = (
    "why this speaker: the rule that linked the speaker mention and the words it went through, or"
    " 'corrected by a reader'; null when the quote has no speaker"
)


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """One quote with the article it comes from and its (canonical) speaker."""

    id: int
    text: str
    type: str  # direct, mixed or indirect
    kind: str  # speech, writing, thought or finding
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
    how: str | None = field(default=None, metadata={"description": HOW_HELP})  # SPEAKER_HOW
    # For the CLI and the pages, not the API: the quote with search matches in brackets, and between
    # MATCH_START and MATCH_END; the two article characters after the quote (a closing mark?).
    highlight: str | None = field(default=None, metadata=NOT_IN_API)
    marked: str | None = field(default=None, metadata=NOT_IN_API)
    after: str | None = field(default=None, metadata=NOT_IN_API)

    def to_dict(self) -> dict[str, Any]:
        """As ``saidwhat search --json`` prints it (the highlight, not the marks or what follows)."""
        data = {name: getattr(self, name) for name in _HIT_KEYS}
        data["speaker"] = self.speaker.to_dict() if self.speaker else None
        return data


_HIT_KEYS = (  # saidwhat search --json's order, older than the fields'
    *("id", "text", "type", "start", "end", "spans", "confidence", "cue", "mention", "speaker"),
    *("article_id", "article_ext_id", "article_title", "article_url", "article_date", "article_source"),
    *("highlight", "kind", "how"),
)


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


# Field descriptions (dataclass metadata) are what the API's OpenAPI description shows for these rows.
GENDER_HELP = "female, male or null (unknown): from the articles' evidence, or a reader's correction"
EVIDENCE_HELP = (
    "what decided the gender: pronoun, honorific, role or name; conflict when the evidence disagrees;"
    " corrected when a reader set it (saidwhat speakers set-gender)"
)


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    """A canonical speaker with how much they said; the gender fields are filled in by
    ``saidwhat.store.gender.with_genders`` (deciding costs the evidence tables, which not every caller needs)."""

    id: int
    name: str
    kind: str  # person, organisation or unknown
    quotes: int
    articles: int
    gender: str | None = field(default=None, metadata={"description": GENDER_HELP})
    gender_evidence: str | None = field(default=None, metadata={"description": EVIDENCE_HELP})
    gender_corrected: bool = field(
        default=False, metadata={"description": "whether a reader corrected the gender"}
    )

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


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts of what the store holds; ``speakers`` counts canonical named speakers, ``people`` those of
    them that are persons (what "who was quoted" means: places and bodies are typed organisations)."""

    articles: int
    quotes: int
    speakers: int
    descriptions: int  # article-scoped unnamed sources ("officials", "the company")
    failures: int
    people: int  # canonical named speakers who are persons
    attributed_quotes: int
    schema_version: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_QUOTE_SELECT = f"""
SELECT q.id, q.text, q.type, q.kind, q.start_char, q.end_char, q.spans, q.confidence, q.cue,
       CASE WHEN q.speaker_corrected THEN NULL
            ELSE (SELECT m.text FROM mentions m WHERE m.quote_id = q.id LIMIT 1) END AS mention,
       c.id AS speaker_id, c.name AS speaker_name, c.kind AS speaker_kind,
       a.id AS article_id, a.ext_id, a.title, a.url, a.date, a.source,
       substr(a.text, q.end_char + 1, 2) AS after, {SPEAKER_HOW} AS how{{highlight}}
FROM quotes_corrected q
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
        highlight=_brackets(row["highlight"]) if highlight else None,
        kind=row["kind"],
        marked=row["highlight"] if highlight else None,
        after=row["after"],
        how=row["how"],
    )


def _brackets(marked: str | None) -> str | None:
    if marked is None:
        return None
    return marked.replace(MATCH_START, "[").replace(MATCH_END, "]")


def match_runs(hit: QuoteHit) -> list[tuple[str, bool]]:
    """The quote as (piece, is_match) runs: the words the text search matched (stems included)."""
    if not hit.marked:
        return [(hit.text, False)]
    runs: list[tuple[str, bool]] = []
    for n, piece in enumerate(re.split(f"[{MATCH_START}{MATCH_END}]", hit.marked)):
        if piece:
            runs.append((piece, n % 2 == 1))
    return runs


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


SORTS: tuple[str, ...] = ("relevance", "date", "oldest", "confidence")
# Private-use characters around matched words: unlike brackets, they never occur in a quote.
MATCH_START, MATCH_END = "\ue000", "\ue001"


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """The SQL of a set of quote filters over ``_QUOTE_SELECT``'s aliases (q, a, s, c)."""

    where: list[str]
    params: list[Any]
    fts: bool  # joins quotes_fts (the text filter is given)
    empty: bool = False  # the filters cannot match anything (no such speaker, no words)
    speaker_ids: tuple[int, ...] = ()

    def clause(self) -> str:
        return (" WHERE " + " AND ".join(self.where)) if self.where else ""

    def joins(self) -> str:
        return "JOIN quotes_fts ON quotes_fts.rowid = q.id\n" if self.fts else ""


def article_filter(
    *, since: str | None = None, until: str | None = None, month: str | None = None, source: str | None = None
) -> tuple[list[str], list[Any]]:
    """Conditions on the article ``a`` (its day, month and source) and their parameters: the one
    reading of these filters that quote searches and the diversity report share."""
    where: list[str] = []
    params: list[Any] = []
    if since:
        where.append("substr(a.date, 1, 10) >= ?")
        params.append(since[:10])
    if until:
        where.append("substr(a.date, 1, 10) <= ?")
        params.append(until[:10])
    if month == UNDATED:
        where.append("(a.date IS NULL OR a.date = '')")
    elif month:
        where.append("substr(a.date, 1, 7) = ?")
        params.append(month[:7])
    if source:
        where.append("a.source = ?")
        params.append(source)
    return where, params


def quote_filter(
    conn: sqlite3.Connection,
    text: str | None = None,
    *,
    speaker: str | None = None,
    speaker_id: int | None = None,
    since: str | None = None,
    until: str | None = None,
    month: str | None = None,
    source: str | None = None,
    type: str | None = None,
    kind: str | None = None,
    article_id: int | None = None,
    min_confidence: float | None = None,
) -> QuoteFilter:
    """The filters of ``search_quotes`` as SQL, shared by searches, facets, downloads and export."""
    where: list[str] = []
    params: list[Any] = []
    query = search_query(text) if text else None
    if text and query is None:
        return QuoteFilter([], [], False, empty=True)
    if query is not None:
        where.append("quotes_fts MATCH ?")
        params.append(query)
    speaker_ids: list[int] = []
    if speaker is not None:
        speaker_ids = find_speakers(conn, speaker)
        if not speaker_ids:
            return QuoteFilter([], [], False, empty=True)
    if speaker_id is not None:
        speaker_ids = [i for i in speaker_ids if i == speaker_id] if speaker is not None else [speaker_id]
        if not speaker_ids:
            return QuoteFilter([], [], False, empty=True)
    if speaker_ids:
        marks = ",".join("?" * len(speaker_ids))
        where.append(f"{CANONICAL} IN ({marks})")
        params.extend(speaker_ids)
        where.append(spoken_by(f"(SELECT s.id FROM speakers s WHERE {CANONICAL} IN ({marks}))"))
        params.extend(speaker_ids * 2)
    article_where, article_params = article_filter(since=since, until=until, month=month, source=source)
    where += article_where
    params += article_params
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
    if min_confidence is not None:
        where.append("q.confidence >= ?")
        params.append(float(min_confidence))
    return QuoteFilter(where, params, query is not None, speaker_ids=tuple(speaker_ids))


def quote_order(sort: str | None, fts: bool) -> str:
    if sort not in SORTS:
        sort = "relevance" if fts else "date"
    if sort == "relevance" and not fts:
        sort = "date"
    return {
        "relevance": "quotes_fts.rank, q.id",
        "date": "a.date IS NULL, a.date DESC, q.article_id, q.seq",
        "oldest": "a.date IS NULL, a.date, q.article_id, q.seq",
        "confidence": "q.confidence DESC, q.id",
    }[sort]


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
    month: str | None = None,
    min_confidence: float | None = None,
    sort: str | None = None,
) -> Page:
    """Quotes matching every given filter, best FTS match first when ``text`` is given, else newest.

    ``text`` is words (stemmed: "strike" finds "strikes"), "quoted phrases", ``OR`` between
    alternatives and ``word*`` prefixes (``search_query``); ``speaker`` is a name (resolved with
    ``find_speakers``), ``speaker_id`` a canonical id; ``since``/``until`` are inclusive ISO dates
    compared with the article date (undated articles drop out when either is given), ``month`` a
    YYYY-MM; ``source`` matches the article source exactly; ``type`` is direct, mixed or indirect;
    ``kind`` is speech, writing, thought or finding, or several of them separated by commas;
    ``min_confidence`` drops less certain quotes; ``sort`` is one of ``SORTS``.
    """
    found = quote_filter(
        conn,
        text,
        speaker=speaker,
        speaker_id=speaker_id,
        since=since,
        until=until,
        month=month,
        source=source,
        type=type,
        kind=kind,
        article_id=article_id,
        min_confidence=min_confidence,
    )
    if found.empty:
        return Page([], 0, limit, offset)
    sql, params = _quote_sql(found, sort)
    total = conn.execute(
        f"SELECT count(*) FROM quotes_corrected q JOIN articles a ON a.id = q.article_id"
        f" LEFT JOIN speakers s ON s.id = q.speaker_id {found.joins()}{found.clause()}",
        found.params,
    ).fetchone()[0]
    rows = conn.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])
    return Page([_hit(r, highlight=found.fts) for r in rows], int(total), limit, offset)


def _quote_sql(found: QuoteFilter, sort: str | None) -> tuple[str, list[Any]]:
    highlight = (
        f", highlight(quotes_fts, 0, '{MATCH_START}', '{MATCH_END}') AS highlight" if found.fts else ""
    )
    sql = _QUOTE_SELECT.format(highlight=highlight) + found.joins() + found.clause()
    return f"{sql} ORDER BY {quote_order(sort, found.fts)}", list(found.params)


def iter_quotes(conn: sqlite3.Connection, *, sort: str | None = None, **filters: Any) -> Iterator[QuoteHit]:
    """Every quote matching ``filters`` (those of ``search_quotes``), read lazily: for downloads."""
    found = quote_filter(conn, **filters)
    if found.empty:
        return
    sql, params = _quote_sql(found, sort)
    for row in conn.execute(sql, params):
        yield _hit(row, highlight=found.fts)


def list_speakers(
    conn: sqlite3.Connection,
    *,
    name: str | None = None,
    limit: int = 50,
    offset: int = 0,
    include_descriptions: bool = False,
    ids: list[int] | None = None,
    gender: str | None = None,
) -> list[SpeakerSummary]:
    """Canonical speakers by number of quotes, most quoted first; ``name`` filters by name words, ``ids``
    by canonical id, ``gender`` by female, male or unknown (people only). Gender fields stay unset."""
    where = ["c.canonical_id IS NULL"]
    params: list[Any] = []
    if gender is not None:
        condition, values = gender_filter(conn, gender)
        where.append(condition)
        params.extend(values)
    if ids is not None:
        if not ids:
            return []
        where.append(f"c.id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
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
        JOIN quotes_corrected q ON q.speaker_id = s.id
        WHERE {" AND ".join(where)}
        GROUP BY c.id
        ORDER BY quotes DESC, c.name
        LIMIT ? OFFSET ?
        """,
        [*params, limit, offset],
    )
    return [SpeakerSummary(r["id"], r["name"], r["kind"], r["quotes"], r["articles"]) for r in rows]


def spoken_by(members: str) -> str:
    """A condition on ``quotes_corrected q`` that the speaker rows ``members`` (a subquery, used twice,
    so its parameters twice) may have said the quote: extracted as theirs or given to them by a reader.
    Not exact by itself (a reader may have taken the quote away); it lets SQLite find the candidates by
    index, which the view's corrected speaker column cannot."""
    return (
        f"q.id IN (SELECT id FROM quotes WHERE speaker_id IN {members}"
        f" UNION ALL SELECT quote_id FROM quote_fixes WHERE speaker_id IN {members})"
    )


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
    theirs = f"q.speaker_id IN {members} AND {spoken_by(members)}"
    counts = conn.execute(
        f"SELECT count(*), count(DISTINCT article_id) FROM quotes_corrected q WHERE {theirs}", (cid, cid, cid)
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
        f"SELECT substr(a.date, 1, 10) AS day, count(*) FROM quotes_corrected q JOIN articles a ON a.id = q.article_id"
        f" WHERE {theirs} GROUP BY day ORDER BY day IS NULL, day",
        (cid, cid, cid),
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
        quotes=count("SELECT count(*) FROM quotes_corrected"),
        speakers=count(  # one pass over the quotes: the corrected speaker has no index to probe
            "SELECT count(DISTINCT c.id) FROM quotes_corrected q JOIN speakers s ON s.id = q.speaker_id"
            f" JOIN speakers c ON c.id = {CANONICAL} WHERE c.is_description = 0"
        ),
        descriptions=count("SELECT count(*) FROM speakers WHERE is_description = 1"),
        failures=count("SELECT count(*) FROM failures"),
        people=count(  # the same pass, people only
            "SELECT count(DISTINCT c.id) FROM quotes_corrected q JOIN speakers s ON s.id = q.speaker_id"
            f" JOIN speakers c ON c.id = {CANONICAL} WHERE c.is_description = 0 AND c.kind = 'person'"
        ),
        attributed_quotes=count("SELECT count(*) FROM quotes_corrected WHERE speaker_id IS NOT NULL"),
        schema_version=count("SELECT coalesce(max(version), 0) FROM schema_version"),
    )


FACETS: tuple[str, ...] = ("speaker", "source", "type", "kind", "month")
UNDATED = "undated"  # the month filter value, and month facet value, of articles without a date


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value of a facet: the filter value to add, how to show it and how many quotes have it."""

    value: str
    label: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def facet_counts(conn: sqlite3.Connection, *, limit: int = 10, **filters: Any) -> dict[str, list[FacetValue]]:
    """Quotes matching ``filters`` (those of ``search_quotes``) counted by speaker, source, type, kind and
    month, most first (months newest first, then the undated: a date filter never hides them unsaid);
    unattributed and sourceless quotes are left out."""
    found = quote_filter(conn, **filters)
    result: dict[str, list[FacetValue]] = {name: [] for name in FACETS}
    if found.empty:
        return result
    base = (
        "FROM quotes_corrected q JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id"
        f" LEFT JOIN speakers c ON c.id = {CANONICAL} {found.joins()}{found.clause()}"
    )
    groups = {
        "speaker": ("c.id", "c.name", "c.id IS NOT NULL AND c.is_description = 0", "n DESC, label"),
        "source": ("a.source", "a.source", "a.source IS NOT NULL AND a.source != ''", "n DESC, label"),
        "type": ("q.type", "q.type", "1", "n DESC, label"),
        "kind": ("q.kind", "q.kind", "1", "n DESC, label"),
        "month": (
            "substr(a.date, 1, 7)",
            "substr(a.date, 1, 7)",
            "a.date IS NOT NULL AND a.date != ''",
            "value DESC",
        ),
    }
    joiner = " AND " if found.where else " WHERE "
    for name, (value, label, keep, order) in groups.items():
        rows = conn.execute(
            f"SELECT {value} AS value, {label} AS label, count(*) AS n {base}{joiner}{keep}"
            f" GROUP BY value ORDER BY {order} LIMIT ?",
            [*found.params, limit],
        )
        result[name] = [FacetValue(str(r[0]), str(r[1]), int(r[2])) for r in rows]
    undated = conn.execute(
        f"SELECT count(*) {base}{joiner}(a.date IS NULL OR a.date = '')", found.params
    ).fetchone()[0]
    if undated:
        result["month"].append(FacetValue(UNDATED, UNDATED, int(undated)))
    return result


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One article in the index: title, date, source, original URL and its number of quotes."""

    id: int
    ext_id: str
    title: str | None
    date: str | None
    source: str | None
    url: str | None
    quotes: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


ARTICLE_SORTS: tuple[str, ...] = ("newest", "oldest", "quotes", "title", "source")


def _article_where(source: str | None, q: str | None) -> tuple[str, list[Any]]:
    where, params = [], []
    if source:
        where.append("a.source = ?")
        params.append(source)
    if q:
        for word in _FTS_TOKEN.findall(q):
            where.append("coalesce(a.title, '') LIKE ? ESCAPE '\\'")
            params.append("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    return ((" WHERE " + " AND ".join(where)) if where else ""), params


def list_articles(
    conn: sqlite3.Connection,
    *,
    sort: str = "newest",
    source: str | None = None,
    q: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> tuple[list[ArticleRow], int]:
    """Articles (undated ones included, after the dated ones) and how many there are in all.

    ``sort``: newest, oldest, quotes (most first), title or source; ``source`` matches exactly, ``q``
    keeps articles whose title has all its words."""
    order = {
        "newest": "a.date IS NULL, a.date DESC, a.id DESC",
        "oldest": "a.date IS NULL, a.date, a.id",
        "quotes": "quotes DESC, a.date IS NULL, a.date DESC, a.id",
        "title": "a.title IS NULL, a.title COLLATE NOCASE, a.id",
        "source": "a.source IS NULL, a.source COLLATE NOCASE, a.date IS NULL, a.date DESC, a.id",
    }.get(sort, "a.date IS NULL, a.date DESC, a.id DESC")
    clause, params = _article_where(source, q)
    total = int(conn.execute(f"SELECT count(*) FROM articles a{clause}", params).fetchone()[0])
    sql = (
        "SELECT a.id, a.ext_id, a.title, a.date, a.source, a.url,"
        " (SELECT count(*) FROM quotes_corrected q WHERE q.article_id = a.id) AS quotes"
        f" FROM articles a{clause} ORDER BY {order}"
    )
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    rows = conn.execute(sql, params)
    return [ArticleRow(r[0], r[1], r[2], r[3], r[4], r[5], int(r[6])) for r in rows], total


def speaker_matches(conn: sqlite3.Connection, name: str, limit: int = 20) -> list[SpeakerSummary]:
    """Every named speaker ``name`` may mean, most quoted first: the one it resolves to and all whose
    names hold its words ("Smith": every Smith in the store, and a bare "Smith" too)."""
    ids = set(find_speakers(conn, name))
    query = fts_query(name)
    if query is not None:
        rows = conn.execute(
            f"SELECT DISTINCT {CANONICAL} FROM speaker_aliases sa JOIN speakers s ON s.id = sa.speaker_id"
            " WHERE sa.id IN (SELECT rowid FROM speaker_names_fts WHERE speaker_names_fts MATCH ?)",
            (query,),
        ).fetchall()
        ids.update(int(r[0]) for r in rows)
    return list_speakers(conn, ids=sorted(ids), limit=limit)


def suggest_speakers(conn: sqlite3.Connection, text: str | None, limit: int = 5) -> list[SpeakerSummary]:
    """Speakers whose name is what was typed into the words box ("Did you mean the speaker ...?")."""
    words = search_words(text)
    if not words or len(words) > 80:
        return []
    query = fts_query(words)
    if query is None:
        return []
    rows = conn.execute(
        f"SELECT DISTINCT {CANONICAL} FROM speaker_aliases sa JOIN speakers s ON s.id = sa.speaker_id"
        " WHERE s.is_description = 0"
        " AND sa.id IN (SELECT rowid FROM speaker_names_fts WHERE speaker_names_fts MATCH ?)",
        (query,),
    ).fetchall()
    return list_speakers(conn, ids=sorted({int(r[0]) for r in rows}), limit=limit)


def article_stored(conn: sqlite3.Connection, ext_id: str) -> bool:
    """Whether an article with this (input) id is in the store."""
    return conn.execute("SELECT 1 FROM articles WHERE ext_id = ?", (ext_id,)).fetchone() is not None


# The questions the web pages ask (the front page, article marks, the source filter).


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
        " (SELECT m.end_char FROM mentions m WHERE m.quote_id = q.id ORDER BY m.id LIMIT 1) AS m_end,"
        " q.speaker_corrected FROM quotes_corrected q WHERE q.article_id = ?",
        (article_id,),
    )
    marks = {}
    for quote_id, cue_start, cue_end, m_start, m_end, corrected in rows:
        cue = (cue_start, cue_end) if cue_start is not None and cue_end is not None else None
        mention = (m_start, m_end) if m_start is not None and m_end is not None else None
        marks[int(quote_id)] = QuoteMarks(mention=None if corrected else mention, cue=cue)
    return marks


def quotes_per_day(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Quotes in dated articles per article day, oldest first."""
    rows = conn.execute(
        "SELECT substr(a.date, 1, 10) AS day, count(*) FROM quotes_corrected q JOIN articles a ON a.id = q.article_id"
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
        "SELECT a.id, a.title, a.date, a.source, (SELECT count(*) FROM quotes_corrected q WHERE q.article_id = a.id)"
        " FROM articles a ORDER BY a.date IS NULL, a.date DESC, a.id DESC LIMIT ?",
        (limit,),
    )
    return [ArticleSummary(int(r[0]), r[1], r[2], r[3], int(r[4])) for r in rows]


__all__ = [
    "ARTICLE_SORTS",
    "FACETS",
    "SORTS",
    "ArticleDetail",
    "ArticleRow",
    "ArticleSummary",
    "FacetValue",
    "Page",
    "QuoteFilter",
    "QuoteHit",
    "QuoteMarks",
    "SpeakerDetail",
    "SpeakerRef",
    "SpeakerSummary",
    "Stats",
    "article_filter",
    "article_stored",
    "facet_counts",
    "find_speakers",
    "fts_query",
    "get_article",
    "get_speaker",
    "iter_quotes",
    "list_articles",
    "list_failures",
    "list_speakers",
    "match_runs",
    "quote_filter",
    "quote_marks",
    "quotes_per_day",
    "recent_articles",
    "search_query",
    "search_quotes",
    "search_words",
    "sources",
    "speaker_matches",
    "stats",
    "suggest_speakers",
]
