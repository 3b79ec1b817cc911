"""The quote filters that ``search``, ``quotes`` and ``export`` share: declared once, checked once.

Declaring the options here keeps their flags, help and checks the same in every command that takes
them; ``quote_filters`` turns them into the keyword arguments ``store.queries.search_quotes`` takes.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

import typer

from saidwhat.cli.dates import iso_day

KindOption = Annotated[
    str | None,
    typer.Option(help="Only quotes of these kinds: speech, writing, thought, finding (comma-separated)."),
]


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
MonthOption = Annotated[
    str | None,
    typer.Option(help="Articles dated in this month (YYYY-MM), or undated for those without a date."),
]
SourceOption = Annotated[str | None, typer.Option(help="Only articles from this source.")]
TypeOption = Annotated[QuoteType | None, typer.Option("--type", help="direct, mixed or indirect.")]
MinConfidenceOption = Annotated[
    float | None, typer.Option(min=0.0, max=1.0, help="Only quotes at least this confident (0 to 1).")
]
SortOption = Annotated[
    SortOrder | None,
    typer.Option(help="relevance (when searching words), date (newest first), oldest or confidence."),
]


def kinds(kind: str | None) -> str | None:
    """A checked, comma-separated list of quote kinds, or None for all of them."""
    if kind is None:
        return None
    from saidwhat.model import QUOTE_KINDS

    given = [k.strip() for k in kind.split(",") if k.strip()]
    bad = [k for k in given if k not in QUOTE_KINDS]
    if bad or not given:
        raise typer.BadParameter(
            f"bad quote kind {kind!r}: allowed are {', '.join(QUOTE_KINDS)}", param_hint="--kind"
        )
    return ",".join(given)


def quote_filters(
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
    if month is not None and not re.fullmatch(r"\d{4}-\d{2}|undated", month):
        raise typer.BadParameter(f"bad month {month!r}: give YYYY-MM or undated", param_hint="--month")
    return {
        "text": text,
        "speaker": speaker,
        "speaker_id": speaker_id,
        "since": since,
        "until": until,
        "month": month,
        "source": source,
        "type": quote_type.value if quote_type else None,
        "kind": kinds(kind),
        "min_confidence": min_confidence,
    }
