"""``saidwhat correct ...``, ``saidwhat check`` and ``saidwhat corrections export``: fix what saidwhat got
wrong, see what to check first, and take the checked articles out as gold.

Every command here only translates arguments: the corrections themselves are
the ``Store``'s correcting methods (which the web app's editing calls too), each printing what it changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from saidwhat.cli.db import DbOption, JsonOption, print_json, with_db
from saidwhat.cli.exits import fail
from saidwhat.errors import NotFoundError, SaidwhatError

if TYPE_CHECKING:
    from saidwhat.store import Store

NoteOption = Annotated[str, typer.Option("--note", help="Why: kept with the correction.")]
QuoteId = Annotated[int, typer.Argument(help="Quote id (as search, the web app and `check` show it).")]


class TypeChoice(StrEnum):
    direct = "direct"
    mixed = "mixed"
    indirect = "indirect"


correct_app = typer.Typer(
    help="Correct a quote or a speaker; kept apart from what was extracted, so it survives re-ingests.",
    no_args_is_help=True,
)
corrections_app = typer.Typer(help="Take readers' corrections out of the store.", no_args_is_help=True)


def _write(db: str, action: Callable[[Store], str]) -> None:
    """Run one correction on an existing store (each opens its own writer) and print what it changed."""
    from saidwhat.store import Store

    if not Path(db).is_file():
        raise fail(NotFoundError(f"no saidwhat database at {db}; create one with `saidwhat ingest`"))
    try:
        typer.echo(action(Store(db)))
    except SaidwhatError as exc:
        raise fail(exc) from exc


@correct_app.command("speaker")
def speaker_command(
    quote_id: QuoteId,
    speaker: Annotated[str, typer.Argument(help="A speaker id, or a name (a new speaker if no one has it).")],
    db: DbOption = "saidwhat.db",
    note: NoteOption = "",
) -> None:
    """Give a quote another speaker."""
    _write(db, lambda store: store.correct_speaker(quote_id, speaker, note=note))


@correct_app.command("reject")
def reject_command(quote_id: QuoteId, db: DbOption = "saidwhat.db", note: NoteOption = "") -> None:
    """Mark a quote as not a quote: no view, export or count shows it."""
    _write(db, lambda store: store.reject(quote_id, note=note))


@correct_app.command("restore")
def restore_command(quote_id: QuoteId, db: DbOption = "saidwhat.db", note: NoteOption = "") -> None:
    """Bring back a rejected quote."""
    _write(db, lambda store: store.restore(quote_id, note=note))


@correct_app.command("right")
def right_command(quote_id: QuoteId, db: DbOption = "saidwhat.db", note: NoteOption = "") -> None:
    """Mark a quote as right as it is (it leaves the `check` queue and counts as gold)."""
    _write(db, lambda store: store.mark_right(quote_id, note=note))


@correct_app.command("type")
def type_command(
    quote_id: QuoteId,
    quote_type: Annotated[TypeChoice, typer.Argument(metavar="TYPE", help="direct, mixed or indirect.")],
    db: DbOption = "saidwhat.db",
    note: NoteOption = "",
) -> None:
    """Change a quote's type."""
    _write(db, lambda store: store.correct_type(quote_id, quote_type.value, note=note))


@correct_app.command("add")
def add_command(
    article_id: Annotated[int, typer.Argument(help="Article id (as the web app and search show it).")],
    start: Annotated[int, typer.Argument(help="Offset of the quote's first character in the article text.")],
    end: Annotated[int, typer.Argument(help="Offset just past its last character.")],
    speaker: Annotated[str, typer.Option("--speaker", help="Who said it: a speaker id or a name.")],
    quote_type: Annotated[
        TypeChoice | None, typer.Option("--type", help="Default: direct if quotation marks enclose it.")
    ] = None,
    db: DbOption = "saidwhat.db",
    note: NoteOption = "",
) -> None:
    """Add a quote that saidwhat missed."""
    chosen = quote_type.value if quote_type else None
    _write(db, lambda store: store.add_quote(article_id, start, end, speaker, quote_type=chosen, note=note))


@correct_app.command("merge")
def merge_command(
    kept: Annotated[int, typer.Argument(metavar="SPEAKER_ID", help="The speaker to keep.")],
    merged: Annotated[int, typer.Argument(metavar="SPEAKER_ID", help="The one who is the same person.")],
    db: DbOption = "saidwhat.db",
    note: NoteOption = "",
) -> None:
    """Merge two speakers who are one person (the second is counted as the first)."""
    _write(db, lambda store: store.merge_speakers(kept, merged, note=note))


@correct_app.command("split")
def split_command(
    speaker_id: Annotated[int, typer.Argument(help="The speaker who is really two people.")],
    article_ids: Annotated[list[int], typer.Argument(help="Articles whose quotes are the other person's.")],
    name: Annotated[str, typer.Option("--name", help="The other person's name.")],
    db: DbOption = "saidwhat.db",
    note: NoteOption = "",
) -> None:
    """Split a speaker: their quotes in these articles belong to another person of that name."""
    _write(db, lambda store: store.split_speaker(speaker_id, article_ids, name, note=note))


@correct_app.command("undo")
def undo_command(db: DbOption = "saidwhat.db", note: NoteOption = "") -> None:
    """Reverse the last correction (it stays in the log, marked undone)."""
    _write(db, lambda store: store.undo(note=note))


@correct_app.command("list")
def list_command(
    db: DbOption = "saidwhat.db",
    orphaned: Annotated[
        bool, typer.Option("--orphaned", help="Only corrections whose quote can no longer be found.")
    ] = False,
    undone: Annotated[bool, typer.Option("--undone", help="Also corrections that were undone.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Every correction, oldest first, with its time and note."""

    def show(store: Store) -> None:
        found = store.corrections(orphaned=orphaned, undone=undone)
        if as_json:
            print_json([c.to_dict() for c in found])
            return
        if not found:
            typer.echo("no orphaned corrections" if orphaned else "no corrections")
        for c in found:
            flags = " [orphaned: quote not found]" if c.orphaned else ""
            flags += f" [undone {c.undone_at}]" if c.undone_at else ""
            typer.echo(c.describe() + flags)

    with_db(db, show)


def check_command(
    db: DbOption = "saidwhat.db",
    limit: Annotated[int, typer.Option(min=1, help="How many quotes to list.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Quotes to check, least certain first; `correct right|speaker|reject` takes one off the queue."""

    def show(store: Store) -> None:
        items, total = store.check_queue(limit=limit)
        if as_json:
            print_json({"total": total, "quotes": [i.to_dict() for i in items]})
            return
        table = Table("id", "confidence", "speaker", "how", "quote", title=f"{total} quotes unchecked")
        for i in items:
            text = i.text if len(i.text) <= 70 else i.text[:69] + "…"
            table.add_row(str(i.id), f"{i.confidence:.2f}", i.speaker_name or "-", i.how, text)
        Console().print(table)

    with_db(db, show)


@corrections_app.command("export")
def export_command(
    gold: Annotated[Path, typer.Option("--gold", help="Write EVAL.md gold JSONL here.")],
    db: DbOption = "saidwhat.db",
) -> None:
    """Every article a reader checked or corrected, as gold for `saidwhat eval`."""

    def write(store: Store) -> None:
        count = quotes = 0
        docs = store.gold_documents()
        first = list(islice(docs, 1))  # opens the store: a missing one fails before the file is made
        with gold.open("w", encoding="utf-8") as out:
            for doc in chain(first, docs):
                out.write(json.dumps(doc, ensure_ascii=False) + "\n")
                count += 1
                quotes += len(doc["quotes"])
        typer.echo(f"{count} articles, {quotes} quotes written to {gold}")

    try:
        with_db(db, write)
    except OSError as exc:
        raise fail(exc) from exc


def register(app: typer.Typer) -> None:
    """Add ``correct``, ``check`` and ``corrections`` to ``app``."""
    app.command("check")(check_command)
    app.add_typer(correct_app, name="correct")
    app.add_typer(corrections_app, name="corrections")
