"""``saidwhat diversity``: who gets a voice, by gender and by named or unnamed source, as a table, CSV or JSON."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from saidwhat.cli.db import DbOption, with_db
from saidwhat.cli.exits import fail
from saidwhat.cli.filters import SinceOption, UntilOption
from saidwhat.errors import SaidwhatError

if TYPE_CHECKING:
    from saidwhat.store import Store


class ReportFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


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
    from saidwhat.store.diversity import parse_by

    try:
        fields = parse_by(by)
    except SaidwhatError as exc:
        raise fail(exc) from exc

    def show(store: Store) -> None:
        report = store.diversity(by=fields, since=since, until=until, source=source, top=top)
        if output_format is ReportFormat.json:
            typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        elif output_format is ReportFormat.csv:
            sys.stdout.write(report.to_csv())
        else:
            _print_report(report)

    with_db(db, show)


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
    """Add ``diversity`` to ``app``."""
    app.command("diversity")(diversity_command)
