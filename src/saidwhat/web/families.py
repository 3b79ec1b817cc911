"""Quote families on the web: ``/api/trace``, ``/api/families`` and the pages ``/families`` (the trace
box and the conflicts list) and ``/families/{id}`` (first report, articles, wordings, who was credited).

Thin shells over the app's ``Store`` (its families methods).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel
from starlette.responses import Response

from saidwhat.store import Store
from saidwhat.store.families import Family, FamilySummary
from saidwhat.web.deps import (
    DEFAULT_PAGE_SIZE,
    MAX_ID,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
    StoreDep,
    blank_to_none,
    clean_text,
    page_count,
)
from saidwhat.web.render import page
from saidwhat.web.schemas import ErrorBody

MAX_TRACE_CHARS = 2000

api = APIRouter(prefix="/api", tags=["families"])
pages = APIRouter(include_in_schema=False)


class FamilyPage(BaseModel):
    """One page of families (the store's ``FamilySummary`` rows); ``total`` counts every match."""

    items: list[FamilySummary]
    total: int
    page: int
    page_size: int
    pages: int


class TraceOut(BaseModel):
    """The words traced, and the families (the store's ``Family`` rows) whose quotes match them."""

    query: str
    items: list[Family]


Words = Annotated[
    str, Query(max_length=MAX_TRACE_CHARS, description="the words to trace (a partial quote will do)")
]


@api.get(
    "/trace", response_model=TraceOut, responses={422: {"model": ErrorBody, "description": "bad parameter"}}
)
def api_trace(
    store: StoreDep,
    q: Words,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="families to return")] = 10,
) -> TraceOut:
    """The families whose quotes match the words: first report, every article, wordings, speakers credited."""
    text = clean_text(q)
    return TraceOut(query=text, items=store.trace(text, limit=limit))


@api.get(
    "/families",
    response_model=FamilyPage,
    responses={422: {"model": ErrorBody, "description": "bad parameter"}},
)
def api_families(
    store: StoreDep,
    conflicts: Annotated[
        bool, Query(description="only families whose articles credit different speakers")
    ] = False,
    min_articles: Annotated[
        int, Query(ge=1, le=MAX_ID, description="only families in at least this many articles")
    ] = 2,
    speaker: Annotated[
        str | None, Query(max_length=MAX_QUERY_CHARS, description="only families crediting this speaker")
    ] = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number")] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="rows per page")] = DEFAULT_PAGE_SIZE,
) -> FamilyPage:
    """Quote families, most widely reported first."""
    name = blank_to_none(clean_text(speaker)) if speaker is not None else None
    found, total = store.families(
        conflicts=conflicts,
        min_articles=min_articles,
        speaker=name,
        limit=page_size,
        offset=(page - 1) * page_size,
    )
    return FamilyPage(
        items=[f.summary() for f in found],
        total=total,
        page=page,
        page_size=page_size,
        pages=page_count(total, page_size),
    )


@api.get(
    "/families/{family_id}",
    response_model=Family,
    responses={
        404: {"model": ErrorBody, "description": "no such family"},
        422: {"model": ErrorBody, "description": "bad id"},
    },
)
def api_family(store: StoreDep, family_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> Family:
    """One family in full."""
    return store.family(family_id)


def _url(request: Request, **changes: Any) -> str:
    params = dict(request.query_params)
    params.update({k: str(v) for k, v in changes.items()})
    return f"{request.url.path}?{urlencode(params)}"


@pages.get("/families", name="families")
def families_page(
    request: Request,
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=MAX_TRACE_CHARS)] = None,
    conflicts: Annotated[str | None, Query(max_length=10)] = None,
    page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    """The trace box; with words, the families they trace; else the families (or only conflicts)."""
    words = blank_to_none(clean_text(q)) if q is not None else None
    only_conflicts = bool(blank_to_none(conflicts))
    context: dict[str, Any] = {"nav": "families", "q": words or "", "conflicts": only_conflicts}
    if words:
        context["traced"] = store.trace(words, limit=20)
        return page(request, "families.html", context)
    found, total = store.families(
        conflicts=only_conflicts, limit=DEFAULT_PAGE_SIZE, offset=(page_no - 1) * DEFAULT_PAGE_SIZE
    )
    pages_total = page_count(total, DEFAULT_PAGE_SIZE)
    context.update(
        {
            "families": found,
            "total": total,
            "page_no": page_no,
            "pages": pages_total,
            "prev_url": _url(request, page=page_no - 1) if page_no > 1 else None,
            "next_url": _url(request, page=page_no + 1) if page_no < pages_total else None,
        }
    )
    return page(request, "families.html", context)


@pages.get("/families/{family_id}", name="family")
def family_page(
    request: Request, store: StoreDep, family_id: Annotated[int, Path(ge=1, le=MAX_ID)]
) -> Response:
    family = store.family(family_id)
    return page(request, "family.html", {"nav": "families", "family": family})


def with_family_links(store: Store, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote list items (``{"hit": QuoteHit, ...}``) with ``family``: the quote's family link, if any."""
    links = store.family_links([item["hit"].id for item in items])
    return [{**item, "family": links.get(item["hit"].id)} for item in items]
