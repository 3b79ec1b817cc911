"""The edit token of ``saidwhat serve --edit``: made at start, held by a browser in a cookie, and the one
a page's forms carry. Every page asks for it (``render``); only ``editing`` checks a write against it."""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request

TOKEN_HEADER = "x-saidwhat-token"
COOKIE = "saidwhat_edit"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def server_token(request: Request) -> str | None:
    """The token this server was started with, or None when it is read-only."""
    token: str | None = request.app.state.settings.edit_token
    return token


def page_token(request: Request) -> str | None:
    """The token for this page's forms: only for a browser that showed it (the cookie, or ``?token=``
    on the page that sets it), else None."""
    token = server_token(request)
    held = request.cookies.get(COOKIE) or request.query_params.get("token")
    return token if token and held and hmac.compare_digest(held.encode(), token.encode()) else None
