"""Request body limit: a declared size over the limit is refused at once, an undeclared (chunked) body is
counted as it arrives and refused when it crosses the limit. Both answer 413 through the app's own error
handlers, so the client gets the same JSON (or HTML page) as for any other error.

FastAPI's built-in ``max_body_size`` replaces every response to an oversized declared body with a plain
text 413, which would break the API's error contract; hence this small middleware.
"""

from __future__ import annotations

import json

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"the request body is over the limit of {limit:,} bytes")


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, send)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counting_receive, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        """Answer before reading anything; the connection is closed since the body is left unread."""
        message = BodyTooLarge(self.max_bytes).detail
        if scope["path"].startswith("/api"):
            body = json.dumps(
                {"error": "too_large", "status": 413, "message": message, "details": []}
            ).encode()
            kind = b"application/json"
        else:
            body = f"<!doctype html><title>Too large</title><h1>Too large</h1><p>{message}</p>".encode()
            kind = b"text/html; charset=utf-8"
        headers = [
            (b"content-type", kind),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
