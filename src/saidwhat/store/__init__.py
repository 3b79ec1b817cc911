"""The embedded SQLite store: schema by numbered migrations, one writer, read-only queries.

``Store(path)`` is the one way in: ``Store(path).writer()`` opens (and migrates) the file for writing,
``with Store(path).read() as conn`` gives a read-only connection. ``saidwhat.store.queries`` holds the
read functions, ``saidwhat.store.writer`` the single writer and ``saidwhat.store.export`` the CSV,
JSONL and Parquet exports; no SQL lives outside this package.
"""

from saidwhat.store.connection import WEB_POOL_SIZE, Store
from saidwhat.store.migrate import migrate, schema_version

__all__ = ["WEB_POOL_SIZE", "Store", "migrate", "schema_version"]
