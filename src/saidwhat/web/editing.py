"""Corrections from the browser and the API, when ``saidwhat serve --edit`` turns them on.

A write must bring the token printed at start (header ``X-Saidwhat-Token`` or form field ``token``, as
Jupyter does), come from this server's own pages (``Sec-Fetch-Site``, ``Origin`` and ``Referer``: a page
elsewhere cannot post here) and be addressed to an allowed host (``web.hosts``). A
browser that opened ``/?token=...`` keeps the token in a same-site cookie so that the pages can put it
in their forms; the cookie alone never authorises a write. A read-only server (the default) answers 405
to every write. Every write is a ``Store`` correcting method, the same as ``saidwhat correct`` calls.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Literal, cast, get_args
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, Form, Query, Request
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response

from saidwhat.store import Store
from saidwhat.web.deps import MAX_ID, StoreDep
from saidwhat.web.edit_token import COOKIE, TOKEN_HEADER, server_token
from saidwhat.web.hosts import host_name
from saidwhat.web.render import page
from saidwhat.web.schemas import ErrorBody

Kind = Literal["speaker", "reject", "restore", "type", "add", "right", "merge", "undo"]
KINDS: tuple[str, ...] = get_args(Kind)

api = APIRouter(prefix="/api", tags=["corrections"])
pages = APIRouter(include_in_schema=False)


def _same_origin(request: Request) -> bool:
    """The request comes from this server's pages, or from a script (no browser headers at all).

    Browsers say where a request comes from in ``Sec-Fetch-Site`` (pages cannot forge it); under this
    app's ``Referrer-Policy: no-referrer`` their form posts carry ``Origin: null``, which counts as ours
    only when ``Sec-Fetch-Site`` says same-origin. An ``Origin`` or ``Referer`` naming another host or
    port is refused.
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    host = request.headers.get("host", "")
    for header in ("origin", "referer"):
        value = request.headers.get(header)
        if value is None:
            continue
        if value == "null":
            if site != "same-origin":
                return False
            continue
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or host_name(parts.netloc) != host_name(host):
            return False
        if parts.port != _port(host):
            return False
    return True


def _port(host: str) -> int | None:
    netloc = urlsplit(f"//{host}")
    try:
        return netloc.port
    except ValueError:
        return None


def guard(request: Request, form_token: str | None = None) -> None:
    """Refuse a write: 405 on a read-only server, 403 without the token or from another origin/host."""
    token = server_token(request)
    if token is None:
        raise HTTPException(405, "this server is read-only; start it with saidwhat serve --edit to correct")
    given = request.headers.get(TOKEN_HEADER) or form_token or ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(403, "a correction needs the token that saidwhat serve --edit printed")
    if not _same_origin(request):
        raise HTTPException(403, "corrections are accepted only from this server's own pages")
    allowed = request.app.state.settings.allowed_hosts
    if (
        allowed is not None
        and "*" not in allowed
        and host_name(request.headers.get("host", "")) not in allowed
    ):
        raise HTTPException(403, "this host may not write")


class CorrectionIn(BaseModel):
    """One correction: which fields are needed depends on ``kind`` (as ``saidwhat correct KIND``)."""

    kind: Kind
    quote_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    speaker: str | None = Field(default=None, max_length=200, description="a speaker id or a name")
    type: Literal["direct", "mixed", "indirect"] | None = None
    article_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    speaker_ids: list[int] | None = Field(default=None, description="merge: [kept, merged]")
    note: str = Field("", max_length=1000)


class CorrectionOut(BaseModel):
    message: str


def _missing(*names: str) -> HTTPException:
    return HTTPException(422, f"this correction needs {', '.join(names)}")


def apply(store: Store, c: CorrectionIn) -> str:
    """Run one correction through the store (a writer connection of its own; WAL: readers go on
    meanwhile); the sentence saying what changed."""
    note = c.note
    if c.kind == "undo":
        return store.undo(note=note)
    if c.kind == "merge":
        if not c.speaker_ids or len(c.speaker_ids) != 2:
            raise _missing("speaker_ids: [kept, merged]")
        return store.merge_speakers(c.speaker_ids[0], c.speaker_ids[1], note=note)
    if c.kind == "add":
        if c.article_id is None or c.start is None or c.end is None or not c.speaker:
            raise _missing("article_id", "start", "end", "speaker")
        return store.add_quote(c.article_id, c.start, c.end, c.speaker, quote_type=c.type, note=note)
    if c.quote_id is None:
        raise _missing("quote_id")
    if c.kind == "speaker":
        if not c.speaker:
            raise _missing("speaker")
        return store.correct_speaker(c.quote_id, c.speaker, note=note)
    if c.kind == "type":
        if c.type is None:
            raise _missing("type")
        return store.correct_type(c.quote_id, c.type, note=note)
    actions: dict[str, Callable[..., str]] = {
        "reject": store.reject,
        "restore": store.restore,
        "right": store.mark_right,
    }
    return actions[c.kind](c.quote_id, note=note)


def _writable(request: Request) -> Store:
    store: Store | None = request.app.state.store
    if store is None:
        raise HTTPException(503, "this server was started without a database")
    return store


def _write(request: Request, correction: CorrectionIn) -> str:
    return apply(_writable(request), correction)


WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "a correction that does not fit (offsets outside the article)"},
    403: {
        "model": ErrorBody,
        "description": "no token, a wrong one, or a request from another origin or host",
    },
    404: {"model": ErrorBody, "description": "no quote, article or speaker with this id"},
    405: {"model": ErrorBody, "description": "the server is read-only (started without --edit)"},
    422: {"model": ErrorBody, "description": "a field is missing, has the wrong type or is out of range"},
}


@api.post("/corrections", response_model=CorrectionOut, status_code=201, responses=WRITE_ERRORS)
def post_correction(request: Request, correction: CorrectionIn) -> CorrectionOut:
    """Record a correction (``saidwhat serve --edit`` only; send the token as ``X-Saidwhat-Token``)."""
    guard(request)
    return CorrectionOut(message=_write(request, correction))


@pages.post("/corrections")
def post_correction_form(
    request: Request,
    kind: Annotated[str, Form(max_length=20)],
    token: Annotated[str, Form(max_length=200)] = "",
    quote_id: Annotated[int | None, Form(ge=1, le=MAX_ID)] = None,
    article_id: Annotated[int | None, Form(ge=1, le=MAX_ID)] = None,
    words: Annotated[str, Form(max_length=20_000)] = "",
    speaker: Annotated[str, Form(max_length=200)] = "",
    note: Annotated[str, Form(max_length=1000)] = "",
    back: Annotated[str, Form(max_length=2000)] = "/check",
) -> Response:
    """The pages' forms: the same corrections, then back to the page the form was on."""
    guard(request, token)
    if kind not in KINDS:
        raise HTTPException(422, f"kind must be one of {', '.join(KINDS)}")
    if kind == "add":  # the article page gives the quote's words, not offsets
        if article_id is None or not speaker.strip():
            raise _missing("article_id", "words", "speaker")
        _writable(request).add_quote_words(article_id, words, speaker.strip(), note=note)
    else:
        chosen = cast(Kind, kind)
        correction = CorrectionIn(kind=chosen, quote_id=quote_id, speaker=speaker.strip() or None, note=note)
        _write(request, correction)
    target = back if back.startswith("/") and not back.startswith("//") else "/check"
    return RedirectResponse(target, status_code=303)


@pages.get("/check", name="check")
def check_page(
    request: Request,
    store: StoreDep,
    page_number: Annotated[int, Query(alias="page", ge=1, le=10_000)] = 1,
) -> Response:
    """Quotes to check, least certain first, each with right / wrong speaker / not a quote."""
    size = 20
    items, total = store.check_queue(limit=size, offset=(page_number - 1) * size)
    context: dict[str, Any] = {
        "nav": "check",
        "items": items,
        "total": total,
        "page": page_number,
        "size": size,
    }
    return page(request, "check.html", context)


def install(app: FastAPI) -> None:
    """The routers, and the cookie a browser gets by opening any page with ``?token=`` (edit mode only)."""
    app.include_router(api)
    app.include_router(pages)

    @app.middleware("http")
    async def _remember_token(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        token = server_token(request)
        given = request.query_params.get("token")
        if token and given and hmac.compare_digest(given.encode(), token.encode()):
            response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return response


__all__ = ["CorrectionIn", "apply", "guard", "install"]
