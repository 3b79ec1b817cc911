"""A URL list against a server that drips a page one byte at a time, or announces a gigabyte: each URL
has a total deadline and a size cap, so neither stalls the run, and the pages around them are stored.

The drip stops by itself after 30 s, so a regression fails instead of hanging; nothing is timed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from saidwhat.ingest.options import FetchOptions
from saidwhat.ingest.urls import read_urls
from saidwhat.model import Article, Failure

PAGE = b"""<html><head><title>Talks end</title></head><body><article><h1>Talks end without a deal</h1>
<p>The mayor said on Tuesday that the talks had ended. "Sometimes you have to walk away," the mayor told
reporters at a news conference in the city after a long night of meetings about the strike.</p>
</article></body></html>"""


class _Slow(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if self.path == "/drip":
            self.send_header("Content-Length", "150")
            self.end_headers()
            for _ in range(150):  # one byte every 0.2 s: each read is quick, the page takes 30 s
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.2)
        elif self.path == "/huge":
            self.send_header("Content-Length", str(1 << 30))
            self.end_headers()
            self.wfile.write(b"<html>" + b" " * 65536)
            time.sleep(30)
        else:
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_url_fetch_total_deadline_and_max_size(tmp_path: Path, site: str):
    (tmp_path / "list.urls").write_text(f"{site}/a\n{site}/drip\n{site}/huge\n{site}/b\n", encoding="utf-8")
    fetch = FetchOptions(timeout=10, deadline=1, retries=0, robots=False, concurrency=4)
    items = list(read_urls(str(tmp_path / "list.urls"), options=fetch, max_bytes=1_000_000))
    by_id = {i.article_id if isinstance(i, Failure) else i.id: i for i in items}
    assert isinstance(by_id[f"{site}/a"], Article) and isinstance(by_id[f"{site}/b"], Article)
    drip, huge = by_id[f"{site}/drip"], by_id[f"{site}/huge"]
    assert isinstance(drip, Failure) and "deadline" in drip.reason
    assert isinstance(huge, Failure) and "over the limit" in huge.reason
