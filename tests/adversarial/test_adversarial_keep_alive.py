"""Kept-alive connections that pause between requests are not slow clients: with more of them from one
address than the limit of connections waiting for headers, every request on each is answered.

A real uvicorn server with saidwhat's protocol; raw sockets, so each connection is known to be the same
one from its first request to its second. Nothing is timed.
"""

from __future__ import annotations

import socket

from live_server import live_server

from saidwhat.web import WebSettings

REQUEST = b"GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


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
    with live_server(settings, timeout_keep_alive=60) as port:
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
    with (
        live_server(settings, timeout_keep_alive=60) as port,
        socket.create_connection(("127.0.0.1", port)) as sock,
    ):
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
    with live_server(settings, timeout_keep_alive=60) as port:
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
