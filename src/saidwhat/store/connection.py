"""Opening a store: WAL and foreign keys for the writer, a read-only URI for everyone else.

WAL lets readers (the web app, ``saidwhat search``) run while an ingest writes, and with
``synchronous=NORMAL`` a killed process never leaves a half-written transaction behind.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from saidwhat.errors import NotFoundError, StoreError

BUSY_TIMEOUT_MS = 30_000


def connect(path: str | Path, *, migrate: bool = True) -> sqlite3.Connection:
    """Open ``path`` for writing (created if missing), in autocommit mode: callers say BEGIN themselves.

    A store this call creates but cannot set up (a full disk) is deleted again, so no empty file stays.
    """
    from saidwhat.store.migrate import migrate as run_migrations
    from saidwhat.store.write_errors import remove_new_store, write_error

    new = str(path) != ":memory:" and not Path(path).exists()
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        if migrate:
            run_migrations(conn)
    except (sqlite3.Error, StoreError) as exc:
        if conn is not None:
            conn.close()
        if new:
            remove_new_store(path)
        cause = exc.__cause__ if isinstance(exc, StoreError) else exc
        held = "no store was created" if new else "the store is unchanged"
        unwritable = write_error(cause, path, held=held) if cause is not None else None
        if unwritable is not None:
            raise unwritable from exc
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"cannot open {path} as a saidwhat store: {exc}") from exc
    return conn


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """Open an existing store for queries only (``mode=ro``); raise NotFoundError if it is missing.

    ``check_same_thread`` is off so that a web server may hand the connection to a worker thread;
    a read-only connection has no writes to race on.
    """
    file = Path(path).resolve()
    if not file.is_file():
        raise NotFoundError(f"no saidwhat database at {path}; create one with `saidwhat ingest`")
    try:
        conn = sqlite3.connect(f"{file.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("SELECT count(*) FROM schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot read {path} as a saidwhat store: {exc}") from exc
    return conn
