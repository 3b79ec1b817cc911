"""Exploring a corpus as journalists do: the article index (``/articles``, ``/api/articles``), CSV and JSON
downloads of every list (no page cap, streamed from a connection of their own), facet counts
(``/api/quotes/facets``) and the paste page's JSON download (``POST /paste.json``)."""

from __future__ import annotations

import io
import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from pydantic import BaseModel
from starlette.responses import Response, StreamingResponse

from saidwhat.errors import InputError
from saidwhat.spreadsheet import CsvWriter
from saidwhat.store import Store
from saidwhat.store.queries import ARTICLE_SORTS, ArticleRow, FacetValue
from saidwhat.web.deps import (
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
    StoreDep,
    blank_to_none,
    page_count,
    page_url,
)
from saidwhat.web.render import page
from saidwhat.web.schemas import ErrorBody

api = APIRouter(prefix="/api", tags=["store"])
pages = APIRouter(include_in_schema=False)
Format = Literal["csv", "json"]
FORMAT_HELP = "csv or json: download every match (no page cap) instead of one page of JSON"
ArticleSort = Literal["newest", "oldest", "quotes", "title", "source"]
# A JSON download is an array of every match, not the page object that plain application/json answers
# are; its own (structured-syntax) media type keeps the two apart in the OpenAPI description.
JSON_DOWNLOAD = "application/vnd.saidwhat.download+json"
DOWNLOAD: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            JSON_DOWNLOAD: {"schema": {"type": "array", "items": {"type": "object"}}},
            "text/csv": {"schema": {"type": "string"}},
        },
        "description": "one page of JSON, or with `format` every match as a CSV or JSON download",
    }
}
SPEAKER_COLUMNS = (
    "id",
    "name",
    "kind",
    "gender",
    "gender_evidence",
    "gender_corrected",
    "quotes",
    "articles",
)
ARTICLE_COLUMNS = ("id", "title", "date", "source", "url", "quotes", "ext_id")


# -- downloads --------------------------------------------------------------------------------------


def _csv_lines(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = CsvWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for n, row in enumerate(rows, 1):
        writer.writerow(row)
        if n % 200 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for n, row in enumerate(rows):
        yield ("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


def download(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], fmt: str, name: str
) -> StreamingResponse:
    """Stream ``rows`` (a store's stream, which holds its own connection while it is read) as CSV or JSON."""

    def body() -> Iterator[str]:
        if fmt == "csv":
            yield from _csv_lines(columns, rows)
        else:
            yield from _json_lines(rows)

    media = "text/csv; charset=utf-8" if fmt == "csv" else JSON_DOWNLOAD
    headers = {"Content-Disposition": f'attachment; filename="saidwhat-{name}.{fmt}"'}
    return StreamingResponse(body(), media_type=media, headers=headers)


def quote_download(store: Store, filters: dict[str, Any], sort: str | None, fmt: str) -> StreamingResponse:
    """Every quote matching ``filters``, as ``saidwhat export`` writes them (CSV: spans start-end)."""
    from saidwhat.store.export import COLUMNS, csv_row

    def rows() -> Iterator[dict[str, Any]]:
        for record in store.quote_records(
            filters=filters, sort=sort or ("relevance" if filters.get("text") else "date")
        ):
            if fmt == "csv":
                yield csv_row(record)
            else:
                record["spans"] = json.loads(record["spans"])
                yield record

    return download(rows(), COLUMNS, fmt, "quotes")


def speaker_download(
    store: Store, name: str | None, descriptions: bool, fmt: str, *, gender: str | None = None
) -> StreamingResponse:
    """Every speaker the filters keep, with gender, its evidence and whether a reader corrected it."""

    def rows() -> Iterator[dict[str, Any]]:
        found = store.speakers(name=name, limit=-1, include_descriptions=descriptions, gender=gender)
        yield from (s.to_dict() for s in found)

    return download(rows(), SPEAKER_COLUMNS, fmt, "speakers")


def download_links(
    request: Request, path: str, extra: dict[str, str] | None = None, *, drop: Collection[str] = ()
) -> dict[str, str]:
    """CSV and JSON download URLs at ``path`` with this page's filters (and ``extra``), page left out,
    and the filters in ``drop`` (ones the page rejected) too."""
    params = {k: v for k, v in request.query_params.items() if k != "page" and k not in drop and v != ""}
    params.update(extra or {})
    return {fmt: f"{path}?{urlencode({**params, 'format': fmt})}" for fmt in ("csv", "json")}


# -- the article index -------------------------------------------------------------------------------


class ArticleList(BaseModel):
    """One page of the article index (the store's ``ArticleRow``); ``total`` counts every article that matches."""

    items: list[ArticleRow]
    total: int
    page: int
    page_size: int
    pages: int


class FacetsOut(BaseModel):
    """Matching quotes counted by speaker, source, type, kind and month (the top ten of each)."""

    speaker: list[FacetValue]
    source: list[FacetValue]
    type: list[FacetValue]
    kind: list[FacetValue]
    month: list[FacetValue]


@api.get(
    "/articles",
    response_model=ArticleList,
    responses={**DOWNLOAD, 422: {"model": ErrorBody, "description": "a parameter is out of range"}},
)
def list_articles(
    store: StoreDep,
    sort: Annotated[ArticleSort, Query(description="newest, oldest, quotes, title or source")] = "newest",
    source: Annotated[str | None, Query(max_length=500, description="article source, exactly")] = None,
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="words of the title")] = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
    format: Annotated[Format | None, Query(description=FORMAT_HELP)] = None,
) -> Any:
    """Every article (undated ones after the dated), with its title, date, source, URL and quote count."""
    source, q = blank_to_none(source), blank_to_none(q)
    if format is not None:

        def every() -> Iterator[dict[str, Any]]:
            yield from (r.to_dict() for r in store.articles(sort=sort, source=source, q=q, limit=None)[0])

        return download(every(), ARTICLE_COLUMNS, format, "articles")
    rows, total = store.articles(
        sort=sort, source=source, q=q, limit=page_size, offset=(page - 1) * page_size
    )
    return ArticleList(
        items=rows, total=total, page=page, page_size=page_size, pages=page_count(total, page_size)
    )


@pages.get("/articles", name="articles")
def articles_page(
    request: Request,
    store: StoreDep,
    sort: Annotated[str | None, Query(max_length=20)] = None,
    source: Annotated[str | None, Query(max_length=500)] = None,
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)] = None,
    page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    size = 50
    chosen = sort if sort in ARTICLE_SORTS else "newest"
    form = {"sort": chosen, "source": blank_to_none(source) or "", "q": blank_to_none(q) or ""}
    rows, total = store.articles(
        sort=chosen,
        source=form["source"] or None,
        q=form["q"] or None,
        limit=size,
        offset=(page_no - 1) * size,
    )
    pages_ = page_count(total, size)
    sort_urls = {
        s: f"/articles?{urlencode({**{k: v for k, v in form.items() if v}, 'sort': s})}"
        for s in ARTICLE_SORTS
    }
    context: dict[str, Any] = {
        "nav": "articles",
        "rows": rows,
        "total": total,
        "form": form,
        "sorts": ARTICLE_SORTS,
        "sort_urls": sort_urls,
        "sources": store.sources(),
        "page_no": page_no,
        "pages": pages_,
        "prev_url": page_url(request, page_no - 1) if page_no > 1 else None,
        "next_url": page_url(request, page_no + 1) if page_no < pages_ else None,
        "downloads": download_links(request, "/api/articles", {"sort": chosen}),
    }
    return page(request, "articles.html", context)


# -- facets ------------------------------------------------------------------------------------------


def facet_links(
    request: Request, facets: dict[str, list[FacetValue]], path: str = "/search"
) -> dict[str, list[dict[str, Any]]]:
    """Each facet value with the URL of this page plus that filter (a speaker facet filters by id)."""
    params = {k: v for k, v in request.query_params.items() if k != "page" and v != ""}
    out: dict[str, list[dict[str, Any]]] = {}
    for name, values in facets.items():
        key = "speaker_id" if name == "speaker" else name
        current = params.get(key)
        items = []
        for v in values:
            chosen = {**params, key: v.value}
            if name == "speaker":
                chosen.pop("speaker", None)
            items.append(
                {
                    "label": v.label,
                    "count": v.count,
                    "url": f"{path}?{urlencode(chosen)}",
                    "active": current == v.value,
                }
            )
        out[name] = items
    return out


@api.get(
    "/quotes/facets",
    response_model=FacetsOut,
    responses={400: {"model": ErrorBody, "description": "parameters that contradict each other"}},
)
def quote_facets(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="full-text search")] = None,
    speaker: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="a speaker's name")] = None,
    speaker_id: Annotated[int | None, Query(ge=1, le=2**63 - 1, description="a speaker id")] = None,
    source: Annotated[str | None, Query(max_length=500, description="article source, exactly")] = None,
    type: Annotated[Literal["direct", "mixed", "indirect"] | None, Query(description="quote type")] = None,
    kind: Annotated[Literal["speech", "writing", "thought", "finding"] | None, Query()] = None,
    month: Annotated[
        str | None, Query(pattern=r"^(\d{4}-\d{2}|undated)$", description="YYYY-MM, or undated")
    ] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> FacetsOut:
    """How the quotes matching these filters divide by speaker, source, type, kind and month."""
    facets = store.facets(
        text=blank_to_none(q),
        speaker=blank_to_none(speaker),
        speaker_id=speaker_id,
        source=blank_to_none(source),
        type=type,
        kind=kind,
        month=month,
        min_confidence=min_confidence,
    )
    return FacetsOut(**facets)


# -- the paste page's download ------------------------------------------------------------------------


@pages.post("/paste.json", name="paste_json")
async def paste_json(
    request: Request,
    text: Annotated[str, Form(max_length=5_000_000)] = "",
    kind: Annotated[Literal["text", "html"], Form()] = "text",
) -> Response:
    """The paste page's result as the JSON of ``POST /api/extract``, as a download."""
    live = request.app.state.live
    try:
        if kind == "html":
            result = await live.run_async(article_id="pasted", html=text)
        else:
            result = await live.run_async(article_id="pasted", text=text)
    except InputError as exc:
        return Response(
            json.dumps({"error": "bad_input", "status": exc.status, "message": str(exc)}),
            status_code=exc.status,
            media_type="application/json",
        )
    data = {**result.extraction.to_dict(), "text": result.text, "title": result.title}
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="saidwhat-extraction.json"'},
    )
