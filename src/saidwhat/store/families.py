"""Quote families in the SQLite store: kept up to date by the writer, read by the CLI and the web app.

Writing (``FamilyIndex``): each new quote's normal form is looked up by key (an exact copy joins its
family at once); otherwise its LSH band keys and containment keys (``families.probe_keys``: a quote
trimmed from a longer one) are looked up in ``family_buckets``, at most ``CANDIDATES_PER_BAND`` quotes a
band and ``CANDIDATES_PER_WINDOW`` a window, so a quote costs a bounded number of indexed look-ups
whatever the size of the store. Families that meet are merged (the quotes of the smaller ones are renamed),
and the summary row of every family touched is recomputed from its own quotes, in the article's
transaction.

Reading: ``trace`` (the families whose quotes match some words), ``list_families``, ``get_family``
and ``family_links`` (for "also in N articles" beside a quote). Speakers are counted by their
canonical id at query time, as everywhere in the store, so a partial name attached later to a full
one stops counting as a second speaker.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

from saidwhat import families as fam
from saidwhat.errors import NotFoundError
from saidwhat.store.queries import CANONICAL, find_speakers, fts_query

CANDIDATES_PER_BAND = 50
CANDIDATES_PER_WINDOW = 8  # a window names a few quotes; one shared by many is boilerplate
TRACE_FTS_CANDIDATES = 500
BACKLOG_BATCH = 500
CACHE_KIB = 65_536


class FamilyIndex:
    """Puts new quotes into families on a writable connection, inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # Bucket look-ups and inserts land on random pages of a large index: keep more of it in memory
        # than SQLite's default 2 MB (a negative size is in KiB).
        if int(conn.execute("PRAGMA cache_size").fetchone()[0]) > -CACHE_KIB:
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")

    def add_quotes(self, quotes: Iterable[tuple[int, str]]) -> set[int]:
        """Index ``(quote_id, text)`` pairs (quote ids increasing); refresh and return the families touched."""
        touched: set[int] = set()
        for quote_id, text in quotes:
            family = self._add(quote_id, text)
            if family is not None:
                touched.add(family)
        live = {self._family_of(f) for f in touched}
        for family in live:
            self.refresh(family)
        return live

    def _family_of(self, family: int) -> int:
        """Where a family touched earlier in this batch ended up (it may have merged into another)."""
        row = self.conn.execute("SELECT family_id FROM quote_family WHERE quote_id = ?", (family,)).fetchone()
        return int(row[0]) if row else family

    def _add(self, quote_id: int, text: str) -> int | None:
        conn = self.conn
        normal = fam.normal_form(text)
        if not fam.eligible(normal.split()):
            return None
        key = fam.normal_key(normal)
        row = conn.execute(
            "SELECT family_id FROM quote_family WHERE normal_key = ? LIMIT 1", (key,)
        ).fetchone()
        if row is not None:
            conn.execute(
                "INSERT INTO quote_family (quote_id, family_id, normal_key) VALUES (?, ?, ?)",
                (quote_id, row[0], key),
            )
            return int(row[0])
        bands = fam.band_keys(normal)
        windows = fam.probe_keys(normal)[len(bands) :]
        matched = {f for f, _ in self._candidates(bands, normal)}
        matched |= {f for f, _ in self._candidates(windows, normal, CANDIDATES_PER_WINDOW)}
        family = min(matched | {quote_id})
        conn.execute(
            "INSERT INTO quote_family (quote_id, family_id, normal_key) VALUES (?, ?, ?)",
            (quote_id, family, key),
        )
        for other in matched - {family}:
            conn.execute("UPDATE quote_family SET family_id = ? WHERE family_id = ?", (family, other))
            conn.execute("DELETE FROM families WHERE id = ?", (other,))
        conn.executemany(
            "INSERT OR IGNORE INTO family_buckets (band_key, quote_id) VALUES (?, ?)",
            [(key, quote_id) for key in fam.stored_keys(normal)],
        )
        return family

    def _candidates(
        self, keys: list[int], normal: str, per_key: int = CANDIDATES_PER_BAND
    ) -> list[tuple[int, int]]:
        """(family, quote) of stored quotes sharing a key with ``normal`` and saying the same."""
        return similar_quotes(self.conn, keys, lambda other: fam.same_statement(normal, other), per_key)

    def refresh(self, family: int) -> None:
        """Recompute one family's summary row from its quotes (none for a family of one quote)."""
        row = self.conn.execute(
            """
            SELECT count(*), count(DISTINCT q.article_id), count(DISTINCT a.source), min(a.date), max(a.date),
                   count(DISTINCT CASE WHEN s.is_description = 0 THEN s.id END)
            FROM quote_family f
            JOIN quotes q ON q.id = f.quote_id
            JOIN articles a ON a.id = q.article_id
            LEFT JOIN speakers s ON s.id = q.speaker_id
            WHERE f.family_id = ?
            """,
            (family,),
        ).fetchone()
        if row[0] < 2:
            self.conn.execute("DELETE FROM families WHERE id = ?", (family,))
            return
        self.conn.execute(
            "INSERT OR REPLACE INTO families (id, quotes, articles, outlets, first_date, last_date, named_speakers)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (family, *row),
        )

    def index_backlog(self, batch: int = BACKLOG_BATCH) -> int:
        """Put quotes stored before families existed (migration 005) into families; how many were done.

        One transaction per batch, so an interrupted run keeps what it did and the next goes on."""
        conn = self.conn
        done = 0
        while True:
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT quote_id FROM family_backlog ORDER BY quote_id LIMIT ?", (batch,)
                )
            ]
            if not ids:
                return done
            conn.execute("BEGIN IMMEDIATE")
            try:
                marks = ",".join("?" * len(ids))
                rows = conn.execute(
                    f"SELECT id, text FROM quotes WHERE id IN ({marks}) ORDER BY id", ids
                ).fetchall()
                self.add_quotes((r[0], r[1]) for r in rows)
                conn.execute(f"DELETE FROM family_backlog WHERE quote_id IN ({marks})", ids)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            done += len(ids)


def similar_quotes(
    conn: sqlite3.Connection, bands: list[int], accept: Any, per_band: int = CANDIDATES_PER_BAND
) -> list[tuple[int, int]]:
    """(family, quote) for the quotes in ``bands``' buckets whose normal form ``accept`` takes; at most
    ``per_band`` quotes a band on average are looked at, however full the buckets."""
    if not bands:
        return []
    marks = ",".join("?" * len(bands))
    ids = sorted(
        {
            r[0]
            for r in conn.execute(
                f"SELECT quote_id FROM family_buckets WHERE band_key IN ({marks}) LIMIT ?",
                [*bands, per_band * len(bands)],
            )
        }
    )
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT q.id, q.text, f.family_id FROM quotes_corrected q JOIN quote_family f ON f.quote_id = q.id"
        f" WHERE q.id IN ({marks})",
        ids,
    ).fetchall()
    found: list[tuple[int, int]] = []
    families_found: set[int] = set()
    for quote_id, text, family in rows:
        if family in families_found:
            continue
        if accept(fam.normal_form(text)):
            families_found.add(family)
            found.append((int(family), int(quote_id)))
    return found


def has_families(conn: sqlite3.Connection) -> bool:
    """Whether the store has the family tables (migration 005)."""
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'quote_family'").fetchone()
        is not None
    )


# -- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Credit:
    """A canonical speaker some articles credit with the family's words."""

    speaker_id: int | None  # None: quotes with no speaker found
    name: str | None
    description: bool  # an unnamed source ("officials"), never a conflict
    quotes: int
    articles: int
    types: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Member:
    """One quote of a family, with its article."""

    quote_id: int
    text: str
    type: str
    speaker_id: int | None
    speaker_name: str | None
    article_id: int
    article_ext_id: str
    title: str | None
    url: str | None
    date: str | None
    outlet: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Variant:
    """One wording (quotes equal once marks and case are ignored), marked against the main wording."""

    text: str
    quotes: int
    articles: int
    runs: list[fam.Run]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Outlet:
    """An outlet that reported the family: how many of its articles, and the first one's date."""

    outlet: str | None
    articles: int
    first_date: str | None


@dataclass(frozen=True, slots=True)
class FamilySummary:
    """A family as lists show it: its first report, who was credited and whether they conflict."""

    id: int
    text: str  # the main wording: the one most articles use
    quotes: int
    articles: int
    outlet_count: int
    first_date: str | None
    first_reports: list[Member]  # the earliest dated articles (ties all listed)
    credits: list[Credit]
    conflict: str | None  # None, "speakers" or "direct vs paraphrase"
    matched: list[int]  # quotes a trace matched

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Family:
    """A family in full: the summary's fields, then every outlet, quote and wording."""

    id: int
    text: str
    quotes: int
    articles: int
    outlet_count: int
    first_date: str | None
    first_reports: list[Member]
    credits: list[Credit]
    conflict: str | None
    matched: list[int]
    outlets: list[Outlet]  # earliest first
    members: list[Member]
    variants: list[Variant]

    def summary(self) -> FamilySummary:
        return FamilySummary(
            *(getattr(self, f.name) for f in fields(FamilySummary))  # the summary's fields come first
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_MEMBERS = f"""
SELECT q.id, q.text, q.type, c.id AS speaker_id, c.name AS speaker_name, c.is_description,
       a.id AS article_id, a.ext_id, a.title, a.url, a.date, a.source
FROM quotes_corrected q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN speakers c ON c.id = {CANONICAL}
"""


def get_family(conn: sqlite3.Connection, family_id: int, matched: Iterable[int] = ()) -> Family:
    """One family by id (a quote in no family is a family of itself); NotFoundError if none."""
    rows = []
    if has_families(conn):
        rows = conn.execute(
            _MEMBERS + " JOIN quote_family f ON f.quote_id = q.id WHERE f.family_id = ? ORDER BY q.id",
            (family_id,),
        ).fetchall()
        if (
            not rows
            and conn.execute("SELECT 1 FROM quote_family WHERE quote_id = ?", (family_id,)).fetchone()
        ):
            raise NotFoundError(f"quote {family_id} belongs to another family")
    if not rows:
        rows = conn.execute(_MEMBERS + " WHERE q.id = ?", (family_id,)).fetchall()
    if not rows:
        raise NotFoundError(f"no quote family with id {family_id}")
    return _family(family_id, rows, sorted(set(matched)))


def _member(r: sqlite3.Row) -> Member:
    return Member(
        r["id"], r["text"], r["type"], r["speaker_id"], r["speaker_name"],
        r["article_id"], r["ext_id"], r["title"], r["url"], r["date"], r["source"],
    )  # fmt: skip


def _family(family_id: int, rows: list[sqlite3.Row], matched: list[int]) -> Family:
    members = sorted((_member(r) for r in rows), key=lambda m: (m.date is None, m.date or "", m.quote_id))
    described = {r["speaker_id"]: bool(r["is_description"]) for r in rows if r["speaker_id"] is not None}
    days = [m.date[:10] for m in members if m.date]
    first_day = min(days) if days else None
    first_reports: dict[int, Member] = {}
    for m in members:
        if (m.date[:10] if m.date else None) == first_day and m.article_id not in first_reports:
            first_reports[m.article_id] = m
    outlets: dict[str | None, tuple[set[int], str | None]] = {}
    for m in members:
        outlets.setdefault(m.outlet, (set(), m.date))[0].add(m.article_id)
    outlet_list = [Outlet(name, len(ids), first) for name, (ids, first) in outlets.items()]
    credits = _credits(members, described)
    return Family(
        id=family_id,
        text=_variants(members)[0].text,
        quotes=len(members),
        articles=len({m.article_id for m in members}),
        outlet_count=len(outlet_list),
        outlets=outlet_list,
        first_date=first_day,
        first_reports=list(first_reports.values()),
        credits=credits,
        conflict=_conflict(members, described),
        members=members,
        variants=_variants(members),
        matched=matched,
    )


def _credits(members: list[Member], described: dict[int, bool]) -> list[Credit]:
    by: dict[int | None, list[Member]] = {}
    for m in members:
        by.setdefault(m.speaker_id, []).append(m)
    credits = [
        Credit(
            speaker_id=sid,
            name=ms[0].speaker_name,
            description=described.get(sid, False) if sid is not None else False,
            quotes=len(ms),
            articles=len({m.article_id for m in ms}),
            types=dict(Counter(m.type for m in ms)),
        )
        for sid, ms in by.items()
    ]
    return sorted(credits, key=lambda c: (c.speaker_id is None, -c.articles, -c.quotes, c.name or ""))


def _conflict(members: list[Member], described: dict[int, bool]) -> str | None:
    return fam.conflict_of((m.speaker_id, m.type, described.get(m.speaker_id, False)) for m in members)  # type: ignore[arg-type]


def _variants(members: list[Member]) -> list[Variant]:
    groups: dict[str, list[Member]] = {}
    for m in members:
        groups.setdefault(fam.normal_form(m.text), []).append(m)
    ordered = sorted(
        groups.values(),
        key=lambda ms: (-len({m.article_id for m in ms}), -len(ms), -len(ms[0].text), ms[0].quote_id),
    )
    texts = [_usual_text(ms) for ms in ordered]
    base = texts[0]
    return [
        Variant(
            text=texts[i],
            quotes=len(ms),
            articles=len({m.article_id for m in ms}),
            runs=[fam.Run(base, "same")] if i == 0 else fam.marked_differences(base, texts[i]),
        )
        for i, ms in enumerate(ordered)
    ]


def _usual_text(members: list[Member]) -> str:
    """The wording most of these quotes have exactly (the earliest of equals)."""
    counts = Counter(m.text for m in members)
    return max(counts, key=lambda t: counts[t])


def trace(conn: sqlite3.Connection, text: str, *, limit: int = 20) -> list[Family]:
    """The families whose quotes match ``text``: the same statement, near-equal words, or ``text`` a part
    of the quote. Most widely reported first."""
    normal = fam.normal_form(text)
    if len(normal.split()) < 2:
        return []
    matched: dict[int, set[int]] = {}
    query = fts_query(text)
    if query is not None:
        rows = conn.execute(
            "SELECT q.id, q.text FROM quotes_fts JOIN quotes_corrected q ON q.id = quotes_fts.rowid"
            " WHERE quotes_fts MATCH ? ORDER BY quotes_fts.rank LIMIT ?",
            (query, TRACE_FTS_CANDIDATES),
        ).fetchall()
        hits = [int(r[0]) for r in rows if fam.matches_query(normal, fam.normal_form(r[1]))]
        for quote_id, family in _families_of(conn, hits).items():
            matched.setdefault(family, set()).add(quote_id)
    if has_families(conn):
        for family, quote_id in similar_quotes(
            conn, fam.band_keys(normal), lambda o: fam.matches_query(normal, o)
        ):
            matched.setdefault(family, set()).add(quote_id)
    found = [get_family(conn, family, quotes) for family, quotes in matched.items()]
    found.sort(key=lambda f: (-f.articles, -f.quotes, f.first_date or "9999", f.id))
    return found[:limit]


def _families_of(conn: sqlite3.Connection, quote_ids: list[int]) -> dict[int, int]:
    """quote id -> family id (a quote in no family is its own)."""
    found = {q: q for q in quote_ids}
    if quote_ids and has_families(conn):
        marks = ",".join("?" * len(quote_ids))
        for quote_id, family in conn.execute(
            f"SELECT quote_id, family_id FROM quote_family WHERE quote_id IN ({marks})", quote_ids
        ):
            found[int(quote_id)] = int(family)
    return found


_CANONICAL_NAMED = f"""
(SELECT count(DISTINCT {CANONICAL}) FROM quote_family qf JOIN quotes_corrected q ON q.id = qf.quote_id
 JOIN speakers s ON s.id = q.speaker_id WHERE qf.family_id = f.id AND s.is_description = 0)
"""


def list_families(
    conn: sqlite3.Connection,
    *,
    conflicts: bool = False,
    min_articles: int = 2,
    speaker: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[Family], int]:
    """Families of at least ``min_articles`` articles, most widely reported first, and how many there
    are; ``conflicts`` keeps those whose articles credit different named speakers; ``speaker`` those
    that credit a speaker of that name."""
    if not has_families(conn):
        return [], 0
    where = ["f.articles >= ?"]
    params: list[Any] = [min_articles]
    if conflicts:
        where.append(f"f.named_speakers >= 2 AND {_CANONICAL_NAMED} >= 2")
    if speaker is not None:
        ids = find_speakers(conn, speaker)
        if not ids:
            return [], 0
        marks = ",".join("?" * len(ids))
        where.append(
            "EXISTS (SELECT 1 FROM quote_family qf JOIN quotes_corrected q ON q.id = qf.quote_id"
            f" JOIN speakers s ON s.id = q.speaker_id WHERE qf.family_id = f.id AND {CANONICAL} IN ({marks}))"
        )
        params.extend(ids)
    clause = " AND ".join(where)
    total = int(conn.execute(f"SELECT count(*) FROM families f WHERE {clause}", params).fetchone()[0])
    ids_page = [
        int(r[0])
        for r in conn.execute(
            f"SELECT f.id FROM families f WHERE {clause}"
            " ORDER BY f.articles DESC, f.outlets DESC, f.first_date IS NULL, f.first_date, f.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    ]
    return [get_family(conn, family) for family in ids_page], total


@dataclass(frozen=True, slots=True)
class FamilyLink:
    """What a quote shows of its family: "also in N articles"."""

    family_id: int
    articles: int
    other_articles: int
    conflict: bool


def family_links(conn: sqlite3.Connection, quote_ids: Iterable[int]) -> dict[int, FamilyLink]:
    """quote id -> its family's link, for quotes whose family spans more than their own article."""
    ids = sorted(set(quote_ids))
    if not ids or not has_families(conn):
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT qf.quote_id, f.id, f.articles, f.named_speakers >= 2 AND {_CANONICAL_NAMED} >= 2"
        f" FROM quote_family qf JOIN families f ON f.id = qf.family_id"
        f" WHERE qf.quote_id IN ({marks}) AND f.articles >= 2",
        ids,
    ).fetchall()
    return {int(r[0]): FamilyLink(int(r[1]), int(r[2]), int(r[2]) - 1, bool(r[3])) for r in rows}
