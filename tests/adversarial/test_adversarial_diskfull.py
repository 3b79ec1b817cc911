"""A full disk under ``saidwhat ingest``: one line on stderr, exit code 3, the store valid and resumable,
and no empty file left when a new store cannot be created.

No disk is really filled: the real command runs under a file size limit (``RLIMIT_FSIZE``: the kernel
refuses writes past it, as a full disk would, without root), SQLite's ``max_page_count`` makes a real
"database or disk is full", and ``OSError(ENOSPC)`` is injected at the writer. Inputs are 10-60 articles.
"""

from __future__ import annotations

import errno
import json
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import saidwhat
from saidwhat.cli import app
from saidwhat.cli.exits import WRITE_FAILED
from saidwhat.errors import StoreWriteError
from saidwhat.ingest import IngestOptions, ingest
from saidwhat.store import connection
from saidwhat.store.writer import StoreWriter

SRC = str(Path(saidwhat.__file__).resolve().parent.parent)


def _jsonl(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = (
                f'"Site {i} will be finished on time, and the budget will hold," Mayor Thomas Okafor said '
                f"on Monday about site {i} in the town of River {i}. " * 4
            )
            out.write(json.dumps({"id": f"n{i}", "text": text}) + "\n")
    return path


def _stored(db: Path) -> tuple[str, list[str], int]:
    with sqlite3.connect(db) as conn:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        ids = sorted(r[0] for r in conn.execute("SELECT ext_id FROM articles"))
        quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    return check, ids, quotes


def _ingest_limited(inputs: Path, db: Path, limit: int | None) -> subprocess.CompletedProcess[str]:
    """The real ``saidwhat ingest`` with files limited to ``limit`` bytes (None: no limit)."""

    def cap() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    command = "from saidwhat.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", command, "ingest", str(inputs), "--db", str(db), "--no-progress"],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=cap,
        # no bytecode: under the size limit Python would write truncated .pyc files into the source tree,
        # which every later import of saidwhat then fails on
        env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"},
    )


@pytest.mark.slow
def test_a_full_disk_mid_ingest_is_one_line_exit_3_and_the_store_resumes(tmp_path: Path):
    db = tmp_path / "s.db"
    first = _ingest_limited(_jsonl(tmp_path / "ten.jsonl", 10), db, None)
    assert first.returncode == 0, first.stderr
    full = _ingest_limited(_jsonl(tmp_path / "sixty.jsonl", 60), db, db.stat().st_size + 60_000)
    assert full.returncode == WRITE_FAILED
    lines = full.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in full.stderr, full.stderr
    assert lines[0].startswith(f"saidwhat: cannot write the store {db}") and "re-run" in lines[0]
    check, ids, _ = _stored(db)
    assert check == "ok" and 10 <= len(ids) < 60
    resumed = _ingest_limited(tmp_path / "sixty.jsonl", db, None)
    assert resumed.returncode == 0, resumed.stderr
    check, ids, quotes = _stored(db)
    assert check == "ok" and ids == sorted(f"n{i}" for i in range(60))
    clean = tmp_path / "clean.db"
    assert _ingest_limited(tmp_path / "sixty.jsonl", clean, None).returncode == 0
    assert _stored(clean) == (check, ids, quotes)


@pytest.mark.parametrize("limit", [0, 5_000])
def test_a_new_store_on_a_full_disk_leaves_no_file(tmp_path: Path, limit: int):
    db = tmp_path / "new.db"
    result = _ingest_limited(_jsonl(tmp_path / "in.jsonl", 3), db, limit)
    assert result.returncode == WRITE_FAILED
    assert len(result.stderr.strip().splitlines()) == 1 and "no store was created" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_sqlite_database_or_disk_is_full_at_max_page_count(tmp_path: Path, monkeypatch):
    inputs = _jsonl(tmp_path / "in.jsonl", 30)
    db = tmp_path / "s.db"
    ingest([str(_jsonl(tmp_path / "two.jsonl", 2))], db, IngestOptions())

    plain_writer = connection.Connections.writer

    def tiny(self, **kwargs):
        conn = plain_writer(self, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 6}")
        return conn

    monkeypatch.setattr(connection.Connections, "writer", tiny)
    with pytest.raises(StoreWriteError) as caught:
        ingest([str(inputs)], db, IngestOptions())
    assert "the disk is full" in str(caught.value) and "database or disk is full" in str(caught.value)
    check, ids, _ = _stored(db)
    assert check == "ok" and 2 <= len(ids) < 30
    monkeypatch.undo()
    again = ingest([str(inputs)], db, IngestOptions())
    assert again.total_articles == 30 and _stored(db)[0] == "ok"


@pytest.mark.parametrize(
    "error",
    [sqlite3.OperationalError("database or disk is full"), OSError(errno.ENOSPC, "No space left on device")],
)
def test_the_cli_says_disk_full_in_one_line_with_exit_3(tmp_path: Path, monkeypatch, error: Exception):
    inputs = _jsonl(tmp_path / "in.jsonl", 5)
    db = tmp_path / "s.db"
    real = StoreWriter.write_extraction
    written = []

    def write_then_fill(self, extraction):
        if len(written) == 2:
            raise error
        written.append(extraction.article.id)
        return real(self, extraction)

    monkeypatch.setattr(StoreWriter, "write_extraction", write_then_fill)
    result = CliRunner().invoke(app, ["ingest", str(inputs), "--db", str(db), "--no-progress"])
    assert result.exit_code == WRITE_FAILED, result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith(
        f"saidwhat: cannot write the store {db}: the disk is full ({error}); "
        "the 2 articles stored are kept; free at least "
    )
    assert line.endswith(
        " MB beside the store (more for the articles still to come) and re-run the same command to resume"
    )
    assert _stored(db)[:2] == ("ok", ["n0", "n1"])
