"""The store-backed JSON API: search quotes, list and show speakers, show an article, count everything.

Every handler is a thin shell over the app's ``Store``: validate the parameters, ask the store, and
return its rows (quotes keep a pydantic shape of their own: the API leaves out the search-only fields).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request

from saidwhat.errors import InputError
from saidwhat.web import explore
from saidwhat.web.deps import (
    DEFAULT_PAGE_SIZE,
    MAX_ID,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
    IsoDate,
    StoreDep,
    blank_to_none,
    page_count,
)
from saidwhat.web.schemas import ErrorBody
from saidwhat.web.schemas_store import (
    ArticleOut,
    ArticleQuote,
    Mark,
    QuotePage,
    SpeakerDetailOut,
    SpeakerList,
    StatsOut,
)

router = APIRouter(prefix="/api", tags=["store"])
Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number")]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="rows per page")]

BAD: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "parameters that contradict each other"},
    422: {"model": ErrorBody, "description": "a parameter has the wrong type or is out of range"},
}
MISSING: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no record with this id"},
    422: {"model": ErrorBody, "description": "the id is not a positive integer"},
}


@router.get("/quotes", response_model=QuotePage, responses={**BAD, **explore.DOWNLOAD})
def search_quotes(
    request: Request,
    store: StoreDep,
    q: Annotated[
        str | None, Query(max_length=MAX_QUERY_CHARS, description="full-text search in quote text")
    ] = None,
    speaker: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="a speaker's name")] = None,
    speaker_id: Annotated[int | None, Query(ge=1, le=MAX_ID, description="a speaker id")] = None,
    since: Annotated[IsoDate | None, Query(description="article date on or after (YYYY-MM-DD)")] = None,
    until: Annotated[IsoDate | None, Query(description="article date on or before (YYYY-MM-DD)")] = None,
    source: Annotated[str | None, Query(max_length=500, description="article source, exactly")] = None,
    type: Annotated[Literal["direct", "mixed", "indirect"] | None, Query(description="quote type")] = None,
    kind: Annotated[
        Literal["speech", "writing", "thought", "finding"] | None,
        Query(description="what sort of report: speech, writing, thought or finding"),
    ] = None,
    month: Annotated[
        str | None,
        Query(pattern=r"^(\d{4}-\d{2}|undated)$", description="article month (YYYY-MM), or undated"),
    ] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0, le=1, description="only quotes at least this confident")
    ] = None,
    sort: Annotated[
        Literal["relevance", "date", "oldest", "confidence"] | None,
        Query(
            description="relevance (the default when searching words), date (newest), oldest or confidence"
        ),
    ] = None,
    page: Page = 1,
    page_size: PageSize = DEFAULT_PAGE_SIZE,
    format: Annotated[Literal["csv", "json"] | None, Query(description=explore.FORMAT_HELP)] = None,
) -> Any:
    """Quotes matching every filter given: best text match first when searching, else newest first.

    ``q`` takes words (stemmed: strike finds strikes), "quoted phrases", ``a OR b`` and ``prefix*``."""
    if since and until and since > until:
        raise InputError(f"'since' ({since}) is after 'until' ({until})")
    filters: dict[str, Any] = {
        "text": blank_to_none(q),
        "speaker": blank_to_none(speaker),
        "speaker_id": speaker_id,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "month": month,
        "source": blank_to_none(source),
        "type": type,
        "kind": kind,
        "min_confidence": min_confidence,
    }
    if format is not None:
        return explore.quote_download(store, filters, sort, format)
    result = store.search(**filters, sort=sort, limit=page_size, offset=(page - 1) * page_size)
    return QuotePage(
        items=result.items,
        total=result.total,
        page=page,
        page_size=page_size,
        pages=page_count(result.total, page_size),
    )


@router.get("/speakers", response_model=SpeakerList, responses={**BAD, **explore.DOWNLOAD})
def list_speakers(
    request: Request,
    store: StoreDep,
    name: Annotated[
        str | None, Query(max_length=MAX_QUERY_CHARS, description="only speakers with this name")
    ] = None,
    descriptions: Annotated[bool, Query(description="include unnamed sources such as 'officials'")] = False,
    gender: Annotated[
        Literal["female", "male", "unknown"] | None,
        Query(description="female, male, or unknown (people whose gender is not known)"),
    ] = None,
    page: Page = 1,
    page_size: PageSize = 50,
    format: Annotated[Literal["csv", "json"] | None, Query(description=explore.FORMAT_HELP)] = None,
) -> Any:
    """Speakers, most quoted first, with their gender, what decided it and whether a reader corrected it."""
    if format is not None:
        return explore.speaker_download(store, blank_to_none(name), descriptions, format, gender=gender)
    rows = store.speakers(
        name=blank_to_none(name),
        limit=page_size + 1,
        offset=(page - 1) * page_size,
        include_descriptions=descriptions,
        gender=gender,
    )
    return SpeakerList(items=rows[:page_size], page=page, page_size=page_size, has_more=len(rows) > page_size)


@router.get("/speakers/{speaker_id}", response_model=SpeakerDetailOut, responses=MISSING)
def get_speaker(store: StoreDep, speaker_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> SpeakerDetailOut:
    """One speaker: gender and the evidence for it, names and titles seen, and quotes per day."""
    detail = store.speaker(speaker_id)
    gender = store.speaker_gender(detail.id)
    return SpeakerDetailOut.model_validate(
        {
            "id": detail.id,
            "name": detail.name,
            "kind": detail.kind,
            "quotes": detail.quotes,
            "articles": detail.articles,
            "gender": gender.call.gender,
            "gender_evidence": gender.call.evidence,
            "gender_corrected": gender.call.corrected,
            "gender_found": {"gender": gender.found.gender, "evidence": gender.found.evidence},
            "gender_counts": [{"evidence": k, "female": f, "male": m} for k, (f, m) in gender.counts.items()],
            "aliases": [{"name": a, "count": n} for a, n in detail.aliases],
            "titles": [{"name": t, "count": n} for t, n in detail.titles],
            "per_day": [{"date": d, "quotes": n} for d, n in detail.per_day],
        }
    )


@router.get("/articles/{article_id}", response_model=ArticleOut, responses=MISSING)
def get_article(store: StoreDep, article_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> ArticleOut:
    """One article's text with every quote's spans, speaker mention and cue as offsets into it."""
    article = store.article(article_id)
    marks = store.quote_marks(article_id)
    quotes = []
    for hit in article.quotes:
        mark = marks.get(hit.id)
        mention = mark.mention if mark else None
        cue = mark.cue if mark else None
        quotes.append(
            ArticleQuote(
                **{f.name: getattr(hit, f.name) for f in fields(hit)},  # shallow: asdict deep-copies
                mention_span=Mark(hit.mention, *mention) if mention else None,
                cue_span=Mark(hit.cue, *cue) if cue else None,
            )
        )
    fields_ = {f.name: getattr(article, f.name) for f in fields(article) if f.name != "quotes"}
    return ArticleOut(**fields_, quotes=quotes)


@router.get("/stats", response_model=StatsOut)
def get_stats(store: StoreDep) -> StatsOut:
    """What the store holds, quotes per day and the ten most-quoted speakers."""
    counts = store.stats()
    return StatsOut.model_validate(
        {
            **counts.to_dict(),
            "per_day": [{"date": d, "quotes": n} for d, n in store.quotes_per_day()],
            "top_speakers": store.speakers(limit=10),
        }
    )
