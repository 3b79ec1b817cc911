"""Host header check: a server on loopback answers only requests addressed to it by a name it knows.

Without it a web page on another site can reach the private server by DNS rebinding (its own name,
re-pointed to 127.0.0.1, with the browser none the wiser). ``saidwhat serve`` allows the bound address,
``localhost``, ``127.0.0.1`` and ``::1``, and what ``--allow-host`` adds (``*``: any). Any other Host, or
none, is answered 400 in the app's error shape (JSON under /api, a page elsewhere) before the app runs.

Starlette's ``TrustedHostMiddleware`` does the check but answers plain text "Invalid host header".
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def host_name(value: str) -> str:
    """The name in a Host header or option, without port, brackets or a final dot, lower-cased."""
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8000
        value = value[1 : value.find("]")] if "]" in value else value[1:]
    elif value.count(":") == 1:  # name:port (a bare IPv6 address has several colons)
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def allowed_hosts(bound: str, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The hosts ``saidwhat serve --host BOUND --allow-host ...`` answers to."""
    names = [host_name(bound), *LOOPBACK_NAMES, *(host_name(h) if h != "*" else "*" for h in extra)]
    return tuple(dict.fromkeys(n for n in names if n))


class HostCheck:
    """Refuse requests whose Host is not in ``allowed`` (``*`` in it allows any)."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(host_name(h) if h != "*" else "*" for h in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "*" in self.allowed:
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get("host")
        if given is not None and host_name(given) in self.allowed:
            await self.app(scope, receive, send)
            return
        await _refuse(scope, send, given)


async def _refuse(scope: Scope, send: Send, given: str | None) -> None:
    if given is None:
        message = "the request has no Host header"
    else:
        message = (
            f"this server does not answer to the host {given[:100]!r}; "
            "start it with saidwhat serve --allow-host NAME to allow it"
        )
    if scope["path"].startswith("/api") or scope["path"] == "/openapi.json":
        body = json.dumps({"error": "bad_host", "status": 400, "message": message, "details": []}).encode()
        kind = b"application/json"
    else:
        page = f"<!doctype html><title>Wrong host</title><h1>Wrong host</h1><p>{html.escape(message)}</p>"
        body = page.encode()
        kind = b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 400, "headers": headers})
    await send({"type": "http.response.body", "body": body})
