"""The ``--db`` and ``--json`` options and the one way a query command opens the store.

Every command that reads the store goes through ``with_db``: it opens the database read-only (a query
never writes) and turns saidwhat's errors into the exit code of ``saidwhat.cli.exits``, so each command
reports a missing or broken store the same way.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Annotated, Any

import typer

from saidwhat.cli.exits import fail
from saidwhat.errors import SaidwhatError

DB_HELP = "SQLite database file of the store."
DbOption = Annotated[str, typer.Option("--db", help=DB_HELP)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def with_db(db: str, action: Callable[[sqlite3.Connection], None]) -> None:
    """Run ``action`` on a read-only connection to ``db``; saidwhat's errors end the command."""
    from saidwhat.store import Store

    try:
        with Store(db).read() as conn:
            action(conn)
    except SaidwhatError as exc:
        raise fail(exc) from exc


def print_json(data: Any) -> None:
    """``data`` as indented JSON on stdout, non-ASCII kept as is (names and quotes read as written)."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
