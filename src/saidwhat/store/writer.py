"""The single writer: one transaction per article, so a killed ingest leaves whole articles or none.

Idempotent: an article whose id or text (sha256) is already stored is skipped, so running an ingest
again adds nothing and a resumed ingest adds only what is missing. Speakers are got-or-created by
their identity key (``saidwhat.identity``); partial names are re-attached in the same transaction.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime

from saidwhat.article_text import repair_text
from saidwhat.identity import identity_key, is_description, surname
from saidwhat.model import Article, Extraction, Failure, Speaker
from saidwhat.store.families import FamilyIndex
from saidwhat.store.fixes import apply as apply_corrections
from saidwhat.store.partials import reattach
from saidwhat.store.queries import Stats, stats
from saidwhat.store.speaker_evidence import add_evidence

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_TITLE_EDGES = " \t-–—,.:;()"


def content_hash(text: str) -> str:
    """The key of an article's text for spotting the same story under another id."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def normalise_date(value: str | None) -> str | None:
    """ISO 8601 if the date can be read (ISO, RFC 2822), else None: dates are compared as strings."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    match = _DATE.match(value)
    return match.group(0) if match else None


@dataclass(slots=True)
class WriteCounts:
    """What a writer added; the ingest summary reads it."""

    articles: int = 0
    quotes: int = 0
    skipped: int = 0
    failures: int = 0


class StoreWriter:
    """Writes Extractions and Failures to an open (migrated) connection; not thread-safe, one per store.

    Every ``checkpoint_every`` writes it checkpoints the write-ahead log (passively: it never waits
    for readers), so the log holds about one batch, not the whole run, and a resume after a full disk
    needs little room to start.
    """

    def __init__(self, conn: sqlite3.Connection, *, checkpoint_every: int = 16) -> None:
        self.conn = conn
        self.counts = WriteCounts()
        self.checkpoint_every = max(1, checkpoint_every)
        self._since_checkpoint = 0
        self.families = FamilyIndex(conn)
        self.families.index_backlog()  # quotes stored before quote families existed, once

    def close(self) -> None:
        self.conn.close()

    def stats(self) -> Stats:
        """What the store holds now (read on the writer's own connection, so it sees every write)."""
        return stats(self.conn)

    def articles_held(self) -> int | None:
        """The articles stored, or None when even that cannot be read (what a failed run keeps)."""
        try:
            return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        except sqlite3.Error:
            return None

    def has_article(self, article: Article) -> bool:
        """True if the article, or the same text under another id, is already stored."""
        row = self.conn.execute(
            "SELECT 1 FROM articles WHERE ext_id = ? OR content_hash = ? LIMIT 1",
            (repair_text(article.id), content_hash(article.text)),
        ).fetchone()
        return row is not None

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are already stored (to skip them before any extraction)."""
        wanted = [repair_text(i) for i in ids]
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in self.conn.execute(f"SELECT ext_id FROM articles WHERE ext_id IN ({marks})", chunk)
            )
        return found

    def write(self, item: Extraction | Failure) -> bool:
        """Store one result in its own transaction; False if it was already there."""
        if isinstance(item, Failure):
            return self.write_failure(item)
        return self.write_extraction(item)

    def _written(self) -> None:
        self._since_checkpoint += 1
        if self._since_checkpoint >= self.checkpoint_every:
            self.checkpoint()

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the store as far as readers allow, so the log starts over."""
        self._since_checkpoint = 0
        self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def write_failure(self, failure: Failure) -> bool:
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO failures (article_ext_id, stage, reason, source) VALUES (?, ?, ?, ?)",
            (
                repair_text(failure.article_id),
                failure.stage,
                repair_text(failure.reason),
                repair_text(failure.source or ""),
            ),
        )
        added = cursor.rowcount > 0
        self.counts.failures += added
        self._written()
        return added

    def write_extraction(self, extraction: Extraction) -> bool:
        """Store one extraction; one whose text SQLite cannot take as UTF-8 becomes a Failure, so the
        articles around it are stored all the same (readers repair such text before it gets here)."""
        try:
            return self._write_extraction(extraction)
        except UnicodeEncodeError as exc:
            article = extraction.article
            reason = f"a field cannot be stored as UTF-8: {exc.reason} ({exc.object[exc.start : exc.end]!r})"
            return self.write_failure(Failure(article.id, "store", reason, source=article.source))

    def _write_extraction(self, extraction: Extraction) -> bool:
        article = extraction.article
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            if self.has_article(article):
                conn.execute("ROLLBACK")
                self.counts.skipped += 1
                return False
            article_row = self._insert_article(article)
            speaker_rows = {
                s.id: self._upsert_speaker(s, article.id, article_row) for s in extraction.speakers
            }
            for local_id, (listed_row, name) in speaker_rows.items():
                conn.execute(
                    "INSERT INTO article_speakers (article_id, local_id, speaker_id, name) VALUES (?, ?, ?, ?)",
                    (article_row, local_id, listed_row, name),
                )
            new_quotes: list[tuple[int, str]] = []
            for seq, quote in enumerate(extraction.quotes):
                speaker_row: int | None = None
                if quote.speaker is not None:
                    if quote.speaker.id not in speaker_rows:  # a speaker missing from the list
                        speaker_rows[quote.speaker.id] = self._upsert_speaker(
                            quote.speaker, article.id, article_row
                        )
                    speaker_row = speaker_rows[quote.speaker.id][0]
                quote_row = conn.execute(
                    "INSERT INTO quotes (article_id, seq, start_char, end_char, spans, text, type, speaker_id,"
                    " cue, cue_start, cue_end, confidence, kind, how)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article_row,
                        seq,
                        quote.start,
                        quote.end,
                        json.dumps([s.to_list() for s in quote.spans]),
                        quote.text,
                        quote.type,
                        speaker_row,
                        quote.cue.text if quote.cue else None,
                        quote.cue.start if quote.cue else None,
                        quote.cue.end if quote.cue else None,
                        float(quote.confidence),
                        quote.kind,
                        quote.how if speaker_row is not None else None,
                    ),
                ).lastrowid
                assert quote_row is not None
                new_quotes.append((quote_row, quote.text))
                if quote.mention is not None and speaker_row is not None:
                    conn.execute(
                        "INSERT INTO mentions (quote_id, article_id, speaker_id, text, start_char, end_char)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        (
                            quote_row,
                            article_row,
                            speaker_row,
                            quote.mention.text,
                            quote.mention.start,
                            quote.mention.end,
                        ),
                    )
            self.families.add_quotes(new_quotes)
            apply_corrections(conn, [content_hash(article.text)])  # readers' corrections of this text
            conn.execute("DELETE FROM failures WHERE article_ext_id = ?", (article.id,))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self.counts.articles += 1
        self.counts.quotes += len(extraction.quotes)
        self._written()
        return True

    def forget(self, ext_id: str) -> bool:
        """Remove an article and everything extracted from it, so that it can be extracted again (by a
        newer saidwhat); readers' corrections stay, keyed to its text, and apply to the new extraction."""
        cursor = self.conn.execute("DELETE FROM articles WHERE ext_id = ?", (ext_id,))
        return cursor.rowcount > 0

    def _insert_article(self, article: Article) -> int:
        row = self.conn.execute(
            "INSERT INTO articles (ext_id, content_hash, title, url, date, source, byline, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                content_hash(article.text),
                article.title,
                article.url,
                normalise_date(article.date),
                article.source,
                article.byline,
                article.text,
            ),
        ).lastrowid
        assert row is not None
        return row

    def _upsert_speaker(self, speaker: Speaker, article_id: str, article_row: int) -> tuple[int, str]:
        """Get-or-create the speaker row of ``speaker``'s identity key; its name and kind from all evidence."""
        key = identity_key(speaker.name, speaker.kind, article_id=article_id)
        description = is_description(key)
        row = self.conn.execute(
            "INSERT INTO speakers (key, name, kind, surname, is_description) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET"
            "  name = CASE WHEN length(excluded.name) > length(name) THEN excluded.name ELSE name END,"
            "  kind = CASE WHEN kind = 'unknown' THEN excluded.kind ELSE kind END"
            " RETURNING id",
            (key, speaker.name, speaker.kind, surname(key), int(description)),
        ).fetchone()
        speaker_row = int(row[0])
        add_evidence(self.conn, speaker_row, speaker.name, speaker.kind)  # name and kind, in any order
        for alias in (speaker.name, *speaker.aliases):
            self._add_alias(speaker_row, alias)
        self._add_gender_evidence(article_row, speaker_row, speaker)
        for title in speaker.titles:
            title = title.strip(_TITLE_EDGES)
            if title:
                self.conn.execute(
                    "INSERT INTO speaker_titles (speaker_id, title) VALUES (?, ?)"
                    " ON CONFLICT (speaker_id, title) DO UPDATE SET count = count + 1",
                    (speaker_row, title),
                )
        if not description:
            self._reattach(surname(key))
        return speaker_row, speaker.name

    def _add_gender_evidence(self, article_row: int, speaker_row: int, speaker: Speaker) -> None:
        """What this article says about the speaker's gender, beside what other articles said."""
        for kind, female, male in speaker.gender_counts:
            self.conn.execute(
                "INSERT INTO speaker_gender_evidence (article_id, speaker_id, evidence, female, male)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, speaker_id, evidence) DO UPDATE SET"
                " female = female + excluded.female, male = male + excluded.male",
                (article_row, speaker_row, kind, female, male),
            )

    def _add_alias(self, speaker_row: int, alias: str) -> None:
        alias = alias.strip()
        if alias:
            self.conn.execute(
                "INSERT INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)"
                " ON CONFLICT (speaker_id, alias) DO UPDATE SET count = count + 1",
                (speaker_row, alias),
            )

    def _reattach(self, last: str) -> None:
        reattach(self.conn, last)
