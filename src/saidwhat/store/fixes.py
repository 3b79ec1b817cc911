"""What readers' corrections do to the stored quotes and speakers, recomputed from the corrections log.

The ``corrections`` table is the truth; this module derives from it the ``quote_fixes`` rows that the
``quotes_corrected`` view reads, the quote rows readers added (``quotes.added_by``) and the canonical
links of merged speakers. Extracted rows are never rewritten, so applying again after a re-ingest or a
re-extraction of an article gives the same corrected store, and undo is applying without the undone one.
A correction finds its quote by the article's text (content hash) and the quote's offsets: the same
offsets, else the quote that overlaps them most (a newer extractor may move an edge by a character).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass

from saidwhat.identity import is_description, is_partial, surname
from saidwhat.store.partials import reattach
from saidwhat.store.speaker_evidence import add_evidence

# A correction's quote is the stored quote whose offsets overlap its own at least this much (Jaccard).
MIN_OVERLAP = 0.8
QUOTE_KINDS = ("speaker", "reject", "restore", "type", "right")
LIVE = "undone_at IS NULL"


@dataclass(slots=True)
class _Fix:
    speaker_id: int | None = None
    type: str | None = None
    rejected: int = 0
    checked: int = 0


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Jaccard overlap of two character ranges."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if inter > 0 and union > 0 else 0.0


def find_quote(quotes: list[sqlite3.Row], start: int, end: int) -> sqlite3.Row | None:
    """The quote at ``start``-``end``, or the one overlapping it most (at least ``MIN_OVERLAP``)."""
    best, score = None, MIN_OVERLAP
    for q in quotes:
        if (q["start_char"], q["end_char"]) == (start, end):
            return q
        found = overlap((q["start_char"], q["end_char"]), (start, end))
        if found >= score:
            best, score = q, found
    return best


def speaker_row(conn: sqlite3.Connection, key: str, name: str, kind: str = "person") -> int:
    """The speaker row of identity ``key``, created (and attached by the usual rules) if there is none."""
    row = conn.execute("SELECT id FROM speakers WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return int(row[0])

    new = conn.execute(
        "INSERT INTO speakers (key, name, kind, surname, is_description) VALUES (?, ?, ?, ?, ?) RETURNING id",
        (key, name, kind, surname(key), int(is_description(key))),
    ).fetchone()
    sid = int(new[0])
    add_evidence(conn, sid, name, kind)
    conn.execute("INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)", (sid, name))
    if not is_description(key):
        reattach(conn, surname(key))
    return sid


def apply(conn: sqlite3.Connection, hashes: Collection[str] | None = None) -> None:
    """Bring the derived state up to date with the live corrections: merges, then the quotes of the
    articles with these content hashes (every corrected article when None). Runs in the caller's
    transaction."""
    apply_merges(conn)
    if hashes is None:
        hashes = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT article_hash FROM corrections WHERE article_hash IS NOT NULL"
            )
        ]
    for content_hash in hashes:
        if (
            conn.execute(
                "SELECT 1 FROM corrections WHERE article_hash = ? LIMIT 1", (content_hash,)
            ).fetchone()
            is None
        ):
            continue  # never corrected: nothing to apply or clear
        for article in conn.execute(
            "SELECT id, ext_id, text FROM articles WHERE content_hash = ?", (content_hash,)
        ).fetchall():
            _apply_article(conn, article, content_hash)


def apply_merges(conn: sqlite3.Connection) -> None:
    """Undo every merge a reader ever made (back to the identity rules), then make the live ones."""

    merges = conn.execute(
        "SELECT speaker_key, other_key, undone_at FROM corrections WHERE kind = 'merge' ORDER BY id"
    ).fetchall()
    if not merges:
        return
    keys = {k for m in merges for k in (m[0], m[1])}
    marks = ",".join("?" * len(keys))
    rows = conn.execute(f"SELECT id, key FROM speakers WHERE key IN ({marks})", sorted(keys)).fetchall()
    ids = [int(r[0]) for r in rows]
    for sid, key in rows:
        if not is_partial(key):
            conn.execute("UPDATE speakers SET canonical_id = NULL WHERE id = ?", (sid,))
    id_marks = ",".join("?" * len(ids))
    for (last,) in conn.execute(
        f"SELECT DISTINCT surname FROM speakers WHERE id IN ({id_marks}) OR canonical_id IN ({id_marks})",
        [*ids, *ids],
    ).fetchall():
        reattach(conn, last)
    for kept, merged, undone in merges:
        if undone is None:
            merge_rows(conn, kept, merged)


def merge_rows(conn: sqlite3.Connection, kept_key: str, merged_key: str) -> None:
    """Count speaker ``merged_key`` (and the partial names attached to it) under ``kept_key``'s canonical."""
    canon = "SELECT coalesce(canonical_id, id) FROM speakers WHERE key = ?"
    kept = conn.execute(canon, (kept_key,)).fetchone()
    merged = conn.execute(canon, (merged_key,)).fetchone()
    if kept is None or merged is None or kept[0] == merged[0]:
        return
    conn.execute(
        "UPDATE speakers SET canonical_id = ? WHERE id = ? OR canonical_id = ?",
        (kept[0], merged[0], merged[0]),
    )


def _apply_article(conn: sqlite3.Connection, article: sqlite3.Row, content_hash: str) -> None:
    article_id = int(article["id"])
    conn.execute(
        "DELETE FROM quote_fixes WHERE quote_id IN (SELECT id FROM quotes WHERE article_id = ?)",
        (article_id,),
    )
    corrections = conn.execute(
        f"SELECT * FROM corrections WHERE article_hash = ? AND {LIVE} AND kind != 'merge' ORDER BY id",
        (content_hash,),
    ).fetchall()
    extracted = conn.execute(
        "SELECT q.id, q.start_char, q.end_char, q.speaker_id, q.added_by, coalesce(s.canonical_id, s.id) AS cid"
        " FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id"
        " WHERE q.article_id = ? AND q.added_by IS NULL ORDER BY q.start_char",
        (article_id,),
    ).fetchall()
    added = {
        int(r["added_by"]): int(r["id"])
        for r in conn.execute(
            "SELECT id, added_by FROM quotes WHERE article_id = ? AND added_by IS NOT NULL", (article_id,)
        )
    }
    fixes: dict[int, _Fix] = {}
    kept_added: set[int] = set()
    new_rows: list[tuple[int, str]] = []
    for c in corrections:
        kind = c["kind"]
        if kind == "split":
            _split(conn, c, extracted, fixes)
            continue
        if kind == "add":
            quote = find_quote(extracted, c["start_char"], c["end_char"])
            if quote is None:  # not extracted (any more): the reader's own quote row
                row = added.get(int(c["id"])) or _insert_added(conn, article, c, new_rows)
                kept_added.add(row)
                conn.execute(
                    "UPDATE quotes SET speaker_id = ? WHERE id = ?",
                    (speaker_row(conn, c["speaker_key"], c["speaker_name"]), row),
                )
                continue
            fix = fixes.setdefault(int(quote["id"]), _Fix())
            fix.speaker_id = speaker_row(conn, c["speaker_key"], c["speaker_name"])
            fix.rejected, fix.checked = 0, 1
            continue
        quote = find_quote(extracted, c["start_char"], c["end_char"])
        if quote is None:
            quote = _added_at(conn, article_id, c["start_char"], c["end_char"])
        if quote is None:
            continue  # orphaned: listed by `saidwhat correct list --orphaned`
        fix = fixes.setdefault(int(quote["id"]), _Fix())
        fix.checked = 1
        if kind == "speaker":
            fix.speaker_id = speaker_row(conn, c["speaker_key"], c["speaker_name"])
        elif kind == "type":
            fix.type = c["type"]
        elif kind == "reject":
            fix.rejected = 1
        elif kind == "restore":
            fix.rejected = 0
    for correction_id, row in added.items():
        if row not in kept_added:
            conn.execute("DELETE FROM quotes WHERE id = ? AND added_by = ?", (row, correction_id))
    conn.executemany(
        "INSERT INTO quote_fixes (quote_id, speaker_id, type, rejected, checked) VALUES (?, ?, ?, ?, ?)",
        [(qid, f.speaker_id, f.type, f.rejected, f.checked) for qid, f in fixes.items()],
    )
    if new_rows:
        from saidwhat.store.families import FamilyIndex

        FamilyIndex(conn).add_quotes(new_rows)


def _added_at(conn: sqlite3.Connection, article_id: int, start: int, end: int) -> sqlite3.Row | None:
    """A quote a reader added at these offsets (a correction of a correction: its speaker, its type)."""
    return conn.execute(
        "SELECT id, start_char, end_char FROM quotes WHERE article_id = ? AND added_by IS NOT NULL"
        " AND start_char = ? AND end_char = ?",
        (article_id, start, end),
    ).fetchone()


def _insert_added(
    conn: sqlite3.Connection, article: sqlite3.Row, c: sqlite3.Row, new_rows: list[tuple[int, str]]
) -> int:
    start, end = int(c["start_char"]), int(c["end_char"])
    text = article["text"][start:end]
    seq = conn.execute("SELECT coalesce(max(seq), -1) + 1 FROM quotes WHERE article_id = ?", (article["id"],))
    row = conn.execute(
        "INSERT INTO quotes (article_id, seq, start_char, end_char, spans, text, type, confidence, kind, added_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 1.0, 'speech', ?) RETURNING id",
        (
            article["id"],
            seq.fetchone()[0],
            start,
            end,
            json.dumps([[start, end]]),
            text,
            c["type"] or "direct",
            c["id"],
        ),
    ).fetchone()
    new_rows.append((int(row[0]), text))
    return int(row[0])


def _split(
    conn: sqlite3.Connection, c: sqlite3.Row, extracted: list[sqlite3.Row], fixes: dict[int, _Fix]
) -> None:
    """Give this article's quotes of speaker ``other_key`` (as extracted) to the split-off speaker."""
    old = conn.execute(
        "SELECT coalesce(canonical_id, id) FROM speakers WHERE key = ?", (c["other_key"],)
    ).fetchone()
    if old is None:
        return
    new = speaker_row(conn, c["speaker_key"], c["speaker_name"])
    for q in extracted:
        fix = fixes.get(int(q["id"]))
        if q["cid"] == old[0] and (fix is None or fix.speaker_id is None):
            fixes.setdefault(int(q["id"]), _Fix(checked=1)).speaker_id = new


__all__ = [
    "MIN_OVERLAP",
    "QUOTE_KINDS",
    "apply",
    "apply_merges",
    "find_quote",
    "merge_rows",
    "overlap",
    "speaker_row",
]
