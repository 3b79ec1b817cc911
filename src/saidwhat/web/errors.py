"""One place that turns every failure into a clear answer: JSON under /api, an HTML page elsewhere.

saidwhat's own errors carry their HTTP status (see ``saidwhat.errors``); validation failures become 422
with the offending parameters listed; anything unexpected becomes a 500 that reveals no internals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from saidwhat.errors import SaidwhatError

log = logging.getLogger(__name__)

CODES = {
    400: "bad_input",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid_parameters",
    500: "internal_error",
    503: "unavailable",
}

PageRenderer = Callable[[Request, int, str, list[dict[str, Any]]], Response]


def wants_json(request: Request) -> bool:
    """API paths answer JSON; page paths answer HTML."""
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json"


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    details = []
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        details.append(
            {
                "parameter": ".".join(loc[1:]) or ".".join(loc),
                "in": loc[0] if loc else "",
                "message": error.get("msg", ""),
            }
        )
    return details


# Starlette's stock details ("Not Found") say less than these sentences; our own details are kept.
_STOCK_DETAILS = {"", "Not Found", "Method Not Allowed", "Content Too Large"}


def _http_message(request: Request, exc: StarletteHTTPException) -> str:
    if exc.detail and exc.detail not in _STOCK_DETAILS:
        return str(exc.detail)
    return {
        404: "no such page or record",
        405: f"method {request.method} is not allowed here",
        413: "the request body is too large",
    }.get(exc.status_code, str(exc.detail or "error"))


def install(app: FastAPI, render_page: PageRenderer) -> None:
    """Register the handlers on ``app``; ``render_page`` draws the HTML error page."""

    def answer(
        request: Request,
        status: int,
        message: str,
        details: list[dict[str, Any]] | None = None,
        code: str | None = None,
    ) -> Response:
        details = details or []
        if wants_json(request):
            body = {
                "error": code or CODES.get(status, "error"),
                "status": status,
                "message": message,
                "details": details,
            }
            return JSONResponse(body, status_code=status)
        return render_page(request, status, message, details)

    @app.exception_handler(SaidwhatError)
    async def _saidwhat_error(request: Request, exc: SaidwhatError) -> Response:
        if exc.status == 500:  # a broken store or model: log it, reveal nothing
            log.exception("saidwhat error on %s", request.url.path, exc_info=exc)
            return answer(request, 500, "the server could not answer this request")
        return answer(request, exc.status, str(exc), code=getattr(exc, "code", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = _validation_details(exc)
        names = ", ".join(sorted({d["parameter"] for d in details if d["parameter"]})) or "the request"
        return answer(request, 422, f"invalid value for {names}", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        response = answer(request, exc.status_code, _http_message(request, exc))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path, exc_info=exc)
        return answer(request, 500, "the server could not answer this request")
