"""``--since``/``--until`` as the commands take them: a calendar day, YYYY-MM-DD, or a usage error (exit 2)."""

from __future__ import annotations

import re
from datetime import date

import typer

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_day(value: str | None) -> str | None:
    """``value`` if it is a real day written YYYY-MM-DD (None passes); else a BadParameter."""
    if value is None:
        return None
    try:
        if not _DAY.fullmatch(value):
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: give YYYY-MM-DD, e.g. 2024-03-31") from None
    return value
