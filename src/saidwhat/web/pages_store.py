"""Server-rendered pages over the store: overview, search, article, speakers and one speaker.

Form fields arrive as strings (empty when left blank), so these handlers read them leniently and
explain a bad value on the page instead of failing the whole request.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import RedirectResponse, Response

from saidwhat.errors import NotFoundError
from saidwhat.model import QUOTE_KINDS, QUOTE_TYPES
from saidwhat.store import Store
from saidwhat.store.gender import GENDER_LABELS
from saidwhat.store.queries import SORTS, match_runs
from saidwhat.web import charts, explore
from saidwhat.web.colours import colour_of
from saidwhat.web.deps import (
    DEFAULT_PAGE_SIZE,
    MAX_ID,
    MAX_PAGE,
    MAX_QUERY_CHARS,
    StoreDep,
    blank_to_none,
    form_date,
    page_count,
    page_url,
)
from saidwhat.web.families import with_family_links
from saidwhat.web.render import page
from saidwhat.web.views import from_stored

router = APIRouter(include_in_schema=False)
Text = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)]


@router.get("/", name="overview")
def overview(request: Request) -> Response:
    """The front page; without a store there is nothing to overview, so it sends people to the paste page."""
    if request.app.state.store is None:
        return RedirectResponse("/paste", status_code=303)
    return page(request, "overview.html", _overview(request.app.state.store))


def _overview(store: Store) -> dict[str, Any]:
    counts = store.stats()
    top = store.speakers(limit=12, genders=False)
    peak = max((s.quotes for s in top), default=0)
    context: dict[str, Any] = {
        "nav": "overview",
        "stats": counts,
        "top": top,
        "peak": peak,
        "chart": charts.per_period(store.quotes_per_day(), width=1100, height=220),
        "recent": store.recent_articles(limit=8),
    }
    return context


@router.get("/search", name="search")
def search(
    request: Request,
    store: StoreDep,
    q: Text = None,
    speaker: Text = None,
    since: Text = None,
    until: Text = None,
    source: Annotated[str | None, Query(max_length=500)] = None,
    type: Text = None,
    kind: Text = None,
    speaker_id: Text = None,
    month: Text = None,
    min_confidence: Text = None,
    sort: Text = None,
    page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    form = {
        "q": blank_to_none(q) or "",
        "speaker": blank_to_none(speaker) or "",
        "since": blank_to_none(since) or "",
        "until": blank_to_none(until) or "",
        "source": blank_to_none(source) or "",
        "type": blank_to_none(type) or "",
        "kind": blank_to_none(kind) or "",
        "speaker_id": blank_to_none(speaker_id) or "",
        "month": blank_to_none(month) or "",
        "min_confidence": blank_to_none(min_confidence) or "",
        "sort": blank_to_none(sort) or "",
    }
    extra, problems = _explore_filters(form)
    since_read, until_read = form_date(since, "from"), form_date(until, "to")
    since_day, until_day = since_read.value, until_read.value
    problems += [p for p in (since_read.problem, until_read.problem) if p]
    quote_type = form["type"] or None
    if quote_type is not None and quote_type not in QUOTE_TYPES:
        problems.append(f"“{quote_type}” is not a quote type; showing all types.")
        quote_type = None
    quote_kind = form["kind"] or None
    if quote_kind is not None and quote_kind not in QUOTE_KINDS:
        problems.append(f"“{quote_kind}” is not a kind of report; showing all kinds.")
        quote_kind = None
    result = store.search(
        form["q"] or None,
        speaker=form["speaker"] or None,
        since=since_day,
        until=until_day,
        source=form["source"] or None,
        type=quote_type,
        kind=quote_kind,
        limit=DEFAULT_PAGE_SIZE,
        offset=(page_no - 1) * DEFAULT_PAGE_SIZE,
        **extra,
    )
    filters = {
        "text": form["q"] or None,
        "speaker": form["speaker"] or None,
        "since": since_day,
        "until": until_day,
        "source": form["source"] or None,
        "type": quote_type,
        "kind": quote_kind,
        **{k: v for k, v in extra.items() if k != "sort"},
    }
    items = with_family_links(store, [{"hit": hit, "runs": match_runs(hit)} for hit in result.items])
    pages = page_count(result.total, DEFAULT_PAGE_SIZE)
    context: dict[str, Any] = {
        "nav": "search",
        "form": form,
        "problems": problems,
        "items": items,
        "total": result.total,
        "page_no": page_no,
        "pages": pages,
        "prev_url": page_url(request, page_no - 1) if page_no > 1 else None,
        "next_url": page_url(request, page_no + 1) if page_no < pages else None,
        "sources": store.sources(),
        "types": QUOTE_TYPES,
        "kinds": QUOTE_KINDS,
        "searched": any(v for k, v in form.items() if k != "sort"),
        "facets": explore.facet_links(request, store.facets(**filters)),
        "suggested": store.suggest_speakers(form["q"]) if form["q"] and not form["speaker"] else [],
        "matches": store.speaker_matches(form["speaker"]) if form["speaker"] else [],
        "sorts": SORTS,
        "downloads": explore.download_links(request, "/api/quotes", _api_params(form, extra)),
        "chosen_speaker": _speaker_name(store, extra.get("speaker_id")),
    }
    return page(request, "search.html", context)


def _explore_filters(form: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """The search page's speaker id, month, minimum confidence and sort, read leniently: the filters to
    use and a sentence for each value that was ignored."""
    extra: dict[str, Any] = {}
    problems: list[str] = []
    if form["speaker_id"]:
        if form["speaker_id"].isdigit() and 0 < int(form["speaker_id"]) <= MAX_ID:
            extra["speaker_id"] = int(form["speaker_id"])
        else:
            problems.append(f"“{form['speaker_id']}” is not a speaker id; it was ignored.")
    if form["month"]:
        if re.fullmatch(r"\d{4}-\d{2}|undated", form["month"]):
            extra["month"] = form["month"]
        else:
            problems.append(f"“{form['month']}” is not a month (YYYY-MM); it was ignored.")
    if form["min_confidence"]:
        try:
            value = float(form["min_confidence"])
            if not 0 <= value <= 1:
                raise ValueError
            extra["min_confidence"] = value
        except ValueError:
            problems.append(f"“{form['min_confidence']}” is not a confidence from 0 to 1; it was ignored.")
    if form["sort"]:
        if form["sort"] in SORTS:
            extra["sort"] = form["sort"]
        else:
            problems.append(f"“{form['sort']}” is not a sort order; it was ignored.")
    return extra, problems


def _api_params(form: dict[str, str], extra: dict[str, Any]) -> dict[str, str]:
    """The API's names for the search page's filters (its download links take them as they are)."""
    params = {
        k: v for k, v in form.items() if v and k not in ("speaker_id", "month", "min_confidence", "sort")
    }
    params.update({k: str(v) for k, v in extra.items()})
    return params


def _speaker_name(store: Store, speaker_id: int | None) -> str | None:
    if speaker_id is None:
        return None
    try:
        return store.speaker(speaker_id).name
    except NotFoundError:
        return None


@router.get("/articles/{article_id}", name="article")
def article(request: Request, store: StoreDep, article_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> Response:
    stored = store.article(article_id)
    view = from_stored(stored, store.quote_marks(article_id))
    elsewhere = with_family_links(store, [{"hit": hit} for hit in stored.quotes])
    context = {"nav": "", "article": stored, "view": view, "elsewhere": [i for i in elsewhere if i["family"]]}
    return page(request, "article.html", context)


@router.get("/speakers", name="speakers")
def speakers(
    request: Request,
    store: StoreDep,
    name: Text = None,
    gender: Text = None,
    page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    size = 50
    problems: list[str] = []
    chosen = blank_to_none(gender)
    if chosen is not None and chosen not in GENDER_LABELS:
        problems.append(f"“{chosen}” is not female, male or unknown; showing every gender.")
        chosen = None
    rows = store.speakers(
        name=blank_to_none(name), gender=chosen, limit=size + 1, offset=(page_no - 1) * size
    )
    context: dict[str, Any] = {
        "nav": "speakers",
        "name": blank_to_none(name) or "",
        "gender": chosen or "",
        "genders": GENDER_LABELS,
        "problems": problems,
        "rows": rows[:size],
        "page_no": page_no,
        "prev_url": page_url(request, page_no - 1) if page_no > 1 else None,
        "next_url": page_url(request, page_no + 1) if len(rows) > size else None,
        "downloads": explore.download_links(request, "/api/speakers", drop=() if chosen else ("gender",)),
    }
    return page(request, "speakers.html", context)


@router.get("/speakers/{speaker_id}", name="speaker")
def speaker(
    request: Request,
    store: StoreDep,
    speaker_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    detail = store.speaker(speaker_id)
    result = store.search(
        speaker_id=detail.id, limit=DEFAULT_PAGE_SIZE, offset=(page_no - 1) * DEFAULT_PAGE_SIZE
    )
    pages = page_count(result.total, DEFAULT_PAGE_SIZE)
    dated = [(d, n) for d, n in detail.per_day if d]
    context: dict[str, Any] = {
        "nav": "speakers",
        "speaker": detail,
        "gender": store.speaker_gender(detail.id),
        "colour": f"sp-{colour_of(str(detail.id))}",
        "chart": charts.per_period(dated, width=520, height=200),
        "undated": sum(n for d, n in detail.per_day if not d),
        "items": with_family_links(
            store, [{"hit": hit, "runs": [(hit.text, False)]} for hit in result.items]
        ),
        "total": result.total,
        "page_no": page_no,
        "pages": pages,
        "prev_url": page_url(request, page_no - 1) if page_no > 1 else None,
        "next_url": page_url(request, page_no + 1) if page_no < pages else None,
        "downloads": explore.download_links(request, "/api/quotes", {"speaker_id": str(detail.id)}),
    }
    return page(request, "speaker.html", context)
