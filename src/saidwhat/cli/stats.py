"""``saidwhat stats`` and ``saidwhat failures``: how much the store holds, and what it could not read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from saidwhat.cli.db import DbOption, JsonOption, print_json, with_db
from saidwhat.display import printable

if TYPE_CHECKING:
    from saidwhat.store import Store


def stats_command(db: DbOption = "saidwhat.db", as_json: JsonOption = False) -> None:
    """Counts of articles, quotes, speakers and failures in the store."""

    def show(store: Store) -> None:
        data = store.stats().to_dict()
        if as_json:
            print_json(data)
        else:
            width = max(len(k) for k in data)
            for key, value in data.items():
                typer.echo(f"{key.replace('_', ' '):<{width}}  {value}")

    with_db(db, show)


def failures_command(
    db: DbOption = "saidwhat.db",
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Inputs that could not be read or processed, and why."""

    def show(store: Store) -> None:
        rows = store.failures(limit=limit)
        if as_json:
            print_json(rows)
            return
        if not rows:
            typer.echo("No failures: every input was read and processed.")
            return
        typer.echo("article\tstage\treason")
        for row in rows:
            typer.echo(printable(f"{row['article_ext_id']}\t{row['stage']}\t{row['reason']}"))

    with_db(db, show)


def register(app: typer.Typer) -> None:
    """Add ``stats`` and ``failures`` to ``app``."""
    app.command("stats")(stats_command)
    app.command("failures")(failures_command)
