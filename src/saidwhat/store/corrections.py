"""Readers' corrections: the one place they are recorded, listed and undone (the CLI and the web app
both call these functions).

Each correction is a row of ``corrections`` with its time and note, keyed to the article's text and
the quote's offsets (never row ids); ``saidwhat.store.fixes`` then applies the live ones, so every read
(through the ``quotes_corrected`` view) sees them. Each function runs one transaction on a writer
connection and returns a sentence saying what changed.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from saidwhat.errors import InputError, NotFoundError
from saidwhat.identity import identity_key
from saidwhat.model import QUOTE_TYPES
from saidwhat.store import fixes

KINDS: tuple[str, ...] = ("speaker", "reject", "restore", "type", "add", "right", "merge", "split")


@dataclass(frozen=True, slots=True)
class Correction:
    """One recorded correction, as ``saidwhat correct list`` shows it."""

    id: int
    kind: str
    article_ext_id: str | None
    start: int | None
    end: int | None
    quote_text: str | None
    speaker_name: str | None
    speaker_key: str | None
    other_key: str | None
    type: str | None
    note: str
    created_at: str
    undone_at: str | None
    orphaned: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def describe(self) -> str:
        where = f"article {self.article_ext_id} {self.start}-{self.end}" if self.start is not None else ""
        what = {
            "speaker": f"speaker -> {self.speaker_name}",
            "add": f"added, said by {self.speaker_name}",
            "type": f"type -> {self.type}",
            "merge": f"{self.other_key!r} merged into {self.speaker_key!r}",
            "split": f"{self.other_key!r} in article {self.article_ext_id} split off as {self.speaker_name}",
        }.get(self.kind, self.kind)
        quote = f' "{_short(self.quote_text)}"' if self.quote_text else ""
        note = f" ({self.note})" if self.note else ""
        return f"#{self.id} {self.created_at} {what} {where}{quote}{note}".replace("  ", " ")


def _short(text: str | None, width: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _quote(conn: sqlite3.Connection, quote_id: int) -> sqlite3.Row:
    row = conn.execute(
        "SELECT q.id, q.start_char, q.end_char, q.text, q.article_id, a.ext_id, a.content_hash"
        " FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id = ?",
        (quote_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no quote with id {quote_id}")
    return row


def _speaker_now(conn: sqlite3.Connection, quote_id: int) -> str:
    row = conn.execute(
        "SELECT c.name FROM quotes_corrected q LEFT JOIN speakers s ON s.id = q.speaker_id"
        " LEFT JOIN speakers c ON c.id = coalesce(s.canonical_id, s.id) WHERE q.id = ?",
        (quote_id,),
    ).fetchone()
    if row is None:
        return "(rejected)"
    return row[0] or "nobody"


def _target(conn: sqlite3.Connection, name_or_id: str, ext_id: str) -> tuple[str, str]:
    """(identity key, name) of a speaker given by id (a number) or by a typed name."""
    text = name_or_id.strip()
    if text.isdigit():
        row = conn.execute(
            "SELECT c.key, c.name FROM speakers s JOIN speakers c ON c.id = coalesce(s.canonical_id, s.id)"
            " WHERE s.id = ?",
            (int(text),),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no speaker with id {text}")
        return str(row[0]), str(row[1])
    if not text:
        raise InputError("give the speaker's name or id")
    return identity_key(text, "person", article_id=ext_id), text


def _record(conn: sqlite3.Connection, values: dict[str, Any], article_hash: str | None) -> int:
    """Insert one correction and apply it, in one transaction; the new correction's id."""
    columns = ", ".join(values)
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute(
            f"INSERT INTO corrections ({columns}) VALUES ({', '.join('?' * len(values))}) RETURNING id",
            list(values.values()),
        ).fetchone()
        fixes.apply(conn, [article_hash] if article_hash else [])
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return int(row[0])


def _on_quote(
    conn: sqlite3.Connection, kind: str, quote_id: int, note: str, **extra: Any
) -> tuple[sqlite3.Row, int]:
    q = _quote(conn, quote_id)
    values = {
        "kind": kind,
        "article_hash": q["content_hash"],
        "article_ext_id": q["ext_id"],
        "start_char": q["start_char"],
        "end_char": q["end_char"],
        "quote_text": q["text"],
        "note": note,
        **extra,
    }
    return q, _record(conn, values, q["content_hash"])


def correct_speaker(conn: sqlite3.Connection, quote_id: int, name_or_id: str, *, note: str = "") -> str:
    """Give quote ``quote_id`` another speaker: an existing one by id, or a typed name (a speaker of its
    own, merged across articles by the identity rules)."""
    q = _quote(conn, quote_id)
    before = _speaker_now(conn, quote_id)
    key, name = _target(conn, name_or_id, q["ext_id"])
    _, cid = _on_quote(conn, "speaker", quote_id, note, speaker_key=key, speaker_name=name)
    return f'quote {quote_id} "{_short(q["text"])}": speaker {before} -> {_speaker_now(conn, quote_id)} (correction {cid})'


def reject(conn: sqlite3.Connection, quote_id: int, *, note: str = "") -> str:
    """Mark quote ``quote_id`` as not a quote: every read leaves it out until it is restored."""
    q, cid = _on_quote(conn, "reject", quote_id, note)
    return f'quote {quote_id} "{_short(q["text"])}" rejected: no longer shown or counted (correction {cid})'


def restore(conn: sqlite3.Connection, quote_id: int, *, note: str = "") -> str:
    """Bring a rejected quote back."""
    q, cid = _on_quote(conn, "restore", quote_id, note)
    return f'quote {quote_id} "{_short(q["text"])}" restored (correction {cid})'


def mark_right(conn: sqlite3.Connection, quote_id: int, *, note: str = "") -> str:
    """Say quote ``quote_id`` is right as it is: it leaves the check queue and counts as gold."""
    q, cid = _on_quote(conn, "right", quote_id, note)
    return f'quote {quote_id} "{_short(q["text"])}" checked: right (correction {cid})'


def correct_type(conn: sqlite3.Connection, quote_id: int, quote_type: str, *, note: str = "") -> str:
    """Change quote ``quote_id``'s type to direct, mixed or indirect."""
    if quote_type not in QUOTE_TYPES:
        raise InputError(f"type must be one of {', '.join(QUOTE_TYPES)}, not {quote_type!r}")
    old = conn.execute("SELECT type FROM quotes_corrected WHERE id = ?", (quote_id,)).fetchone()
    q, cid = _on_quote(conn, "type", quote_id, note, type=quote_type)
    before = old[0] if old else "?"
    return f'quote {quote_id} "{_short(q["text"])}": type {before} -> {quote_type} (correction {cid})'


def add_quote(
    conn: sqlite3.Connection,
    article_id: int,
    start: int,
    end: int,
    speaker: str,
    *,
    quote_type: str | None = None,
    note: str = "",
) -> str:
    """Add a quote the extractor missed: article ``article_id``'s text from ``start`` to ``end``, said by
    ``speaker`` (a name or speaker id)."""
    article = conn.execute(
        "SELECT id, ext_id, text, content_hash FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if article is None:
        raise NotFoundError(f"no article with id {article_id}")
    text = str(article["text"])
    if not 0 <= start < end <= len(text):
        raise InputError(f"offsets must satisfy 0 <= START < END <= {len(text)} (the article's length)")
    if quote_type is not None and quote_type not in QUOTE_TYPES:
        raise InputError(f"type must be one of {', '.join(QUOTE_TYPES)}, not {quote_type!r}")
    words = text[start:end]
    if quote_type is None:
        before, after = text[max(0, start - 1) : start], text[end : end + 1]
        quote_type = "direct" if before in "\"“‘'«" and before and after in "\"”’'»" and after else "indirect"
    key, name = _target(conn, speaker, article["ext_id"])
    values = {
        "kind": "add",
        "article_hash": article["content_hash"],
        "article_ext_id": article["ext_id"],
        "start_char": start,
        "end_char": end,
        "quote_text": words,
        "speaker_key": key,
        "speaker_name": name,
        "type": quote_type,
        "note": note,
    }
    cid = _record(conn, values, article["content_hash"])
    row = conn.execute(
        "SELECT id FROM quotes_corrected WHERE article_id = ? AND start_char = ? AND end_char = ?",
        (article_id, start, end),
    ).fetchone()
    shown = f"quote {row[0]}" if row else "a quote"
    return f'{shown} added to article {article_id}: "{_short(words)}", said by {name} (correction {cid})'


def find_words(text: str, words: str) -> tuple[int, int]:
    """Where ``words`` (as copied from a page: spaces and line breaks may differ) stand in ``text``,
    which must be once; an InputError says why not."""
    parts = words.split()
    if not parts:
        raise InputError("give the words of the quote")
    found = list(re.finditer(r"\s+".join(re.escape(p) for p in parts), text))
    if not found:
        raise InputError("these words are not in the article")
    if len(found) > 1:
        raise InputError(f"these words are in the article {len(found)} times: give more of them")
    return found[0].start(), found[0].end()


def add_quote_words(
    conn: sqlite3.Connection, article_id: int, words: str, speaker: str, *, note: str = ""
) -> str:
    """``add_quote`` for the words of the quote rather than offsets (the article page's form)."""
    row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no article with id {article_id}")
    start, end = find_words(str(row[0]), words.strip().strip("\"“”‘’'"))
    return add_quote(conn, article_id, start, end, speaker, note=note)


def _speaker_key(conn: sqlite3.Connection, speaker_id: int) -> tuple[str, str, int]:
    row = conn.execute(
        "SELECT c.key, c.name, c.id FROM speakers s JOIN speakers c ON c.id = coalesce(s.canonical_id, s.id)"
        " WHERE s.id = ?",
        (speaker_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no speaker with id {speaker_id}")
    return str(row[0]), str(row[1]), int(row[2])


def merge(conn: sqlite3.Connection, kept_id: int, merged_id: int, *, note: str = "") -> str:
    """Count speaker ``merged_id`` as ``kept_id`` everywhere (one person under two names)."""
    kept_key, kept_name, kept = _speaker_key(conn, kept_id)
    merged_key, merged_name, merged = _speaker_key(conn, merged_id)
    if kept == merged:
        raise InputError(f"speakers {kept_id} and {merged_id} are already one speaker ({kept_name})")
    values = {
        "kind": "merge",
        "speaker_key": kept_key,
        "speaker_name": kept_name,
        "other_key": merged_key,
        "note": note,
    }
    cid = _record(conn, values, None)
    return f"speaker {merged} ({merged_name}) merged into {kept} ({kept_name}) (correction {cid})"


def split(
    conn: sqlite3.Connection, speaker_id: int, article_ids: list[int], name: str, *, note: str = ""
) -> str:
    """Give speaker ``speaker_id``'s quotes in ``article_ids`` to another person called ``name`` (two
    people who share a name: the new one gets an identity of its own)."""
    old_key, old_name, cid = _speaker_key(conn, speaker_id)
    if not article_ids:
        raise InputError("give the articles whose quotes belong to the other person")
    key = identity_key(name, "person")
    if key == old_key:
        n = 2
        while conn.execute("SELECT 1 FROM speakers WHERE key = ?", (f"{old_key} [{n}]",)).fetchone():
            n += 1
        key = f"{old_key} [{n}]"
    done = []
    for article_id in article_ids:
        article = conn.execute(
            "SELECT ext_id, content_hash FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if article is None:
            raise NotFoundError(f"no article with id {article_id}")
        values = {
            "kind": "split",
            "article_hash": article["content_hash"],
            "article_ext_id": article["ext_id"],
            "speaker_key": key,
            "speaker_name": name,
            "other_key": old_key,
            "note": note,
        }
        done.append(_record(conn, values, article["content_hash"]))
    ids = ", ".join(map(str, done))
    return f"speaker {cid} ({old_name}) in {len(article_ids)} article(s) is now {name} (correction {ids})"


def undo(conn: sqlite3.Connection, *, note: str = "") -> str:
    """Reverse the last live correction (it stays in the log, marked undone)."""
    row = conn.execute(
        "SELECT * FROM corrections WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        raise NotFoundError("no correction to undo")
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "UPDATE corrections SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
            " note = CASE WHEN ? = '' THEN note ELSE note || ' | undone: ' || ? END WHERE id = ?",
            (note, note, row["id"]),
        )
        fixes.apply(conn, [row["article_hash"]] if row["article_hash"] else [])
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return f"undone: {_correction(row, False).describe()}"


def _correction(row: sqlite3.Row, orphaned: bool) -> Correction:
    return Correction(
        id=row["id"],
        kind=row["kind"],
        article_ext_id=row["article_ext_id"],
        start=row["start_char"],
        end=row["end_char"],
        quote_text=row["quote_text"],
        speaker_name=row["speaker_name"],
        speaker_key=row["speaker_key"],
        other_key=row["other_key"],
        type=row["type"],
        note=row["note"],
        created_at=row["created_at"],
        undone_at=row["undone_at"],
        orphaned=orphaned,
    )


def is_orphaned(conn: sqlite3.Connection, row: sqlite3.Row) -> bool:
    """True when a live correction no longer finds what it corrects: its article's text, its quote
    (after a re-extraction), or, for a merge, one of its speakers."""
    if row["kind"] == "merge":
        keys = (row["speaker_key"], row["other_key"])
        found = conn.execute("SELECT count(*) FROM speakers WHERE key IN (?, ?)", keys).fetchone()[0]
        return int(found) < 2
    article = conn.execute(
        "SELECT id FROM articles WHERE content_hash = ?", (row["article_hash"],)
    ).fetchone()
    if article is None:
        return True
    if row["kind"] not in fixes.QUOTE_KINDS:
        return False
    quotes = conn.execute(
        "SELECT id, start_char, end_char FROM quotes WHERE article_id = ?", (article["id"],)
    ).fetchall()
    return fixes.find_quote(quotes, row["start_char"], row["end_char"]) is None


def list_corrections(
    conn: sqlite3.Connection, *, orphaned: bool = False, undone: bool = False
) -> list[Correction]:
    """Every correction, oldest first (undone ones only with ``undone``); with ``orphaned`` only the live
    ones that no longer find their quote."""
    where = "" if undone else " WHERE undone_at IS NULL"
    out = []
    for row in conn.execute(f"SELECT * FROM corrections{where} ORDER BY id").fetchall():
        lost = row["undone_at"] is None and is_orphaned(conn, row)
        if lost or not orphaned:
            out.append(_correction(row, lost))
    return out


__all__ = [
    "KINDS",
    "Correction",
    "add_quote",
    "add_quote_words",
    "correct_speaker",
    "correct_type",
    "find_words",
    "is_orphaned",
    "list_corrections",
    "mark_right",
    "merge",
    "reject",
    "restore",
    "split",
    "undo",
]
