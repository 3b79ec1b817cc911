"""Kept-alive connections that pause between requests are not slow clients: with more of them from one
address than the limit of connections waiting for headers, every request on each is answered.

A real uvicorn server with saidwhat's protocol; raw sockets, so each connection is known to be the same
one from its first request to its second. Nothing is timed.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from saidwhat.web import WebSettings, create_app
from saidwhat.web.protocol import guarded_protocol

REQUEST = b"GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


@contextmanager
def _server(settings: WebSettings) -> Iterator[int]:
    app = create_app(None, settings=settings)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        http=guarded_protocol(settings),
        timeout_keep_alive=60,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _answer(sock: socket.socket) -> int:
    """The status of one whole response (read by its content-length); 0 if the server closed instead."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return 0
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    length = next(
        int(v)
        for k, _, v in (line.partition(b":") for line in head.split(b"\r\n"))
        if k.lower() == b"content-length"
    )
    while len(body) < length:
        body += sock.recv(65536)
    return int(head.split(b" ", 2)[1])


def test_keep_alive_clients_pausing_between_requests_are_not_slow_clients():
    settings = WebSettings(max_idle_per_client=2)
    with _server(settings) as port:
        clients: list[socket.socket] = []
        try:
            first = []
            for _ in range(6):  # one request each, then each waits, kept alive, while the others ask
                sock = socket.create_connection(("127.0.0.1", port))
                sock.settimeout(60)
                clients.append(sock)
                sock.sendall(REQUEST)
                first.append(_answer(sock))
            second = []
            for sock in clients:
                sock.sendall(REQUEST)
                second.append(_answer(sock))
        finally:
            for sock in clients:
                sock.close()
    assert first == [200] * 6
    assert second == [200] * 6  # before: the kept-alive connections past 2 were closed with a 408


def test_keep_alive_stalled_next_request_still_gets_408():
    settings = WebSettings(header_timeout=0.5)
    with _server(settings) as port, socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(60)
        sock.sendall(REQUEST)
        assert _answer(sock) == 200
        sock.sendall(b"GET /openapi.json HTTP/1.1\r\nHo")  # the next request, stalled in its headers
        rest = b""
        while chunk := sock.recv(65536):
            rest += chunk
    assert rest.startswith(b"HTTP/1.1 408 ")


def test_keep_alive_a_burst_of_new_clients_is_not_stalled():
    settings = WebSettings(max_idle_per_client=2, stalled_after=60, header_timeout=120)
    with _server(settings) as port:
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(6)]  # all connect first
        try:
            for sock in clients:
                sock.settimeout(60)
                sock.sendall(REQUEST)
            answers = [_answer(sock) for sock in clients]
        finally:
            for sock in clients:
                sock.close()
    assert answers == [200] * 6  # before: the four oldest were closed with a 408 as the others came
