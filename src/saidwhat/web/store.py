"""Read-only access to the store for request handlers: a small pool of ``mode=ro`` connections.

Opening a connection per request would re-read the schema each time; one shared connection would
serialise every worker thread. A pool hands each request its own connection and keeps it for the next.
``PRAGMA query_only`` on top of ``mode=ro`` makes a stray write fail even if the URI were changed.
"""

from __future__ import annotations

import queue
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from saidwhat.store import connect_readonly

POOL_SIZE = 16


class ReadOnlyStore:
    """Connections to one store file; raises NotFoundError/StoreError at creation if it is unusable."""

    def __init__(self, path: Path, pool_size: int = POOL_SIZE) -> None:
        self.path = path
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue(maxsize=pool_size)
        self._idle.put(self._open())  # fail now, at startup, not on the first request

    def _open(self) -> sqlite3.Connection:
        conn = connect_readonly(self.path)
        conn.execute("PRAGMA query_only = ON")
        return conn

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = self._open()
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.rollback()
            try:
                self._idle.put_nowait(conn)
            except queue.Full:
                conn.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
