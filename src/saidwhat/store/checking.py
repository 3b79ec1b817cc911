"""What a reader should check first, and what they have checked as gold.

``check_queue`` lists the quotes no reader has looked at, least certain first: by confidence, then by
how the speaker was found (none; no words at the cue, so from an earlier sentence; a pronoun; a name).
``gold_documents`` writes every article a reader checked or corrected in EVAL.md's gold format, its
quotes as corrected and with canonical speakers, so that ``saidwhat eval`` scores the extractor on the
reader's own news.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from saidwhat.lexicon import PERSONAL_PRONOUNS
from saidwhat.store.queries import CANONICAL

PRONOUNS = tuple(sorted(PERSONAL_PRONOUNS))
# How a speaker was found, least certain first; a stored ``how`` (the extractor's rule) says more.
HOW = (
    "no speaker",
    "from an earlier sentence",
    "a pronoun",
    "a description or a reference",
    "named at the cue",
)


@dataclass(frozen=True, slots=True)
class CheckItem:
    """A quote to check, with what makes it uncertain."""

    id: int
    text: str
    type: str
    confidence: float
    speaker_id: int | None
    speaker_name: str | None
    mention: str | None
    how: str
    article_id: int
    article_title: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_PRONOUN_LIST = ", ".join(repr(p) for p in PRONOUNS)
_RANK_SQL = f"""CASE WHEN speaker_id IS NULL THEN 0 WHEN mention IS NULL THEN 1
    WHEN how LIKE 'pronoun%' OR how LIKE 'quantifier%' OR (how IS NULL AND lower(mention) IN ({_PRONOUN_LIST}))
    THEN 2 WHEN how IS NOT NULL AND how NOT LIKE 'name%' THEN 3 ELSE 4 END"""


def check_queue(conn: sqlite3.Connection, *, limit: int = 20, offset: int = 0) -> tuple[list[CheckItem], int]:
    """Unchecked quotes, least certain first, and how many there are in all."""
    total = int(conn.execute("SELECT count(*) FROM quotes_corrected WHERE NOT checked").fetchone()[0])
    rows = conn.execute(
        f"""
        SELECT *, {_RANK_SQL} AS rank FROM (
            SELECT q.id, q.text, q.type, q.confidence, q.speaker_id AS row_speaker, c.id AS speaker_id,
                   c.name AS speaker_name, a.id AS article_id, a.title,
                   q.how, (SELECT m.text FROM mentions m WHERE m.quote_id = q.id LIMIT 1) AS mention
            FROM quotes_corrected q
            JOIN articles a ON a.id = q.article_id
            LEFT JOIN speakers s ON s.id = q.speaker_id
            LEFT JOIN speakers c ON c.id = {CANONICAL}
            WHERE NOT q.checked
        ) q
        ORDER BY round(q.confidence, 2), rank, q.id
        LIMIT ? OFFSET ?
        """,
        (limit, offset),
    ).fetchall()
    items = []
    for r in rows:
        mention = r["mention"]
        how = r["how"] if r["rank"] > 1 and r["how"] else HOW[int(r["rank"])]
        items.append(
            CheckItem(
                r["id"],
                r["text"],
                r["type"],
                round(float(r["confidence"]), 2),
                r["speaker_id"],
                r["speaker_name"],
                mention,
                how,
                r["article_id"],
                r["title"],
            )
        )
    return items, total


def gold_documents(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every checked or corrected article as an EVAL.md gold document, oldest correction first."""
    articles = conn.execute(
        "SELECT a.id, a.ext_id, a.text FROM articles a WHERE a.content_hash IN"
        " (SELECT article_hash FROM corrections WHERE undone_at IS NULL AND article_hash IS NOT NULL)"
        " ORDER BY a.id"
    ).fetchall()
    for article in articles:
        quotes = conn.execute(
            f"""
            SELECT q.start_char, q.end_char, q.spans, q.type, q.kind, c.name AS speaker, q.speaker_corrected,
                   q.cue, q.cue_start, q.cue_end,
                   (SELECT m.text FROM mentions m WHERE m.quote_id = q.id LIMIT 1) AS mention,
                   (SELECT m.start_char FROM mentions m WHERE m.quote_id = q.id LIMIT 1) AS m_start,
                   (SELECT m.end_char FROM mentions m WHERE m.quote_id = q.id LIMIT 1) AS m_end
            FROM quotes_corrected q
            LEFT JOIN speakers s ON s.id = q.speaker_id
            LEFT JOIN speakers c ON c.id = {CANONICAL}
            WHERE q.article_id = ? ORDER BY q.start_char, q.seq
            """,
            (article["id"],),
        ).fetchall()
        out = []
        for q in quotes:
            record: dict[str, Any] = {
                "start": q["start_char"],
                "end": q["end_char"],
                "spans": json.loads(q["spans"]),
                "type": q["type"],
                "kind": q["kind"],
                "speaker": q["speaker"],
            }
            if q["mention"] is not None and not q["speaker_corrected"]:
                record.update(
                    speaker_mention=q["mention"], speaker_start=q["m_start"], speaker_end=q["m_end"]
                )
            if q["cue"] is not None:
                record.update(cue=q["cue"], cue_start=q["cue_start"], cue_end=q["cue_end"])
            out.append(record)
        yield {"id": article["ext_id"], "text": article["text"], "quotes": out}


__all__ = ["HOW", "CheckItem", "check_queue", "gold_documents"]
