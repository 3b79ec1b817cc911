"""A readable terminal view of an Extraction: each quote with its speaker, one colour per speaker.

Everything printed from the article (text, names, ids) goes through ``display.printable``, so escape
sequences in an article cannot recolour, erase or link the terminal; markup from it is escaped."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from saidwhat.display import REPORTED, counted, printable, quote_display
from saidwhat.model import Extraction

PALETTE = ("cyan", "magenta", "green", "yellow", "blue", "red", "bright_cyan", "bright_magenta")


def print_pretty(extraction: Extraction, console: Console | None = None) -> None:
    console = console or Console()
    colours = {s.id: PALETTE[i % len(PALETTE)] for i, s in enumerate(extraction.speakers)}
    text = extraction.article.text
    console.rule(
        f"[bold]{escape(printable(extraction.article.id))}[/bold]: {counted(len(extraction.quotes), 'quote')}"
    )
    for quote in extraction.quotes:
        colour = colours.get(quote.speaker.id, "white") if quote.speaker else "bright_black"
        who = printable(quote.speaker.name) if quote.speaker else "(unknown)"
        line = Text()
        line.append(f"{who}", style=f"bold {colour}")
        if quote.mention and printable(quote.mention.text) != who:
            line.append(f" ({printable(quote.mention.text)})", style=colour)
        if quote.cue:
            line.append(f" {printable(quote.cue.text)}", style="italic")
        line.append(f" [{quote.type}, {quote.confidence:.2f}]: ", style="dim")
        end = quote.spans[-1].end if quote.spans else None
        after = text[end : end + 2] if end is not None and end < len(text) else None
        shown = quote_display(quote.text, quote.type, after)
        if shown.label == REPORTED:
            line.append(f"{REPORTED}: ", style="italic dim")
        line.append(printable(f"{shown.open}{shown.text}{shown.close}"), style=colour)
        console.print(line)
    if extraction.speakers:
        console.print()
        for speaker in extraction.speakers:
            extra = printable(", ".join(speaker.aliases))
            titles = printable("; ".join(speaker.titles))
            console.print(
                Text.assemble(
                    (printable(speaker.name), f"bold {colours[speaker.id]}"),
                    (f"  {speaker.kind}", "dim"),
                    (f"  aliases: {extra}" if extra else "", ""),
                    (f"  titles: {titles}" if titles else "", "dim"),
                )
            )
