"""Support for the web tests (no tests here): hand-written fixture articles, a store built from them with
the real extractor and the store's own writer, and a real uvicorn server on a free loopback port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from saidwhat import Article, Extractor
from saidwhat.store import connect
from saidwhat.store.writer import StoreWriter
from saidwhat.web import create_app

ROOT_DIR = Path(__file__).resolve().parent.parent

HOLLOWAY_1 = (
    "Mayor Jane Holloway opened the new harbour bridge on Monday after three years of building work.\n\n"
    '"This bridge joins two towns that have waited far too long," Holloway said at the ceremony.\n\n'
    "Councillor Tom Baker said the project had run over budget by four million pounds. "
    '"We will keep asking where the money went," Baker told reporters.\n\n'
    "Holloway added that tolls would be dropped within a year."
)
HOLLOWAY_2 = (
    "Mayor Jane Holloway defended the harbour budget on Thursday.\n\n"
    '"Every pound was spent in the open, and the accounts are public," Holloway said.\n\n'
    "The mayor said an audit would be published in the spring."
)
HOSTILE = (
    'Protesters carried signs reading <script>alert("pwned")</script> outside the town hall on Tuesday.\n\n'
    '"Put <b onmouseover="alert(1)">this</b> in your paper and see what happens," said Sara Lind, '
    "a spokeswoman for the residents' group.\n\n"
    'Lind said the group would meet again next week & would bring "more <img src=x onerror=alert(2)> signs".'
)
UNDATED = (
    "Fire chief Omar Haddad warned residents about dry weather.\n\n"
    '"Please do not light barbecues in the park this weekend," Haddad said.'
)

ARTICLES = [
    Article(
        id="bridge-opens",
        text=HOLLOWAY_1,
        title="Harbour bridge opens",
        date="2024-03-04",
        source="Riverside Gazette",
    ),
    Article(
        id="budget",
        text=HOLLOWAY_2,
        title="Mayor defends bridge budget",
        date="2024-03-07",
        source="Riverside Gazette",
    ),
    Article(
        id="protest",
        text=HOSTILE,
        title='Protest at <i>town hall</i> "signs"',
        date="2024-03-05",
        source="Evening Post",
    ),
    Article(id="fire", text=UNDATED, title="Fire warning", source="Evening Post"),
]


def build_store(path: Path, extractor: Extractor) -> Path:
    """A store holding the fixture articles, written by the store's own writer."""
    conn = connect(path)
    writer = StoreWriter(conn)
    for article in ARTICLES:
        writer.write(extractor.extract(article))
    conn.close()
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(db: Path) -> Iterator[str]:
    """A real uvicorn server for the app over ``db`` on 127.0.0.1; yields its base URL."""
    app = create_app(db)
    app.state.live.warm_up()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


_STORES: dict[str, Path] = {}


def shared_store(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    """The fixture store, built once per test session whichever module asks first."""
    if "web" not in _STORES:
        _STORES["web"] = build_store(tmp_path_factory.mktemp("web") / "web.db", extractor)
    return _STORES["web"]
