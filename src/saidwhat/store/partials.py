"""Partial speakers ("Trump") re-attached to the one full speaker of their surname, by the rule of
``saidwhat.identity``: the writer does it as names arrive, and a re-applied correction does it again."""

from __future__ import annotations

import sqlite3

from saidwhat.identity import attach_partial, is_partial


def reattach(conn: sqlite3.Connection, last: str) -> None:
    """Recompute which full speaker each partial speaker with surname ``last`` belongs to (readers'
    merges, which outrank this rule, are applied again by ``saidwhat.store.corrections``)."""
    rows = conn.execute(
        "SELECT id, key, kind FROM speakers WHERE surname = ? AND is_description = 0", (last,)
    ).fetchall()
    ids = {key: sid for sid, key, _ in rows}
    full = [key for key in ids if not is_partial(key)]
    for sid, key, kind in rows:
        if is_partial(key) and kind != "organisation":
            target = attach_partial(key, full)
            canonical = ids[target] if target != key else None
            conn.execute("UPDATE speakers SET canonical_id = ? WHERE id = ?", (canonical, sid))
