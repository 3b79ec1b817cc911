"""Every SQLite connection of a store: ``Connections``, which ``saidwhat.store.Store`` builds on.

Every SQLite connection of saidwhat is opened here. The writer gets WAL and foreign keys: WAL lets
readers (the web app, ``saidwhat search``) run while an ingest writes, and with ``synchronous=NORMAL``
a killed process never leaves a half-written transaction behind. Readers get a ``mode=ro`` URI and
``PRAGMA query_only``, so a stray write fails even if the URI were changed. A WAL store that nobody
may write (a read-only mount, a shared archive, another user's file) cannot even be read that way,
since a WAL reader must create or write the ``-shm`` index beside it; such a store is opened
``immutable``, which SQLite allows where nothing else writes, and which is the case when we may not. A ``Store`` with a pool
(the web app) hands each request its own reader and keeps it for the next: opening one per request
would re-read the schema each time, and one shared connection would serialise every worker thread.
"""

from __future__ import annotations

import os
import queue
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from saidwhat.errors import NotFoundError, StoreError
from saidwhat.store.write_errors import JOURNAL_SIZE_LIMIT, remove_new_store, write_error

BUSY_TIMEOUT_MS = 30_000
WEB_POOL_SIZE = 16


def _open_reader(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA query_only = ON")
        conn.execute("SELECT count(*) FROM schema_version").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _read_only_place(exc: sqlite3.OperationalError, file: Path) -> bool:
    """Whether a failed read-only open is SQLite wanting to write beside a file we may not write."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    refused = name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")) or "readonly" in str(exc)
    return refused and not (os.access(file, os.W_OK) and os.access(file.parent, os.W_OK))


class Connections:
    """One store file and every connection to it (the base of ``Store``, which adds what to ask).

    ``writer()`` opens (creating and migrating) the file for writing; ``read()`` is a read-only
    connection for a ``with`` block; ``reader()`` one the caller closes. With ``pool_size`` > 0,
    ``read()`` keeps up to that many idle readers for reuse until ``close()``.
    """

    def __init__(self, path: str | Path, *, pool_size: int = 0) -> None:
        self.path = Path(path)
        self._idle: queue.LifoQueue[sqlite3.Connection] | None = (
            queue.LifoQueue(maxsize=pool_size) if pool_size > 0 else None
        )
        self._closed = False

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.path)!r})"

    def writer(self, *, migrate: bool = True) -> sqlite3.Connection:
        """Open the file for writing (created if missing), in autocommit mode: callers say BEGIN themselves.

        A store this call creates but cannot set up (a full disk) is deleted again, so no empty file
        stays; a write the disk refuses is a StoreWriteError with one line to show.
        """
        from saidwhat.store.migrate import migrate as run_migrations

        path = self.path
        new = str(path) != ":memory:" and not path.exists()
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT}")
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

    def reader(self, *, upgraded: bool = False) -> sqlite3.Connection:
        """A new read-only connection to an existing store; NotFoundError if it is missing.

        ``check_same_thread`` is off so that a web server may hand the connection to a worker thread;
        a read-only connection has no writes to race on. A store made by an older saidwhat is migrated
        first (once), since the queries read views that newer migrations create.
        """
        file = self.path.resolve()
        if not file.is_file():
            raise NotFoundError(f"no saidwhat database at {self.path}; create one with `saidwhat ingest`")
        try:
            try:
                conn = _open_reader(f"{file.as_uri()}?mode=ro")
            except sqlite3.OperationalError as exc:
                if not _read_only_place(exc, file):
                    raise
                conn = _open_reader(f"{file.as_uri()}?mode=ro&immutable=1")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read {self.path} as a saidwhat store: {exc}") from exc
        if not upgraded and self._outdated(conn):
            conn.close()
            try:
                self.writer().close()  # reads need the newest views (quotes_corrected): migrate once
            except StoreError as exc:
                raise StoreError(
                    f"{self.path} was made by an older saidwhat and must be upgraded once, which needs write"
                    f" access: {exc}"
                ) from exc
            return self.reader(upgraded=True)
        return conn

    @staticmethod
    def _outdated(conn: sqlite3.Connection) -> bool:
        from saidwhat.store.migrate import available, schema_version

        return schema_version(conn) < available()[-1][0]

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection for the ``with`` block: from the pool if there is one, else new and
        closed at the end. An open transaction is rolled back before the connection is reused."""
        conn = None
        if self._idle is not None and not self._closed:
            with suppress(queue.Empty):
                conn = self._idle.get_nowait()
        if conn is None:
            conn = self.reader()
        try:
            yield conn
        finally:
            self._release(conn)

    def _release(self, conn: sqlite3.Connection) -> None:
        if self._idle is None or self._closed:
            conn.close()
            return
        if conn.in_transaction:
            conn.rollback()
        try:
            self._idle.put_nowait(conn)
        except queue.Full:
            conn.close()

    def close(self) -> None:
        """Close the idle pooled readers (connections in use are closed when they come back)."""
        self._closed = True
        if self._idle is None:
            return
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
