"""Counting the names and kinds articles give a speaker, and recomputing the speaker's shown name and kind
from all of them (``saidwhat.identity``) in the writer's transaction."""

from __future__ import annotations

import sqlite3
from collections import Counter

from saidwhat.identity import display_name, speaker_kind


def add_evidence(conn: sqlite3.Connection, speaker_row: int, name: str, kind: str) -> None:
    """One more article calls speaker ``speaker_row`` ``name``, of ``kind``; update the row's name and kind."""
    conn.execute(
        "INSERT INTO speaker_evidence (speaker_id, name, kind) VALUES (?, ?, ?)"
        " ON CONFLICT (speaker_id, name, kind) DO UPDATE SET count = count + 1",
        (speaker_row, name, kind),
    )
    names: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for seen, of_kind, count in conn.execute(
        "SELECT name, kind, count FROM speaker_evidence WHERE speaker_id = ?", (speaker_row,)
    ):
        names[seen] += count
        kinds[of_kind] += count
    conn.execute(
        "UPDATE speakers SET name = ?, kind = ? WHERE id = ?",
        (display_name(names), speaker_kind(kinds), speaker_row),
    )
