"""``saidwhat search`` and ``saidwhat quotes``: find quotes in the store and print them.

Both print the same page of hits the same way (and, on stderr, which speakers a name may mean), so the
printing lives beside them; their filters are those of ``saidwhat.cli.filters``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from saidwhat.citation import hit_citation
from saidwhat.cli.db import DbOption, JsonOption, print_json, with_db
from saidwhat.cli.filters import (
    KindOption,
    MinConfidenceOption,
    MonthOption,
    SinceOption,
    SortOption,
    SourceOption,
    SpeakerIdOption,
    SpeakerOption,
    TypeOption,
    UntilOption,
    quote_filters,
)
from saidwhat.store.queries import Page, QuoteHit

if TYPE_CHECKING:
    from saidwhat.store import Store


def _print_quotes(page: Page, as_json: bool, cite: bool = False) -> None:
    if as_json:
        print_json(page.to_dict())
        return
    if cite:
        for hit in page.items:
            typer.echo(hit_citation(hit))
        return
    console = Console()
    for hit in page.items:
        _print_hit(console, hit)
    shown = f"{page.offset + 1}-{page.offset + len(page.items)}" if page.items else "0"
    console.print(f"[dim]{shown} of {page.total} quote{'' if page.total == 1 else 's'}[/dim]")


def _print_hit(console: Console, hit: QuoteHit) -> None:
    from rich.text import Text

    from saidwhat.display import REPORTED, printable, quote_display
    from saidwhat.store.queries import match_runs

    who = printable(hit.speaker.name) if hit.speaker else "(unknown)"
    where = " · ".join(
        x
        for x in (
            hit.article_date and hit.article_date[:10],
            hit.article_title or hit.article_ext_id,
            hit.article_source,
        )
        if x
    )
    where = printable(where)
    shown = quote_display(hit.text, hit.type, hit.after)
    kind = f", {hit.kind}" if hit.kind != "speech" else ""
    head = (
        f"[bold cyan]{escape(who)}[/bold cyan] "
        f"[dim]{escape(printable(hit.cue or ''))} ({hit.type}{kind}, {hit.confidence:.2f})[/dim]"
    )
    console.print(head, highlight=False)
    line = Text("  ")
    if shown.label == REPORTED:
        line.append(f"{REPORTED}: ", style="italic dim")
    line.append(printable(shown.open))
    for piece, match in match_runs(hit):
        line.append(printable(piece), style="bold reverse" if match else "")
    line.append(printable(shown.close))
    console.print(line, highlight=False)
    console.print(f"  [dim]{escape(where)} (article {hit.article_id}, quote {hit.id})[/dim]", highlight=False)


def _hints(store: Store, text: str | None, speaker: str | None) -> None:
    """On stderr: the speakers a name in the words box means, and which speakers a name matches."""
    err = Console(stderr=True)
    if speaker:
        found = store.speaker_matches(speaker)
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
        for s in store.suggest_speakers(text):
            err.print(
                f"[dim]Did you mean the speaker {escape(s.name)}? saidwhat quotes --speaker-id {s.id}[/dim]",
                highlight=False,
            )


def search_command(
    text: Annotated[
        str | None,
        typer.Argument(
            help='Words that must all occur (stems match: strike finds strikes); "a phrase", a OR b, prefix*. '
            "Optional when a filter (--speaker, --source, ...) is given."
        ),
    ] = None,
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
    cite: Annotated[
        bool, typer.Option("--cite", help="One citation line a quote: “…” — Speaker, Outlet, Date, URL.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over quotes, best match first (newest first without words)."""
    filters = quote_filters(
        text, speaker, speaker_id, since, until, month, source, quote_type, kind, min_confidence
    )
    if not any(v is not None and v != "" for v in filters.values()):
        raise typer.BadParameter("give words to search for, or a filter such as --speaker", param_hint="TEXT")

    def run(store: Store) -> None:
        found = store.search(**filters, sort=sort.value if sort else None, limit=limit, offset=offset)
        _print_quotes(found, as_json, cite)
        if not as_json and not cite:
            _hints(store, text, speaker)

    with_db(db, run)


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
    if speaker is None and speaker_id is None:
        raise typer.BadParameter("give --speaker NAME or --speaker-id ID", param_hint="--speaker")

    def run(store: Store) -> None:
        found = store.search(
            speaker=speaker, speaker_id=speaker_id, since=since, until=until, limit=limit, offset=offset
        )
        _print_quotes(found, as_json)
        if not as_json:
            _hints(store, None, speaker)

    with_db(db, run)


def register(app: typer.Typer) -> None:
    """Add ``search`` and ``quotes`` to ``app``."""
    app.command("search")(search_command)
    app.command("quotes")(quotes_command)
