"""Who gets a voice, on the web: the ``/diversity`` page (charts per month and per outlet) and
``/api/diversity`` (JSON, or CSV at ``/api/diversity.csv``), over ``saidwhat.store.diversity``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel
from starlette.responses import Response

from saidwhat.errors import InputError
from saidwhat.store import Store
from saidwhat.store.diversity import GENDER_LABELS, DiversityReport, Voice, parse_by
from saidwhat.web.deps import IsoDate, StoreDep, blank_to_none, form_date
from saidwhat.web.render import page
from saidwhat.web.schemas import ErrorBody

api = APIRouter(prefix="/api", tags=["store"])
pages = APIRouter(include_in_schema=False)
By = Literal["", "source", "month", "source,month", "month,source"]
BAD: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "parameters that contradict each other"},
    422: {"model": ErrorBody, "description": "a parameter has the wrong type or is out of range"},
}


class ByGender(BaseModel):
    female: int
    male: int
    unknown: int


class ByKind(BaseModel):
    people: int
    organisations: int
    unnamed: int
    unattributed: int


class GroupOut(BaseModel):
    source: str | None = None
    month: str | None = None
    quotes: ByGender
    people: ByGender
    female_share_people: float | None
    female_share_quotes: float | None
    sources: ByKind


class DiversityOut(BaseModel):
    by: list[str]
    filters: dict[str, str | None]
    total: GroupOut
    groups: list[GroupOut]
    top_women: list[Voice]
    top_men: list[Voice]


def _report(store: Store, by: str, since: Any, until: Any, source: str | None) -> DiversityReport:
    if since and until and since > until:
        raise InputError(f"'since' ({since}) is after 'until' ({until})")
    return store.diversity(
        by=parse_by(by),
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        source=blank_to_none(source),
    )


Since = Annotated[IsoDate | None, Query(description="article date on or after (YYYY-MM-DD)")]
Until = Annotated[IsoDate | None, Query(description="article date on or before (YYYY-MM-DD)")]
Source = Annotated[str | None, Query(max_length=500, description="article source, exactly")]
ByParam = Annotated[By, Query(description="group by source, month, or both")]


@api.get("/diversity", response_model=DiversityOut, responses=BAD)
def get_diversity(
    store: StoreDep, by: ByParam = "", since: Since = None, until: Until = None, source: Source = None
) -> DiversityOut:
    """Quotes and people quoted by gender, women's share, named and unnamed sources, top women and men."""
    return DiversityOut.model_validate(_report(store, by, since, until, source).to_dict())


@api.get(
    "/diversity.csv",
    response_class=Response,
    responses={**BAD, 200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"}},
)
def get_diversity_csv(
    store: StoreDep, by: ByParam = "", since: Since = None, until: Until = None, source: Source = None
) -> Response:
    """The same as a CSV download: one row per group, then the total."""
    body = _report(store, by, since, until, source).to_csv()
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="saidwhat-diversity.csv"'},
    )


# -- the page ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One bar pair of a chart: women and men quoted, as widths in percent of the widest."""

    label: str
    female: int
    male: int
    unknown: int
    share: float | None
    female_width: float
    male_width: float


def _rows(groups: list[dict[str, Any]], field: str, limit: int) -> list[Row]:
    counts = [(g[field], g["people"]) for g in groups][:limit]
    peak = max((p["female"] + p["male"] for _, p in counts), default=0) or 1
    return [
        Row(
            label=str(label),
            female=p["female"],
            male=p["male"],
            unknown=p["unknown"],
            share=round(100 * p["female"] / (p["female"] + p["male"]), 1)
            if p["female"] + p["male"]
            else None,
            female_width=round(100 * p["female"] / peak, 2),
            male_width=round(100 * p["male"] / peak, 2),
        )
        for label, p in counts
    ]


@pages.get("/diversity", name="diversity")
def diversity_page(
    request: Request,
    store: StoreDep,
    since: Annotated[str | None, Query(max_length=40)] = None,
    until: Annotated[str | None, Query(max_length=40)] = None,
    source: Annotated[str | None, Query(max_length=500)] = None,
) -> Response:
    since_read, until_read = form_date(since, "from"), form_date(until, "to")
    since_day, until_day = since_read.value, until_read.value
    problems = [p for p in (since_read.problem, until_read.problem) if p]
    chosen = blank_to_none(source)
    kwargs: dict[str, Any] = {"since": since_day, "until": until_day, "source": chosen}
    total = store.diversity(**kwargs)
    by_month = store.diversity(by=("month",), **kwargs)
    by_source = store.diversity(by=("source",), **kwargs)
    outlets = sorted(by_source.groups, key=lambda g: -(g["people"]["female"] + g["people"]["male"]))
    months = list(by_month.groups)
    context: dict[str, Any] = {
        "nav": "diversity",
        "form": {"since": since_day or "", "until": until_day or "", "source": chosen or ""},
        "problems": problems,
        "report": total,
        "months": _rows(months, "month", 36),
        "outlets": _rows(outlets, "source", 20),
        "sources": store.sources(),
        "genders": GENDER_LABELS,
        "csv_query": request.url.query,
    }
    return page(request, "diversity.html", context)
