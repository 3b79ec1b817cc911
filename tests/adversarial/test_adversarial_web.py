"""Hostile web traffic against a real uvicorn server with saidwhat's protocol: stalled connections, a flood
of quotation marks, clients that leave, and every refusal in the JSON error shape.

No test measures wall time: limits are made tiny and the tests wait for the event itself.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from saidwhat.errors import TooSlowError
from saidwhat.web import WebSettings, create_app
from saidwhat.web.protocol import ConcurrencyLimit, guarded_protocol


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _server(settings: WebSettings) -> Iterator[tuple[str, int]]:
    app = create_app(None, settings=settings)
    app.state.live.warm_up()
    port = _free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", http=guarded_protocol(settings)
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield "127.0.0.1", port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _read_until_closed(sock: socket.socket) -> bytes:
    sock.settimeout(60)
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def _json_body(raw: bytes) -> dict:
    return json.loads(raw.split(b"\r\n\r\n", 1)[1])


def test_stalled_connections_never_keep_a_prompt_client_out():
    settings = WebSettings(header_timeout=600, max_idle_per_client=8)
    with _server(settings) as (host, port):
        stalled = []
        for _ in range(60):  # more than the stock limit of uvicorn's limit_concurrency=50 here
            sock = socket.create_connection((host, port))
            sock.sendall(b"GET /api HTTP/1.1\r\nHost: x\r\n")  # headers never finished
            stalled.append(sock)
        try:
            response = httpx.post(f"http://{host}:{port}/api/extract", json={"text": '"Hi," she said.'})
            assert response.status_code == 200
            # the oldest stalled connection was closed (a JSON 408, or a reset when the server closed
            # it before reading what it had sent) to make room
            try:
                first = _read_until_closed(stalled[0])
            except ConnectionResetError:
                first = b""
            assert first == b"" or first.startswith(b"HTTP/1.1 408")
        finally:
            for sock in stalled:
                sock.close()


def test_a_connection_that_sends_nothing_is_closed_with_json_408():
    with _server(WebSettings(header_timeout=0.2)) as (host, port):
        with socket.create_connection((host, port)) as sock:
            raw = _read_until_closed(sock)
        assert raw.startswith(b"HTTP/1.1 408")
        assert _json_body(raw) == {
            "error": "timeout",
            "status": 408,
            "message": "the request was not sent in time; the connection is closed",
            "details": [],
        }


def test_a_body_that_never_arrives_closes_the_connection():
    with (
        _server(WebSettings(body_timeout=0.2)) as (host, port),
        socket.create_connection((host, port)) as sock,
    ):
        sock.sendall(
            b"POST /api/extract HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
            b"content-length: 1000\r\n\r\n{"
        )
        _read_until_closed(sock)  # returns once the server has closed it


def test_too_many_connections_get_json_503():
    with _server(WebSettings(max_connections=3)) as (host, port):
        held = [socket.create_connection((host, port)) for _ in range(3)]
        try:
            with socket.create_connection((host, port)) as extra:
                raw = _read_until_closed(extra)
            assert raw.startswith(b"HTTP/1.1 503")
            assert _json_body(raw)["error"] == "unavailable"
        finally:
            for sock in held:
                sock.close()


def test_too_many_requests_at_once_get_json_503():
    async def app(scope, receive, send):  # pragma: no cover - never reached
        raise AssertionError

    limited = ConcurrencyLimit(app, max_requests=0)
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    asyncio.run(limited({"type": "http", "path": "/api/quotes"}, None, send))
    assert sent[0]["status"] == 503
    assert json.loads(sent[1]["body"])["error"] == "unavailable"


def test_a_flood_of_quotation_marks_is_answered_and_others_are_too():
    with _server(WebSettings()) as (host, port):
        base = f"http://{host}:{port}"
        flood = httpx.post(f"{base}/api/extract", json={"text": "“" * 37_000}, timeout=120)
        assert flood.status_code == 200
        assert httpx.get(f"{base}/openapi.json").status_code == 200


def test_past_the_budget_live_extraction_is_a_json_422():
    app = create_app(None, settings=WebSettings(extract_time_budget=0))
    with TestClient(app) as client:
        response = client.post("/api/extract", json={"text": '"Hi," she said.'})
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "took_too_long" and body["message"].startswith("took too long")


def test_live_extraction_stops_when_the_client_goes(extractor):
    app = create_app(None)
    live = app.state.live
    live._all[0]._nlp = extractor.nlp
    release = threading.Event()
    live._thread.submit(release.wait)  # the extraction thread is busy with something else
    asks = 0

    async def disconnected() -> bool:
        nonlocal asks
        asks += 1
        if asks == 2:  # the request has been marked gone on the first ask
            release.set()
        return True

    async def go():
        return await live.run_async(article_id="x", text='"Hi," she said.', disconnected=disconnected)

    with pytest.raises(TooSlowError, match="cancelled"):
        asyncio.run(go())
