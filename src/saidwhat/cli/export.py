"""``saidwhat export``: every quote with its article and speaker, as JSONL, CSV or Parquet.

It takes the filters of ``search`` (``saidwhat.cli.filters``) so that an export is exactly what a search
would show, without its page limit.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from saidwhat.cli.db import DbOption, with_db
from saidwhat.cli.exits import fail
from saidwhat.cli.filters import (
    KindOption,
    MinConfidenceOption,
    MonthOption,
    SinceOption,
    SortOrder,
    SourceOption,
    SpeakerIdOption,
    SpeakerOption,
    TypeOption,
    UntilOption,
    quote_filters,
)

if TYPE_CHECKING:
    from saidwhat.store import Store


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def export_command(
    db: DbOption = "saidwhat.db",
    export_format: Annotated[
        ExportFormat, typer.Option("--format", help="jsonl, csv or parquet.")
    ] = ExportFormat.jsonl,
    out: Annotated[
        str | None, typer.Option(help="Output file (default: stdout; required for parquet).")
    ] = None,
    text: Annotated[
        str | None, typer.Option("--text", help="Only quotes matching these words (as search takes them).")
    ] = None,
    speaker: SpeakerOption = None,
    speaker_id: SpeakerIdOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    month: MonthOption = None,
    source: SourceOption = None,
    quote_type: TypeOption = None,
    kind: KindOption = None,
    min_confidence: MinConfidenceOption = None,
    sort: Annotated[
        SortOrder | None, typer.Option(help="relevance, date, oldest or confidence (default: article order).")
    ] = None,
) -> None:
    """Every quote with its article and speaker, one record each; the filters are those of search."""
    filters = quote_filters(
        text, speaker, speaker_id, since, until, month, source, quote_type, kind, min_confidence
    )

    def run(store: Store) -> None:
        try:
            count = store.export(export_format.value, out, filters=filters, sort=sort.value if sort else None)
        except ValueError as exc:
            raise fail(exc) from exc
        if out is not None:
            typer.echo(f"{count} quotes written to {out}", err=True)

    with_db(db, run)


def register(app: typer.Typer) -> None:
    """Add ``export`` to ``app``."""
    app.command("export")(export_command)
