"""``saidwhat speakers`` (the list, and ``set-gender`` to correct one) and ``saidwhat diversity``."""

from __future__ import annotations

import json
import sqlite3
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from saidwhat.cli.exits import fail
from saidwhat.cli.store import DbOption, SinceOption, UntilOption, _with_db, speakers_command
from saidwhat.errors import SaidwhatError


class ReportFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class GenderChoice(StrEnum):
    female = "female"
    male = "male"
    unknown = "unknown"


speakers_app = typer.Typer(
    help="The most quoted speakers; `speakers set-gender` corrects one's gender.",
    no_args_is_help=False,
    invoke_without_command=True,
)


@speakers_app.callback(invoke_without_command=True)
def speakers_callback(
    ctx: typer.Context,
    db: DbOption = "saidwhat.db",
    top: Annotated[int, typer.Option(min=1, help="How many speakers to list.")] = 20,
    descriptions: Annotated[
        bool, typer.Option(help="Also list unnamed sources (officials, the company) per article.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """The most quoted speakers, with quote and article counts and gender."""
    if ctx.invoked_subcommand is None:
        speakers_command(db=db, top=top, descriptions=descriptions, as_json=as_json)


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
    from saidwhat.store.diversity import apply_corrections, read_corrections

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
        conn = Store(db).writer()
        try:
            for line in apply_corrections(conn, pairs):
                typer.echo(line)
        finally:
            conn.close()
    except (SaidwhatError, OSError) as exc:
        raise fail(exc) from exc


def diversity_command(
    db: DbOption = "saidwhat.db",
    by: Annotated[
        str, typer.Option(help="Group by source, month or source,month (default: no groups).")
    ] = "",
    since: SinceOption = None,
    until: UntilOption = None,
    source: Annotated[str | None, typer.Option(help="Only articles from this source.")] = None,
    top: Annotated[int, typer.Option(min=0, help="How many top-quoted women and men to list.")] = 10,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", help="table, csv or json.")
    ] = ReportFormat.table,
) -> None:
    """Who gets a voice: quotes and people quoted by gender, women's share, and named/unnamed sources."""
    from saidwhat.store.diversity import diversity, parse_by

    try:
        fields = parse_by(by)
    except SaidwhatError as exc:
        raise fail(exc) from exc

    def show(conn: sqlite3.Connection) -> None:
        report = diversity(conn, by=fields, since=since, until=until, source=source, top=top)
        if output_format is ReportFormat.json:
            typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        elif output_format is ReportFormat.csv:
            sys.stdout.write(report.to_csv())
        else:
            _print_report(report)

    _with_db(db, show)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _print_report(report: object) -> None:
    from saidwhat.store.diversity import DiversityReport

    assert isinstance(report, DiversityReport)
    console = Console()
    table = Table(title="Who gets a voice (named people by gender; all quotes by kind of source)")
    for column in (*report.by, "quotes F/M/?", "people F/M/?", "women (people)", "women (quotes)"):
        table.add_column(column, justify="left" if column in report.by else "right")
    for column in ("named", "orgs", "unnamed", "no speaker"):
        table.add_column(column, justify="right")
    for group in [*report.groups, {**dict.fromkeys(report.by, "all"), **report.total}]:
        q, p, s = group["quotes"], group["people"], group["sources"]
        table.add_row(
            *[str(group[k]) for k in report.by],
            f"{q['female']}/{q['male']}/{q['unknown']}",
            f"{p['female']}/{p['male']}/{p['unknown']}",
            _pct(group["female_share_people"]),
            _pct(group["female_share_quotes"]),
            str(s["people"]),
            str(s["organisations"]),
            str(s["unnamed"]),
            str(s["unattributed"]),
        )
    console.print(table)
    for title, voices in (("Most-quoted women", report.top_women), ("Most-quoted men", report.top_men)):
        if not voices:
            continue
        top = Table("id", "name", "quotes", "evidence", title=title)
        for v in voices:
            top.add_row(str(v.id), v.name, str(v.quotes), v.evidence or "")
        console.print(top)


def register(app: typer.Typer) -> None:
    app.add_typer(speakers_app, name="speakers")
    app.command("diversity")(diversity_command)
