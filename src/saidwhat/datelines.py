"""The date (and wire agency) a plain-text article gives at its top: a dateline or a date line.

A ``.txt`` article carries no metadata, but news copy states its date where a reader sees it first:
in the dateline ("HALVERSTON, Oct. 14 —", "CAPITAL CITY, March 4 (Wire) -") or on a line of its own
("Published 3 March 2024", "Tuesday, 14 October 2025", "October 14, 2025"). Only the first few lines
are read, so a date in the body ("on March 4 the council...") is never taken for the article's.

A day without a year takes the year given (``ingest --year``), else one that the top lines name, else
the latest year, up to ``today``, in which that day falls on the weekday the line names; without any
of these it is left undated rather than guessed. spaCy-free: ingest and Spark share it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from saidwhat.lexicon import DATE_LINE_LABELS, MONTHS, WEEKDAYS

__all__ = ["TopDate", "read_top"]

TOP_LINES = 4  # non-empty lines looked at: headline, byline, date line, dateline
MAX_LINE = 300  # characters of one line looked at

_MONTHS = {name: number for number, names in enumerate(MONTHS, start=1) for name in names}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?P<weekday>[A-Za-z]{3,9})\.?,?\s+)?"
_DAY_FIRST = rf"{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?(?:\s+{_YEAR})?"
_MONTH_FIRST = rf"{_WEEKDAY}{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"
_ISO = r"(?P<iso>(?:19|20)\d\d-\d\d-\d\d)"
_DATE_FORMS = [re.compile(form, re.IGNORECASE) for form in (_ISO, _DAY_FIRST, _MONTH_FIRST)]
# "HALVERSTON, Oct. 14 —", "CAPITAL CITY, March 4 (Wire) - ...", "LONDON, Tuesday, 14 October 2025 (Wire) –"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'’-]+(?:,\s*[A-Z][A-Z.]+)?),\s+(?P<when>[^()\-—–]{3,40}?)\s*"
    r"(?:\((?P<agency>[^()]{2,40})\)\s*)?[-—–]"
)
# "HARBOR CITY (Wire) - ...": an agency, no date
_AGENCY_ONLY = re.compile(r"^[A-Z][A-Z .'’-]+\s*\((?P<agency>[^()]{2,40})\)\s*[-—–]")
# "Published 3 March 2024", "Updated: Oct. 14, 2025", "Posted on Tuesday, 14 October 2025"
_LABEL = re.compile(rf"^(?:{'|'.join(sorted(DATE_LINE_LABELS))})(?:\s+on)?:?\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TopDate:
    """What the top of an article says about it: its date (YYYY-MM-DD) and the agency of its dateline."""

    date: str | None = None
    agency: str | None = None


def _day(match: re.Match[str], year: int | None, today: date, context_year: int | None) -> str | None:
    """The ISO day a date form matched, or None when it is no day or its year cannot be known."""
    if "iso" in match.re.groupindex:
        try:
            return date.fromisoformat(match["iso"]).isoformat()
        except ValueError:
            return None
    month = _MONTHS.get(match["month"].lower())
    if month is None:
        return None
    day = int(match["day"])
    weekday = (match["weekday"] or "").lower()
    named = next((n for n, w in enumerate(WEEKDAYS) if weekday and w.startswith(weekday[:3])), None)
    if weekday and named is None:
        return None  # "Mayor 14 ..." is no date
    chosen = int(match["year"]) if match["year"] else year or context_year
    if chosen is None and named is not None:
        chosen = next(
            (y for y in range(today.year, today.year - 12, -1) if _weekday(y, month, day) == named), None
        )
    if chosen is None:
        return None
    try:
        return date(chosen, month, day).isoformat()
    except ValueError:
        return None


def _weekday(year: int, month: int, day: int) -> int | None:
    try:
        return date(year, month, day).weekday()
    except ValueError:
        return None


def _date_in(words: str, year: int | None, today: date, context_year: int | None, whole: bool) -> str | None:
    """The date that ``words`` are (``whole``) or begin with."""
    words = words.strip().rstrip(".,;:")
    for form in _DATE_FORMS:
        match = form.fullmatch(words) if whole else form.match(words)
        if match is not None:
            found = _day(match, year, today, context_year)
            if found is not None:
                return found
    return None


def read_top(text: str, *, year: int | None = None, today: date | None = None) -> TopDate:
    """The date and dateline agency at the top of ``text``; ``year`` completes a day given without one."""
    today = today or date.today()
    lines = [line.strip()[:MAX_LINE] for line in text.lstrip("\ufeff").splitlines() if line.strip()][
        :TOP_LINES
    ]
    years = [int(y) for line in lines for y in re.findall(r"\b((?:19|20)\d\d)\b", line)]
    context_year = years[0] if years else None
    found: str | None = None
    for line in lines:  # a date line first ("Published ..."), then the dateline, which begins the body
        dateline = _DATELINE.match(line)
        if dateline is not None:
            agency = (dateline["agency"] or "").strip() or None
            return TopDate(found or _date_in(dateline["when"], year, today, context_year, whole=True), agency)
        bare = _AGENCY_ONLY.match(line)
        if bare is not None:
            return TopDate(found, bare["agency"].strip())
        if found is None:
            label = _LABEL.match(line)
            words, whole = (line[label.end() :], False) if label is not None else (line, True)
            found = _date_in(words, year, today, context_year, whole=whole)
    return TopDate(found)
