"""The embedded SQLite store: schema by numbered migrations, one writer, read-only queries.

``connect`` opens (and migrates) a database for writing; ``connect_readonly`` opens one for queries;
``saidwhat.store.queries`` holds the read functions and ``saidwhat.store.writer`` the single writer.
"""

from saidwhat.store.connection import connect, connect_readonly
from saidwhat.store.migrate import migrate, schema_version

__all__ = ["connect", "connect_readonly", "migrate", "schema_version"]
