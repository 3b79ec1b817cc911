"""Shared request plumbing: the store of the running app, paging arithmetic and API limits."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Request
from pydantic import BeforeValidator

from saidwhat.article_text import repair_text
from saidwhat.errors import NoStoreError
from saidwhat.store import Store

MAX_ID = 2**63 - 1  # SQLite's INTEGER range: larger ids cannot exist and must not reach the driver
MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_QUERY_CHARS = 200
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day_only(value: object) -> object:
    """Pydantic would read ``0`` or ``1700000000`` as a date; the API takes only YYYY-MM-DD."""
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return value
    if isinstance(value, date):
        return value
    raise ValueError("expected a date as YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_day_only)]


def connection(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection for the duration of one request (a FastAPI dependency)."""
    store: Store | None = request.app.state.store
    if store is None:
        raise NoStoreError("this server was started without a database (saidwhat serve --db PATH)")
    with store.read() as conn:
        yield conn


def page_count(total: int, page_size: int) -> int:
    return max(1, -(-total // page_size))


def clean_text(value: str) -> str:
    """Lone surrogates (possible in JSON strings) replaced one for one, so offsets stay true and the
    response can be encoded as UTF-8."""
    return repair_text(value)


def blank_to_none(value: str | None) -> str | None:
    """HTML forms send empty fields as ``name=``: treat them as absent."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def form_date(value: str | None, name: str, problems: list[str]) -> str | None:
    """A date typed into a page's form (YYYY-MM-DD), or None; a bad one is noted in ``problems`` and
    ignored, so the page still shows (an API answers 422 instead)."""
    value = blank_to_none(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        problems.append(f"“{value}” is not a date (YYYY-MM-DD) for {name}; it was ignored.")
        return None


def page_url(request: Request, number: int) -> str:
    """This page's URL with another page number, keeping the filters."""
    params = {key: value for key, value in request.query_params.items() if key != "page"}
    params["page"] = str(number)
    return f"{request.url.path}?{urlencode(params)}"
