"""Dates of plain-text articles from their dateline or date line (issue 24), ``ingest --date`` and
``--year``, and the bundled corpus, every article of which has a date and an outlet."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from saidwhat.datelines import TopDate, read_top
from saidwhat.ingest import IngestOptions, ingest

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 12, 3)

DATED = [
    # (top of the article, the date read, the agency)
    ("HALVERSTON, Oct. 14, 2025 — The council voted.", "2025-10-14", None),
    ("CAPITAL CITY, March 4, 2024 (Wire) - The minister spoke.", "2024-03-04", "Wire"),
    ("Budget passes\n\nPublished 3 March 2024\n\nThe council voted.", "2024-03-03", None),
    ("Budget passes\n\nTuesday, 14 October 2025\n\nThe council voted.", "2025-10-14", None),
    ("Budget passes\nBy Ann Lee\nOctober 14, 2025\n\nThe council voted.", "2025-10-14", None),
    ("Updated: 2025-10-14\n\nThe council voted.", "2025-10-14", None),
    # the weekday names the year: the latest one, up to today, in which Oct. 14 is a Tuesday
    ("LONDON, Tuesday, Oct. 14 (Reuters) — The council voted.", "2025-10-14", "Reuters"),
    (
        "Budget passes\n\nPublished 3 March 2024\n\nHARBOR CITY (Courier) - The council voted.",
        "2024-03-03",
        "Courier",
    ),
]
UNDATED = [
    "HALVERSTON, Oct. 14 — The council voted.",  # no year anywhere: not guessed
    "HARBOR CITY - The council voted on Oct. 14, 2025.",  # a date in the body is not the article's
    "WASHINGTON, D.C. — The council voted.",
    'Okafor promises flood defences "before the next storm season"\n\nHARBOR CITY - x',
    "Mayor 14 March said the plan was dead.",
]


@pytest.mark.parametrize(("text", "day", "agency"), DATED)
def test_datelines_forms(text: str, day: str, agency: str | None) -> None:
    assert read_top(text, today=TODAY) == TopDate(day, agency)


@pytest.mark.parametrize("text", UNDATED)
def test_datelines_without_a_knowable_date(text: str) -> None:
    assert read_top(text, today=TODAY).date is None


def test_datelines_year_completes_a_day_without_one() -> None:
    assert read_top("HALVERSTON, Oct. 14 — The council voted.", year=2024, today=TODAY).date == "2024-10-14"


def _dates(db: Path) -> dict[str, tuple[str | None, str | None]]:
    with sqlite3.connect(db) as conn:
        return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT ext_id, date, source FROM articles")}


def test_datelines_ingest_reads_them_and_date_year_options(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Vote\n\nHALVERSTON, Oct. 14 (Wire) — Mayor Ann Lee said no.\n", encoding="utf-8"
    )
    (corpus / "b.txt").write_text(
        "Vote\n\nPublished 3 March 2024\n\nMayor Ann Lee said no.\n", encoding="utf-8"
    )
    ingest([str(corpus)], tmp_path / "year.db", IngestOptions(year=2023), progress=False)
    assert _dates(tmp_path / "year.db") == {"a": ("2023-10-14", "Wire"), "b": ("2024-03-03", None)}
    ingest([str(corpus)], tmp_path / "date.db", IngestOptions(date="2020-01-02"), progress=False)
    assert {k: v[0] for k, v in _dates(tmp_path / "date.db").items()} == {
        "a": "2020-01-02",
        "b": "2020-01-02",
    }
    with pytest.raises(ValueError):
        IngestOptions(date="March 2024")


def test_datelines_every_bundled_article_has_a_date_and_an_outlet(tmp_path: Path) -> None:
    ingest([str(ROOT / "examples" / "corpus")], tmp_path / "corpus.db", progress=False)
    found = _dates(tmp_path / "corpus.db")
    assert len(found) >= 20
    assert [k for k, (day, source) in found.items() if not day or not source] == []
