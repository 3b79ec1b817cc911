"""A real uvicorn server with saidwhat's guarded protocol, in a thread of the test process, on a free port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from saidwhat.web import WebSettings, create_app
from saidwhat.web.protocol import guarded_protocol


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def live_server(settings: WebSettings, **config: Any) -> Iterator[int]:
    """Serve a store-less app with ``settings`` (uvicorn ``config`` beside) until the block ends; yields the port."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(None, settings=settings),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            http=guarded_protocol(settings),
            **config,
        )
    )
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
