"""What a reader may change in a store: corrections of quotes and speakers, and of speakers' genders.

Each method opens a writer connection of its own (WAL: readers go on meanwhile), runs one correction
of ``saidwhat.store.corrections`` (or one batch of gender corrections) in its transaction, closes the
connection and returns what it changed as a sentence to show. The CLI's ``correct`` commands and the
web app's editing call the same methods, so both record a correction the same way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import TypeVar

from saidwhat.store.connection import Connections

T = TypeVar("T")


class Correcting(Connections):
    """The correcting methods of ``Store``."""

    def _with_writer(self, action: Callable[[sqlite3.Connection], T]) -> T:
        conn = self.writer()
        try:
            return action(conn)
        finally:
            conn.close()

    def correct_speaker(self, quote_id: int, name_or_id: str, *, note: str = "") -> str:
        """Give a quote another speaker (an id, or a name: a new speaker if no one has it)."""
        from saidwhat.store.corrections import correct_speaker

        return self._with_writer(lambda conn: correct_speaker(conn, quote_id, name_or_id, note=note))

    def reject(self, quote_id: int, *, note: str = "") -> str:
        """Mark a quote as not a quote."""
        from saidwhat.store.corrections import reject

        return self._with_writer(lambda conn: reject(conn, quote_id, note=note))

    def restore(self, quote_id: int, *, note: str = "") -> str:
        """Undo a rejection."""
        from saidwhat.store.corrections import restore

        return self._with_writer(lambda conn: restore(conn, quote_id, note=note))

    def mark_right(self, quote_id: int, *, note: str = "") -> str:
        """Say a quote was right: off the check list, into the reader's gold."""
        from saidwhat.store.corrections import mark_right

        return self._with_writer(lambda conn: mark_right(conn, quote_id, note=note))

    def correct_type(self, quote_id: int, quote_type: str, *, note: str = "") -> str:
        from saidwhat.store.corrections import correct_type

        return self._with_writer(lambda conn: correct_type(conn, quote_id, quote_type, note=note))

    def add_quote(
        self,
        article_id: int,
        start: int,
        end: int,
        speaker: str,
        *,
        quote_type: str | None = None,
        note: str = "",
    ) -> str:
        """Add a quote that saidwhat missed, by its offsets in the article."""
        from saidwhat.store.corrections import add_quote

        return self._with_writer(
            lambda conn: add_quote(conn, article_id, start, end, speaker, quote_type=quote_type, note=note)
        )

    def add_quote_words(self, article_id: int, words: str, speaker: str, *, note: str = "") -> str:
        """Add a quote by its words (found once in the article), as the article page's form gives it."""
        from saidwhat.store.corrections import add_quote_words

        return self._with_writer(lambda conn: add_quote_words(conn, article_id, words, speaker, note=note))

    def merge_speakers(self, kept_id: int, merged_id: int, *, note: str = "") -> str:
        """Say speaker ``merged_id`` is speaker ``kept_id``."""
        from saidwhat.store.corrections import merge

        return self._with_writer(lambda conn: merge(conn, kept_id, merged_id, note=note))

    def split_speaker(self, speaker_id: int, article_ids: list[int], name: str, *, note: str = "") -> str:
        """Give a speaker's quotes in these articles to another speaker, called ``name``."""
        from saidwhat.store.corrections import split

        return self._with_writer(lambda conn: split(conn, speaker_id, article_ids, name, note=note))

    def undo(self, *, note: str = "") -> str:
        """Undo the last correction."""
        from saidwhat.store.corrections import undo

        return self._with_writer(lambda conn: undo(conn, note=note))

    def set_genders(self, pairs: Iterable[tuple[str, str]]) -> list[str]:
        """Apply ``(speaker id or name, gender)`` corrections in one transaction, all or none; a line each."""
        from saidwhat.store.diversity import apply_corrections

        return self._with_writer(lambda conn: apply_corrections(conn, pairs))
