"""Shared request plumbing: the store of the running app, paging arithmetic and API limits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Generic, TypeVar
from urllib.parse import urlencode

from fastapi import Depends, Request
from pydantic import BeforeValidator

from saidwhat.article_text import repair_text
from saidwhat.errors import NoStoreError
from saidwhat.store import Store

MAX_ID = 2**63 - 1  # SQLite's INTEGER range: larger ids cannot exist and must not reach the driver
MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_QUERY_CHARS = 200
T = TypeVar("T")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day_only(value: object) -> object:
    """Pydantic would read ``0`` or ``1700000000`` as a date; the API takes only YYYY-MM-DD."""
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return value
    if isinstance(value, date):
        return value
    raise ValueError("expected a date as YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_day_only)]


def store_of(request: Request) -> Store:
    """The running app's store (a FastAPI dependency); NoStoreError when it was started without one.
    Each of its methods takes a pooled read-only connection for the time of its query."""
    store: Store | None = request.app.state.store
    if store is None:
        raise NoStoreError("this server was started without a database (saidwhat serve --db PATH)")
    return store


StoreDep = Annotated[Store, Depends(store_of)]


@dataclass(frozen=True, slots=True)
class FormValue(Generic[T]):
    """A form field read leniently: the value to use (None when absent or ignored) and, for a bad one,
    the sentence the page shows about it (a page explains a bad value; an API answers 422 instead)."""

    value: T | None
    problem: str | None = None


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


def form_date(value: str | None, name: str) -> FormValue[str]:
    """A date typed into a page's form (YYYY-MM-DD); a bad one is ignored, with the reason."""
    value = blank_to_none(value)
    if value is None:
        return FormValue(None)
    try:
        return FormValue(date.fromisoformat(value).isoformat())
    except ValueError:
        return FormValue(None, f"“{value}” is not a date (YYYY-MM-DD) for {name}; it was ignored.")


def page_url(request: Request, number: int) -> str:
    """This page's URL with another page number, keeping the filters."""
    params = {key: value for key, value in request.query_params.items() if key != "page"}
    params["page"] = str(number)
    return f"{request.url.path}?{urlencode(params)}"
