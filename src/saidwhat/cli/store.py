"""Store subcommands: ``ingest`` a corpus into SQLite, then ``search``, ``speakers``, ``quotes``,
``stats``, ``failures`` and ``export`` over it. Queries open the database read-only."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from saidwhat.cli.dates import iso_day
from saidwhat.cli.exits import fail
from saidwhat.cli.options import NameGenderOption
from saidwhat.errors import SaidwhatError
from saidwhat.formats import InputFormat
from saidwhat.store.queries import Page, QuoteHit

DB_HELP = "SQLite database file of the store."
DbOption = Annotated[str, typer.Option("--db", help=DB_HELP)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
KindOption = Annotated[
    str | None,
    typer.Option(help="Only quotes of these kinds: speech, writing, thought, finding (comma-separated)."),
]


def _kinds(kind: str | None) -> str | None:
    """A checked, comma-separated list of quote kinds, or None for all of them."""
    if kind is None:
        return None
    from saidwhat.model import QUOTE_KINDS

    kinds = [k.strip() for k in kind.split(",") if k.strip()]
    bad = [k for k in kinds if k not in QUOTE_KINDS]
    if bad or not kinds:
        raise typer.BadParameter(
            f"bad quote kind {kind!r}: allowed are {', '.join(QUOTE_KINDS)}", param_hint="--kind"
        )
    return ",".join(kinds)


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _with_db(db: str, action: Callable[[sqlite3.Connection], None]) -> None:
    from saidwhat.store import Store

    try:
        with Store(db).read() as conn:
            action(conn)
    except SaidwhatError as exc:
        raise fail(exc) from exc


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _print_quotes(page: Page, as_json: bool) -> None:
    if as_json:
        _print_json(page.to_dict())
        return
    console = Console()
    for hit in page.items:
        _print_hit(console, hit)
    shown = f"{page.offset + 1}-{page.offset + len(page.items)}" if page.items else "0"
    console.print(f"[dim]{shown} of {page.total} quotes[/dim]")


def _print_hit(console: Console, hit: QuoteHit) -> None:
    from rich.text import Text

    from saidwhat.display import REPORTED, quote_display
    from saidwhat.store.queries import match_runs

    who = hit.speaker.name if hit.speaker else "(unknown)"
    where = " · ".join(
        x
        for x in (
            hit.article_date and hit.article_date[:10],
            hit.article_title or hit.article_ext_id,
            hit.article_source,
        )
        if x
    )
    shown = quote_display(hit.text, hit.type, hit.after)
    kind = f", {hit.kind}" if hit.kind != "speech" else ""
    head = (
        f"[bold cyan]{escape(who)}[/bold cyan] "
        f"[dim]{escape(hit.cue or '')} ({hit.type}{kind}, {hit.confidence:.2f})[/dim]"
    )
    console.print(head, highlight=False)
    line = Text("  ")
    if shown.label == REPORTED:
        line.append(f"{REPORTED}: ", style="italic dim")
    line.append(shown.open)
    for piece, match in match_runs(hit):
        line.append(piece, style="bold reverse" if match else "")
    line.append(shown.close)
    console.print(line, highlight=False)
    console.print(f"  [dim]{escape(where)} (article {hit.article_id}, quote {hit.id})[/dim]", highlight=False)


def _hints(conn: sqlite3.Connection, text: str | None, speaker: str | None) -> None:
    """On stderr: the speakers a name in the words box means, and which speakers a name matches."""
    from saidwhat.store.queries import speaker_matches, suggest_speakers

    err = Console(stderr=True)
    if speaker:
        found = speaker_matches(conn, speaker)
        if len(found) > 1:
            err.print(
                f"[dim]“{escape(speaker)}” may mean any of {len(found)} speakers:[/dim]", highlight=False
            )
            for s in found:
                err.print(
                    f"[dim]  {escape(s.name)} ({s.quotes} quote{'' if s.quotes == 1 else 's'}): --speaker-id {s.id}[/dim]",
                    highlight=False,
                )
        elif not found:
            err.print(f"[dim]No speaker is called “{escape(speaker)}”; try saidwhat speakers.[/dim]")
    if text and not speaker:
        for s in suggest_speakers(conn, text):
            err.print(
                f"[dim]Did you mean the speaker {escape(s.name)}? saidwhat quotes --speaker-id {s.id}[/dim]",
                highlight=False,
            )


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
    max_bytes: Annotated[int, typer.Option(help="Larger articles are recorded as failures.")] = 8_000_000,
    concurrency: Annotated[int, typer.Option(min=1, help="URL lists: requests in flight.")] = 4,
    timeout: Annotated[float, typer.Option(help="URL lists: seconds per request phase.")] = 20.0,
    retries: Annotated[int, typer.Option(min=0, help="URL lists: retries on timeouts, 429, 5xx.")] = 2,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline (default: en_core_web_sm).")] = None,
    time_budget: Annotated[
        float,
        typer.Option(min=0, help="Seconds one article may take; slower ones are failures. 0: no limit."),
    ] = 60.0,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
    name_gender: NameGenderOption = True,
    as_json: JsonOption = False,
) -> None:
    """Read a corpus into the store; re-running adds only what is missing, so it is safe to resume."""
    from saidwhat.ingest import FieldMap, IngestOptions, ingest
    from saidwhat.ingest.options import FetchOptions

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
        fetch=FetchOptions(concurrency=concurrency, timeout=timeout, retries=retries),
        max_bytes=max_bytes,
        workers=workers,
        model=model,
        name_gender=name_gender,
        time_budget=time_budget or None,
        source=(source or "").strip() or None,
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
        _print_json(summary.to_dict())
    else:
        typer.echo(summary.describe())


class QuoteType(StrEnum):
    direct = "direct"
    mixed = "mixed"
    indirect = "indirect"


class SortOrder(StrEnum):
    relevance = "relevance"
    date = "date"
    oldest = "oldest"
    confidence = "confidence"


SpeakerOption = Annotated[str | None, typer.Option(help="Only quotes by this speaker (any name they go by).")]
SpeakerIdOption = Annotated[int | None, typer.Option(min=1, help="Only quotes by the speaker with this id.")]
SinceOption = Annotated[
    str | None, typer.Option(help="Articles dated on or after (YYYY-MM-DD).", callback=iso_day)
]
UntilOption = Annotated[
    str | None, typer.Option(help="Articles dated on or before (YYYY-MM-DD).", callback=iso_day)
]
MonthOption = Annotated[str | None, typer.Option(help="Articles dated in this month (YYYY-MM).")]
SourceOption = Annotated[str | None, typer.Option(help="Only articles from this source.")]
TypeOption = Annotated[QuoteType | None, typer.Option("--type", help="direct, mixed or indirect.")]
MinConfidenceOption = Annotated[
    float | None, typer.Option(min=0.0, max=1.0, help="Only quotes at least this confident (0 to 1).")
]
SortOption = Annotated[
    SortOrder | None,
    typer.Option(help="relevance (when searching words), date (newest first), oldest or confidence."),
]


def _filters(
    text: str | None,
    speaker: str | None,
    speaker_id: int | None,
    since: str | None,
    until: str | None,
    month: str | None,
    source: str | None,
    quote_type: QuoteType | None,
    kind: str | None,
    min_confidence: float | None,
) -> dict[str, Any]:
    """The filters that ``search``, ``quotes`` and ``export`` share, checked, as ``search_quotes`` takes them."""
    import re as _re

    if month is not None and not _re.fullmatch(r"\d{4}-\d{2}", month):
        raise typer.BadParameter(f"bad month {month!r}: give YYYY-MM", param_hint="--month")
    return {
        "text": text,
        "speaker": speaker,
        "speaker_id": speaker_id,
        "since": since,
        "until": until,
        "month": month,
        "source": source,
        "type": quote_type.value if quote_type else None,
        "kind": _kinds(kind),
        "min_confidence": min_confidence,
    }


def search_command(
    text: Annotated[
        str,
        typer.Argument(
            help='Words that must all occur (stems match: strike finds strikes); "a phrase", a OR b, prefix*.'
        ),
    ],
    db: DbOption = "saidwhat.db",
    speaker: SpeakerOption = None,
    speaker_id: SpeakerIdOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    month: MonthOption = None,
    source: SourceOption = None,
    quote_type: TypeOption = None,
    kind: KindOption = None,
    min_confidence: MinConfidenceOption = None,
    sort: SortOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Quotes to show.")] = 20,
    offset: Annotated[int, typer.Option(min=0, help="Quotes to skip.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over quotes, best match first."""
    from saidwhat.store.queries import search_quotes

    filters = _filters(
        text, speaker, speaker_id, since, until, month, source, quote_type, kind, min_confidence
    )

    def run(conn: sqlite3.Connection) -> None:
        found = search_quotes(conn, **filters, sort=sort.value if sort else None, limit=limit, offset=offset)
        _print_quotes(found, as_json)
        if not as_json:
            _hints(conn, text, speaker)

    _with_db(db, run)


def quotes_command(
    speaker: Annotated[
        str | None, typer.Option(help="Speaker name (any name the store knows them by).")
    ] = None,
    db: DbOption = "saidwhat.db",
    speaker_id: SpeakerIdOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Quotes to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Quotes to skip.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Everything one speaker said, newest first; a name several speakers share lists them."""
    from saidwhat.store.queries import search_quotes

    if speaker is None and speaker_id is None:
        raise typer.BadParameter("give --speaker NAME or --speaker-id ID", param_hint="--speaker")

    def run(conn: sqlite3.Connection) -> None:
        found = search_quotes(
            conn, speaker=speaker, speaker_id=speaker_id, since=since, until=until, limit=limit, offset=offset
        )
        _print_quotes(found, as_json)
        if not as_json:
            _hints(conn, None, speaker)

    _with_db(db, run)


def speakers_command(
    db: DbOption = "saidwhat.db",
    top: Annotated[int, typer.Option(min=1, help="How many speakers to list.")] = 20,
    descriptions: Annotated[
        bool, typer.Option(help="Also list unnamed sources (officials, the company) per article.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """The most quoted speakers, with quote and article counts and gender."""
    from saidwhat.store.diversity import GenderCall, speaker_genders
    from saidwhat.store.queries import list_speakers

    def show(conn: sqlite3.Connection) -> None:
        found = list_speakers(conn, limit=top, include_descriptions=descriptions)
        genders = speaker_genders(conn)
        unknown = GenderCall(None, None)
        if as_json:
            _print_json(
                [
                    {
                        **s.to_dict(),
                        "gender": g.gender,
                        "gender_evidence": g.evidence,
                        "gender_corrected": g.corrected,
                    }
                    for s in found
                    for g in [genders.get(s.id, unknown)]
                ]
            )
            return
        table = Table("id", "speaker", "kind", "gender", "quotes", "articles")
        for s in found:
            g = genders.get(s.id, unknown)
            shown = f"{g.gender or '-'} ({g.evidence})" if g.evidence else "-"
            table.add_row(str(s.id), s.name, s.kind, shown, str(s.quotes), str(s.articles))
        Console().print(table)

    _with_db(db, show)


def stats_command(db: DbOption = "saidwhat.db", as_json: JsonOption = False) -> None:
    """Counts of articles, quotes, speakers and failures in the store."""
    from saidwhat.store.queries import stats

    def show(conn: sqlite3.Connection) -> None:
        data = stats(conn).to_dict()
        if as_json:
            _print_json(data)
        else:
            width = max(len(k) for k in data)
            for key, value in data.items():
                typer.echo(f"{key.replace('_', ' '):<{width}}  {value}")

    _with_db(db, show)


def failures_command(
    db: DbOption = "saidwhat.db",
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Inputs that could not be read or processed, and why."""
    from saidwhat.store.queries import list_failures

    def show(conn: sqlite3.Connection) -> None:
        rows = list_failures(conn, limit=limit)
        if as_json:
            _print_json(rows)
            return
        if not rows:
            typer.echo("No failures: every input was read and processed.")
            return
        typer.echo("article\tstage\treason")
        for row in rows:
            typer.echo(f"{row['article_ext_id']}\t{row['stage']}\t{row['reason']}")

    _with_db(db, show)


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
    from saidwhat.store.export import export

    filters = _filters(
        text, speaker, speaker_id, since, until, month, source, quote_type, kind, min_confidence
    )

    def run(conn: sqlite3.Connection) -> None:
        try:
            count = export(conn, export_format.value, out, filters=filters, sort=sort.value if sort else None)
        except ValueError as exc:
            raise fail(exc) from exc
        if out is not None:
            typer.echo(f"{count} quotes written to {out}", err=True)

    _with_db(db, run)


def register(app: typer.Typer) -> None:
    """Add this module's subcommands to ``app``."""
    app.command("ingest")(ingest_command)
    app.command("search")(search_command)
    app.command("quotes")(quotes_command)
    app.command("stats")(stats_command)
    app.command("failures")(failures_command)
    app.command("export")(export_command)
