"""uvicorn's HTTP/1.1 protocol with the limits a public-facing server needs against slow clients.

Stock uvicorn closes nothing that never finishes its request: a connection that sends half a request
line, or nothing, stays open for ever, and ``limit_concurrency`` counts those, so 200 of them made every
other request a plain-text 503. Here:

* a connection has ``header_timeout`` seconds to send a request's line and headers (the first one from
  when it opens; each next one on a kept-alive connection from its first byte), then gets a JSON 408 and
  is closed. A kept-alive connection idle between requests is no slow client: uvicorn's keep-alive
  timeout closes it quietly, and it counts against no per-client limit;
* a request has ``body_timeout`` seconds to send its body, then gets a JSON 408 (if no answer has
  begun) and the connection is closed; the app sees the client as gone;
* one client address may have ``max_idle_per_client`` connections waiting for headers; past that, the
  one that has waited longest is closed once it has waited ``stalled_after`` seconds, so stalled
  connections can never keep a prompt client out, and a burst of new ones (50 clients starting at
  once, none of which has had a moment to send its request) is no reason to refuse any of them;
* past ``max_connections`` connections in all, a new one is answered a JSON 503 and closed;
* requests past ``max_requests`` at once are answered 503 by the app (``ConcurrencyLimit``), in the
  same JSON error shape as every other error.
"""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from typing import Any, ClassVar

import h11
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from saidwhat.web.settings import WebSettings


def raw_json_response(status: int, reason: str, code: str, message: str) -> bytes:
    """A complete HTTP/1.1 response in the API's error shape, written before any request is parsed."""
    body = json.dumps({"error": code, "status": status, "message": message, "details": []}).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    ).encode()
    return head + body


_TIMEOUT = raw_json_response(
    408, "Request Timeout", "timeout", "the request was not sent in time; the connection is closed"
)
_FULL = raw_json_response(
    503, "Service Unavailable", "unavailable", "the server has too many connections; try again shortly"
)


class GuardedH11Protocol(H11Protocol):
    """See the module doc; the limits are class attributes set by ``guarded_protocol``."""

    header_timeout: ClassVar[float] = 10.0
    body_timeout: ClassVar[float] = 30.0
    max_idle_per_client: ClassVar[int] = 32
    stalled_after: ClassVar[float] = (
        1.0  # seconds a waiting connection must have waited to be closed for room
    )
    max_connections: ClassVar[int] = 1_000
    # Connections of each client address still waiting for request headers, oldest first, with the
    # loop time each began to wait.
    _idle: ClassVar[dict[str, OrderedDict[GuardedH11Protocol, float]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            transport.write(_FULL)
            transport.close()
            return
        self._wait_for_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        self._cancel_body_timer()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        cycle = self.cycle
        super().handle_events()
        if self.cycle is not cycle and self.cycle is not None:  # a request's headers are in
            self._stop_waiting()
            if self.cycle.more_body and self.conn.their_state is h11.SEND_BODY:
                self._cancel_body_timer()
                self._body_timer = self.loop.call_later(self.body_timeout, self._body_too_slow)
        if self._body_timer is not None and self.conn.their_state is not h11.SEND_BODY:
            self._cancel_body_timer()

    def data_received(self, data: bytes) -> None:
        if self._header_timer is None and self._between_requests():
            self._wait_for_headers()  # the next request on this kept-alive connection has begun
        super().data_received(data)

    def _between_requests(self) -> bool:
        """Kept alive after a complete request and response, with no next request under way."""
        cycle = self.cycle
        return cycle is not None and cycle.response_complete and self.conn.their_state is h11.IDLE

    # -- waiting for headers

    def _client_key(self) -> str:
        return self.client[0] if self.client else "?"

    def _wait_for_headers(self) -> None:
        if self._header_timer is not None:
            return
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)
        key = self._client_key()
        self._idle.setdefault(key, OrderedDict())[self] = self.loop.time()
        self._make_room(key)

    def _make_room(self, key: str) -> None:
        """Close the longest-waiting connections of ``key`` past the limit that have waited long enough
        to count as stalled; if the oldest is still young, look again when it has waited that long."""
        waiting = self._idle.get(key)
        while waiting and len(waiting) > self.max_idle_per_client:
            oldest, since = next(iter(waiting.items()))
            waited = self.loop.time() - since
            if waited < self.stalled_after:
                self.loop.call_later(self.stalled_after - waited, self._make_room, key)
                return
            oldest._close_with(_TIMEOUT)

    def _stop_waiting(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None
        key = self._client_key()
        waiting = self._idle.get(key)
        if waiting is not None:
            waiting.pop(self, None)
            if not waiting:
                del self._idle[key]

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        self._close_with(_TIMEOUT)

    def _close_with(self, response: bytes) -> None:
        self._stop_waiting()
        if not self.transport.is_closing():
            if self.conn.our_state is h11.IDLE:  # no response of ours is under way
                self.transport.write(response)
            self.transport.close()

    # -- waiting for the body

    def _cancel_body_timer(self) -> None:
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None

    def _body_too_slow(self) -> None:
        self._body_timer = None
        if self.conn.their_state is not h11.SEND_BODY or self.transport.is_closing():
            return
        cycle = self.cycle
        if cycle is not None and not cycle.response_started:
            cycle.disconnected = True  # the app's own answer, if it ever comes, goes nowhere
            cycle.message_event.set()
            self.transport.write(_TIMEOUT)
        self.transport.close()


def guarded_protocol(settings: WebSettings) -> type[GuardedH11Protocol]:
    """The protocol class for uvicorn's ``http=`` with ``settings``' limits."""
    return type(
        "SaidwhatH11Protocol",
        (GuardedH11Protocol,),
        {
            "header_timeout": settings.header_timeout,
            "body_timeout": settings.body_timeout,
            "max_idle_per_client": settings.max_idle_per_client,
            "stalled_after": min(settings.stalled_after, settings.header_timeout),
            "max_connections": settings.max_connections,
            "_idle": {},
        },
    )


class ConcurrencyLimit:
    """At most ``max_requests`` HTTP requests in the app at once; the rest get a JSON (or HTML) 503."""

    def __init__(self, app: ASGIApp, max_requests: int) -> None:
        self.app = app
        self.max_requests = max_requests
        self.active = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.active >= self.max_requests:
            await _busy(scope, send)
            return
        self.active += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.active -= 1


async def _busy(scope: Scope, send: Send) -> None:
    message = "the server is answering too many requests; try again shortly"
    if scope["path"].startswith("/api") or scope["path"] == "/openapi.json":
        body = json.dumps({"error": "unavailable", "status": 503, "message": message, "details": []})
        kind = b"application/json"
    else:
        body = f"<!doctype html><title>Busy</title><h1>Busy</h1><p>{message}</p>"
        kind = b"text/html; charset=utf-8"
    data = body.encode()
    headers = [(b"content-type", kind), (b"content-length", str(len(data)).encode()), (b"retry-after", b"5")]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": data})
