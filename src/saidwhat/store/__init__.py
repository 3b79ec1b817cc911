"""The embedded SQLite store: schema by numbered migrations, one writer, read-only queries.

``Store(path)`` is the one way in (``saidwhat.store.facade``): its methods answer every question the
CLI, the web app, ingest and the notebook ask (``store.search(...)``, ``store.article(id)``,
``store.speakers()``), record readers' corrections, and hand out the one ingest writer. The per-area
modules behind it (``queries``, ``gender``, ``families``, ``diversity``, ``checking``, ``corrections``,
``export``, ``writer``) hold the SQL; no SQL lives outside this package.
"""

from saidwhat.store.connection import WEB_POOL_SIZE
from saidwhat.store.facade import Store
from saidwhat.store.migrate import migrate, schema_version

__all__ = ["WEB_POOL_SIZE", "Store", "migrate", "schema_version"]
