"""``saidwhat ingest``: read a corpus into the store.

The one store command that writes; its options map one to one onto ``ingest.IngestOptions``, so the
command only translates flags and reports the run (or how far an interrupted run got).
"""

from __future__ import annotations

from typing import Annotated, cast

import typer

from saidwhat.cli.dates import iso_day
from saidwhat.cli.db import DbOption, JsonOption, print_json
from saidwhat.cli.exits import fail
from saidwhat.cli.options import DEFAULT_SCOPE_CHOICE, NameGenderOption, ScopeOption
from saidwhat.errors import SaidwhatError
from saidwhat.formats import InputFormat


def ingest_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    db: DbOption = "saidwhat.db",
    workers: Annotated[int, typer.Option(min=1, help="Extraction processes (one model each).")] = 1,
    input_format: Annotated[
        InputFormat, typer.Option("--format", help="Input format; auto goes by file extension.")
    ] = InputFormat.auto,
    text_field: Annotated[str, typer.Option(help="JSONL/CSV field with the article text.")] = "text",
    id_field: Annotated[str, typer.Option(help="JSONL/CSV field with the article id.")] = "id",
    title_field: Annotated[str, typer.Option(help="JSONL/CSV field with the title.")] = "title",
    url_field: Annotated[str, typer.Option(help="JSONL/CSV field with the URL.")] = "url",
    date_field: Annotated[str, typer.Option(help="JSONL/CSV field with the date.")] = "date",
    source_field: Annotated[str, typer.Option(help="JSONL/CSV field with the source (outlet).")] = "source",
    source: Annotated[
        str | None,
        typer.Option(
            help="The outlet these articles come from (JSONL/CSV: where the source field is empty)."
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            callback=iso_day,
            help="The date (YYYY-MM-DD) of every article read (JSONL/CSV: where the date field is empty).",
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            min=1900, max=2100, help='.txt files: the year of a dateline that gives none ("Oct. 14 —").'
        ),
    ] = None,
    max_bytes: Annotated[int, typer.Option(help="Larger articles are recorded as failures.")] = 8_000_000,
    concurrency: Annotated[int, typer.Option(min=1, help="URL lists: requests in flight.")] = 4,
    timeout: Annotated[float, typer.Option(min=0.001, help="URL lists: seconds per read.")] = 20.0,
    fetch_deadline: Annotated[
        float, typer.Option(min=0.001, help="URL lists: seconds one page may take in all, retries included.")
    ] = 60.0,
    retries: Annotated[int, typer.Option(min=0, help="URL lists: retries on timeouts, 429, 5xx.")] = 2,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline (default: en_core_web_sm).")] = None,
    time_budget: Annotated[
        float,
        typer.Option(min=0, help="Seconds one article may take; slower ones are failures. 0: no limit."),
    ] = 60.0,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
    name_gender: NameGenderOption = True,
    scope: ScopeOption = DEFAULT_SCOPE_CHOICE,
    as_json: JsonOption = False,
) -> None:
    """Read a corpus into the store; re-running adds only what is missing, so it is safe to resume."""
    from saidwhat.ingest import FieldMap, IngestOptions, ingest
    from saidwhat.ingest.options import INGEST_BATCH_SIZE, FetchOptions
    from saidwhat.scopes import Scope
    from saidwhat.settings import Settings

    options = IngestOptions(
        format=input_format.value,
        fields=FieldMap(
            text=text_field,
            id=id_field,
            title=title_field,
            url=url_field,
            date=date_field,
            source=source_field,
        ),
        fetch=FetchOptions(
            concurrency=concurrency, timeout=timeout, retries=retries, deadline=fetch_deadline
        ),
        max_bytes=max_bytes,
        workers=workers,
        settings=Settings(
            model=model,
            batch_size=INGEST_BATCH_SIZE,
            name_gender=name_gender,
            scope=cast(Scope, scope.value),
            time_budget=time_budget or None,
        ),
        source=(source or "").strip() or None,
        date=date,
        year=year,
    )
    from saidwhat.ingest.runner import Interrupted

    try:
        summary = ingest(inputs, db, options, progress=progress)
    except SaidwhatError as exc:
        raise fail(exc) from exc
    except Interrupted as exc:
        done = f"; {exc.summary.describe()}" if exc.summary else ""
        typer.echo(
            f"saidwhat: stopped by {exc}: everything stored so far is kept{done}; "
            "re-run the same command to resume",
            err=True,
        )
        raise typer.Exit(code=exc.exit_code) from None
    if as_json:
        print_json(summary.to_dict())
    else:
        typer.echo(summary.describe())


def register(app: typer.Typer) -> None:
    """Add ``ingest`` to ``app``."""
    app.command("ingest")(ingest_command)
