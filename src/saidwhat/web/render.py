"""Render a page template with the app's Jinja environment; also draws the HTML error page."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.responses import Response

from saidwhat.web.edit_token import page_token

TITLES = {
    400: "That input can't be read",
    403: "Not allowed to change this",
    404: "Not found",
    405: "Not allowed",
    413: "Too large",
    422: "Check the parameters",
    500: "Something went wrong",
    503: "Unavailable",
}


def page(request: Request, name: str, context: dict[str, Any] | None = None, status: int = 200) -> Response:
    """A server-rendered page; ``nav`` marks the current menu entry."""
    values: dict[str, Any] = {
        "nav": "",
        "has_store": request.app.state.store is not None,
        "edit_token": page_token(request),  # forms that correct appear only with it
    }
    values.update(context or {})
    return request.app.state.templates.TemplateResponse(request, name, values, status_code=status)


def error_page(request: Request, status: int, message: str, details: list[dict[str, Any]]) -> Response:
    return page(
        request,
        "error.html",
        {"status": status, "heading": TITLES.get(status, "Error"), "message": message, "details": details},
        status=status,
    )
