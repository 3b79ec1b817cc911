"""The ``--db`` and ``--json`` options and the one way a query command opens the store.

Every command that reads the store goes through ``with_db``: it hands the command a ``Store`` whose
queries share one read-only connection (a query never writes), and turns saidwhat's errors into the exit
code of ``saidwhat.cli.exits``, so each command reports a missing or broken store the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from saidwhat.cli.exits import fail
from saidwhat.errors import SaidwhatError

if TYPE_CHECKING:
    from saidwhat.store import Store

DB_HELP = "SQLite database file of the store."
DbOption = Annotated[str, typer.Option("--db", help=DB_HELP)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def with_db(db: str, action: Callable[[Store], None]) -> None:
    """Run ``action`` on the store at ``db`` (one pooled reader for its queries); saidwhat's errors end
    the command."""
    from saidwhat.store import Store

    store = Store(db, pool_size=1)
    try:
        action(store)
    except SaidwhatError as exc:
        raise fail(exc) from exc
    finally:
        store.close()


def print_json(data: Any) -> None:
    """``data`` as indented JSON on stdout, non-ASCII kept as is (names and quotes read as written)."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
