"""``saidwhat trace`` and ``saidwhat families``: the same words across articles, outlets and time.

A family is every stored quote of the same statement (``saidwhat.families``). ``trace`` finds the
families whose quotes match some words (partial quotes too) and prints where each was first reported,
who was credited and whether the articles disagree; ``families`` lists them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from saidwhat.cli.db import DbOption, JsonOption, print_json, with_db
from saidwhat.display import counted, printable

if TYPE_CHECKING:
    from saidwhat.store import Store
    from saidwhat.store.families import Family


def _words(text: str | None, file: Path | None) -> str:
    if file is not None and text is not None:
        raise typer.BadParameter("give the words or --file, not both", param_hint="TEXT")
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except OSError as exc:
            raise typer.BadParameter(str(exc), param_hint="--file") from exc
    if text is None or text == "-":
        return sys.stdin.read()
    return text


def _safe(text: str) -> str:
    """Stored text as rich markup that prints as it reads: terminal controls removed, markup escaped."""
    return escape(printable(text))


def _print_family(console: Console, family: Family, *, variants: bool) -> None:
    flag = f" [bold red]CONFLICT: {family.conflict}[/bold red]" if family.conflict else ""
    console.print(
        f"[bold]family {family.id}[/bold]: {counted(family.quotes, 'quote')} in "
        f"{counted(family.articles, 'article')}, {counted(len(family.outlets), 'outlet')}{flag}",
        highlight=False,
    )
    shown = family.text if family.text[:1] in "“‘\"'«" else f"“{family.text}”"
    console.print(f"  {printable(shown)}", markup=False, highlight=False)
    firsts = "; ".join(
        " · ".join(x for x in (m.outlet, m.title or m.article_ext_id) if x) + f" (article {m.article_id})"
        for m in family.first_reports
    )
    console.print(
        f"  [dim]first reported {family.first_date or 'undated'}:[/dim] {_safe(firsts)}", highlight=False
    )
    credited = ", ".join(
        f"{c.name or '(speaker not found)'}{' (unnamed source)' if c.description else ''}: "
        f"{c.articles} article{'s' * (c.articles != 1)} ({', '.join(f'{n} {t}' for t, n in sorted(c.types.items()))})"
        for c in family.credits
    )
    console.print(f"  [dim]credited:[/dim] {_safe(credited)}", highlight=False)
    if variants:
        for m in family.members:
            who = m.speaker_name or "(speaker not found)"
            console.print(
                f"  [dim]{_safe(m.date[:10] if m.date else 'undated')}  {_safe(m.outlet or '-')}  "
                f"{_safe(who)} ({m.type})  article {m.article_id}, quote {m.quote_id}[/dim]",
                highlight=False,
            )
        for v in family.variants[1:]:
            shown = "".join(
                _safe(r.text) if r.op == "same" else f"[green]{{+{_safe(r.text)}+}}[/green]"
                if r.op == "added" else f"[red][-{_safe(r.text)}-][/red]"
                for r in v.runs
            )  # fmt: skip
            console.print(f"  variant in {counted(v.articles, 'article')}: {shown}", highlight=False)


def trace_command(
    text: Annotated[str | None, typer.Argument(help="The words to trace; - or nothing reads stdin.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the words from this file.")] = None,
    db: DbOption = "saidwhat.db",
    limit: Annotated[int, typer.Option(min=1, help="Families to show.")] = 10,
    as_json: JsonOption = False,
) -> None:
    """Where some words were reported: matching families, first report, speakers credited, conflicts."""
    words = _words(text, file)

    def show(store: Store) -> None:
        found = store.trace(words, limit=limit)
        if as_json:
            print_json([f.to_dict() for f in found])
            return
        console = Console(soft_wrap=True)
        if not found:
            console.print("No stored quote matches these words.")
        for family in found:
            _print_family(console, family, variants=True)
            console.print()

    with_db(db, show)


def families_command(
    db: DbOption = "saidwhat.db",
    conflicts: Annotated[
        bool, typer.Option("--conflicts", help="Only families whose articles credit different speakers.")
    ] = False,
    min_articles: Annotated[int, typer.Option(min=1, help="Only families in at least N articles.")] = 2,
    speaker: Annotated[str | None, typer.Option(help="Only families that credit this speaker.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Families to show.")] = 20,
    offset: Annotated[int, typer.Option(min=0, help="Families to skip.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Quote families, most widely reported first: the same words in several articles."""

    def show(store: Store) -> None:
        found, total = store.families(
            conflicts=conflicts,
            min_articles=max(min_articles, 1),
            speaker=speaker,
            limit=limit,
            offset=offset,
        )
        if as_json:
            print_json(
                {
                    "items": [f.summary().to_dict() for f in found],
                    "total": total,
                    "limit": limit,
                    "offset": offset,
                }
            )
            return
        console = Console(soft_wrap=True)
        for family in found:
            _print_family(console, family, variants=False)
        shown = f"{offset + 1}-{offset + len(found)}" if found else "0"
        console.print(f"[dim]{shown} of {total} families[/dim]")

    with_db(db, show)


def register(app: typer.Typer) -> None:
    """Add ``trace`` and ``families`` to ``app``."""
    app.command("trace")(trace_command)
    app.command("families")(families_command)
