"""The write-ahead log stays about one batch long while ``ingest`` writes, so a resume after a full
disk needs little room, and the full-disk message says how much.

A reader stays connected through the ingest (as ``serve`` would), so the log is not deleted when the
ingest closes its connection, and its size shows what it held at the end of the run.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from saidwhat.ingest import IngestOptions, ingest
from saidwhat.settings import Settings
from saidwhat.store.write_errors import JOURNAL_SIZE_LIMIT, resume_needs, write_error


def _jsonl(path: Path, n: int) -> Path:
    filler = "The council met again on Monday and talked about roads, schools and the harbour. " * 40
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = f'{filler}\n\n"Site {i} will open on time," Mayor Thomas Okafor said of site {i}.'
            out.write(json.dumps({"id": f"n{i}", "text": text}) + "\n")
    return path


@pytest.mark.slow
def test_wal_bounded_to_about_a_batch_while_ingesting(tmp_path: Path):
    db = tmp_path / "s.db"
    ingest([str(_jsonl(tmp_path / "first.jsonl", 1))], db, IngestOptions())
    reader = sqlite3.connect(db)
    try:
        reader.execute("SELECT count(*) FROM articles").fetchall()  # connected, no snapshot held
        ingest(
            [str(_jsonl(tmp_path / "more.jsonl", 120))], db, IngestOptions(settings=Settings(batch_size=2))
        )
        wal = Path(f"{db}-wal").stat().st_size
        stored = db.stat().st_size
    finally:
        reader.close()
    assert stored > 500_000  # 120 articles, each a transaction of dozens of pages
    # Before: 4.2 MB, SQLite's autocheckpoint of 1,000 pages; now about one batch of 2 articles (0.3 MB).
    assert wal < 2_000_000, (wal, stored)


def test_wal_full_disk_message_says_how_much_a_resume_needs(tmp_path: Path):
    db = tmp_path / "s.db"
    db.write_bytes(b"")
    Path(f"{db}-wal").write_bytes(b"\0" * 3_000_000)
    assert resume_needs(db) == 3_000_000 + JOURNAL_SIZE_LIMIT
    error = write_error(sqlite3.OperationalError("database or disk is full"), db)
    assert error is not None
    needed = re.search(r"free at least (\d+) MB", str(error))
    assert needed and int(needed.group(1)) == -(-(3_000_000 + JOURNAL_SIZE_LIMIT) // 1_000_000)
