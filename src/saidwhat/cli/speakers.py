"""``saidwhat speakers``: the most quoted speakers, and ``speakers set-gender`` to correct one.

A group rather than a command so that the correction sits under the list it corrects; without a
subcommand it lists.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from saidwhat.cli.db import DbOption, JsonOption, print_json, with_db
from saidwhat.cli.exits import fail
from saidwhat.display import printable
from saidwhat.errors import SaidwhatError


class GenderChoice(StrEnum):
    female = "female"
    male = "male"
    unknown = "unknown"


speakers_app = typer.Typer(
    help="The most quoted speakers; `speakers set-gender` corrects one's gender.",
    no_args_is_help=False,
    invoke_without_command=True,
)

if TYPE_CHECKING:
    from saidwhat.store import Store


@speakers_app.callback(invoke_without_command=True)
def speakers_callback(
    ctx: typer.Context,
    db: DbOption = "saidwhat.db",
    top: Annotated[int, typer.Option(min=1, help="How many speakers to list.")] = 20,
    descriptions: Annotated[
        bool, typer.Option(help="Also list unnamed sources (officials, the company) per article.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """The most quoted speakers, with quote and article counts and gender."""
    if ctx.invoked_subcommand is None:
        _list_speakers(db, top, descriptions, as_json)


@speakers_app.command("set-gender")
def set_gender_command(
    speaker_id: Annotated[
        int | None, typer.Argument(help="Speaker id (as `saidwhat speakers` lists).")
    ] = None,
    gender: Annotated[GenderChoice | None, typer.Argument(help="female, male or unknown.")] = None,
    from_csv: Annotated[
        Path | None,
        typer.Option(
            "--csv", help="Corrections CSV: a header with id (or name) and gender columns; - for stdin."
        ),
    ] = None,
    db: DbOption = "saidwhat.db",
) -> None:
    """Correct a speaker's gender (kept across re-ingests and shown as corrected)."""
    from saidwhat.store import Store
    from saidwhat.store.diversity import read_corrections

    if (from_csv is None) == (speaker_id is None or gender is None):
        raise fail(ValueError("give a speaker ID and a GENDER, or --csv FILE"))
    if not Path(db).is_file():
        raise fail(ValueError(f"no saidwhat database at {db}"))
    try:
        if from_csv is not None:
            text = sys.stdin.read() if str(from_csv) == "-" else from_csv.read_text(encoding="utf-8-sig")
            pairs = read_corrections(text)
        else:
            assert gender is not None
            pairs = [(str(speaker_id), gender.value)]
        for line in Store(db).set_genders(pairs):
            typer.echo(line)
    except (SaidwhatError, OSError) as exc:
        raise fail(exc) from exc


def _list_speakers(db: str, top: int, descriptions: bool, as_json: bool) -> None:
    """The table (or JSON) ``saidwhat speakers`` prints when no subcommand follows."""

    def show(store: Store) -> None:
        found = store.speakers(limit=top, include_descriptions=descriptions)
        if as_json:
            print_json([s.to_dict() for s in found])
            return
        table = Table("id", "speaker", "kind", "gender", "quotes", "articles")
        for s in found:
            shown = f"{s.gender or '-'} ({s.gender_evidence})" if s.gender_evidence else "-"
            table.add_row(str(s.id), escape(printable(s.name)), s.kind, shown, str(s.quotes), str(s.articles))
        Console().print(table)

    with_db(db, show)


def register(app: typer.Typer) -> None:
    """Add the ``speakers`` group to ``app``."""
    app.add_typer(speakers_app, name="speakers")
