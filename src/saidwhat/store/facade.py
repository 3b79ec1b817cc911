"""``Store``: one object for everything a store holds, reads and writes; callers never see SQL.

    store = Store("saidwhat.db")
    store.search("strike", speaker="Kim", limit=10)     # a Page of QuoteHits
    store.article(3), store.speakers(limit=20), store.stats(), store.trace("we will win")
    store.correct_speaker(12, "Tom Baker", note="p.2")  # a correction, in its own transaction
    writer = store.open_writer()                        # the one writer an ingest uses

The methods are grouped by what they do: ``Reading`` (every query, each on a read-only connection of
its own) and ``Correcting`` (readers' corrections); ``Connections`` opens the connections and keeps the
web app's pool. The SQL is in the per-area modules behind them, and the rows they return are the
frozen dataclasses the CLI prints, the notebook reads and the web app returns as JSON.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from saidwhat.store.correcting import Correcting
from saidwhat.store.reading import Reading

if TYPE_CHECKING:
    from saidwhat.store.writer import StoreWriter


class Store(Reading, Correcting):
    """One store file: ask it (``search``, ``article``, ``speakers``...), correct it, or ingest into it."""

    def open_writer(self, *, checkpoint_every: int = 16) -> StoreWriter:
        """The store's single writer for an ingest, on a connection of its own (``close()`` it)."""
        from saidwhat.store.writer import StoreWriter  # families' datasketch and numpy: ingest only

        conn = self.writer()
        try:
            return StoreWriter(conn, checkpoint_every=checkpoint_every)
        except BaseException:
            conn.close()
            raise
