"""Each input format read into Articles, and bad input turned into Failures with a reason."""

from __future__ import annotations

import gzip
import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from saidwhat.formats import record_id
from saidwhat.ingest.options import FetchOptions, FieldMap, IngestOptions
from saidwhat.ingest.reading import read_inputs
from saidwhat.model import Article, Failure

PAGE = """<html><head><title>Talks end</title><meta name="author" content="Nadia Cole">
<meta property="article:published_time" content="2024-05-14"></head><body>
<nav>Home | World | Sport | Subscribe</nav><article><h1>Talks end without a deal</h1>
<p>The mayor said on Tuesday that the talks had ended. "Sometimes you have to walk away," the mayor told
reporters at a news conference in the city after a long night of meetings.</p>
<figure><img src="x.jpg"><figcaption>CAPTION The mayor at the talks. Photo: Courier</figcaption></figure>
<p>Union leaders said they would meet again next week to decide what to do about the offer on the table.</p>
</article><footer>Copyright BOILERPLATE 2024</footer></body></html>"""


def read(*targets: str | Path, **options) -> list[Article | Failure]:
    return list(read_inputs([str(t) for t in targets], IngestOptions(**options)))


def test_ingest_text_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("“We will win,” she said.", encoding="utf-8")
    [article] = read(tmp_path / "a.txt")
    assert isinstance(article, Article) and article.text == "“We will win,” she said."
    assert article.id == "a"  # a file named directly: its stem (formats.file_id)


def test_ingest_file_ids_are_paths_under_the_directory_given(tmp_path: Path) -> None:
    for sub in ("2024", "2025"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "a.txt").write_text(f"Budget talks resume\n\nThe minister said so in {sub}.")
    articles = read(tmp_path)
    assert [(a.id, a.title, a.source) for a in articles] == [
        ("2024/a", "Budget talks resume", None),
        ("2025/a", "Budget talks resume", None),
    ]


def test_ingest_html_keeps_main_text_and_metadata(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(PAGE, encoding="utf-8")
    [article] = read(tmp_path / "p.html")
    assert isinstance(article, Article)
    assert "Sometimes you have to walk away" in article.text
    assert (
        "CAPTION" not in article.text
        and "BOILERPLATE" not in article.text
        and "Subscribe" not in article.text
    )
    assert (article.title, article.date, article.byline) == (
        "Talks end without a deal",
        "2024-05-14",
        "Nadia Cole",
    )


def test_ingest_jsonl_with_field_names_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"doc": "d1", "body": "He said yes.", "headline": "H", "when": "2024-01-01", "site": "S"}),
        "",
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"doc": "d2", "headline": "no body"}),
        json.dumps({"body": "No id here."}),
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    fields = FieldMap(text="body", id="doc", title="headline", date="when", source="site")
    items = read(tmp_path / "a.jsonl", fields=fields)
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [(a.id, a.title, a.date, a.source) for a in articles] == [
        ("d1", "H", "2024-01-01", "S"),
        (record_id("a.jsonl", "No id here."), None, None, None),  # a file path is never a source
    ]
    assert [f.article_id.rsplit(":", 1)[-1] for f in failures] == ["3", "4", "d2"]
    assert "malformed JSON" in failures[0].reason and "not an object" in failures[1].reason
    assert "no text in field 'body'" in failures[2].reason


def test_ingest_jsonl_huge_line_is_a_failure_and_reading_goes_on(tmp_path: Path) -> None:
    big = json.dumps({"id": "big", "text": "x" * 5000})
    small = json.dumps({"id": "small", "text": "She said so."})
    (tmp_path / "a.jsonl").write_text(big + "\n" + small + "\n", encoding="utf-8")
    items = read(tmp_path / "a.jsonl", max_bytes=1000)
    assert isinstance(items[0], Failure) and "over the limit" in items[0].reason
    assert isinstance(items[1], Article) and items[1].id == "small"


def test_ingest_csv_with_quoted_newlines_and_cp1252(tmp_path: Path) -> None:
    data = 'id,text,title\nc1,"Line one.\nLine two, said Zoë.",T1\nc2,,T2\n'.encode("cp1252")
    (tmp_path / "a.csv").write_bytes(data)
    items = read(tmp_path / "a.csv")
    assert isinstance(items[0], Article) and items[0].text == "Line one.\nLine two, said Zoë."
    assert isinstance(items[1], Failure) and items[1].article_id == "c2"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("binary.txt", b"\x00\x01\x02PNG\x00" * 50, "binary"),
        ("empty.txt", b"", None),
        ("huge.txt", b"word " * 400, "over the limit"),
        ("unknown.xyz", b"text", "unknown file type"),
    ],
)
def test_ingest_bad_files_are_failures(tmp_path: Path, name: str, data: bytes, reason: str | None) -> None:
    (tmp_path / name).write_bytes(data)
    items = read(tmp_path / name, max_bytes=1000)
    if reason is None:  # an empty file reads as an empty article: the extractor records why it is not one
        assert isinstance(items[0], Article) and items[0].text == ""
    else:
        assert isinstance(items[0], Failure) and reason in items[0].reason


def test_ingest_non_utf8_text_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_bytes("“Déjà vu,” he said.".encode("cp1252"))
    [article] = read(tmp_path / "old.txt")
    assert isinstance(article, Article) and article.text == "“Déjà vu,” he said."


def _warc(path: Path, compress: bool) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=compress)
        for uri, ctype, body in [
            ("http://news.test/story", "text/html; charset=utf-8", PAGE.encode()),
            ("http://news.test/logo.png", "image/png", b"\x89PNG\x00\x00"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_ingest_warc_html_responses_only(tmp_path: Path, name: str) -> None:
    _warc(tmp_path / name, compress=name.endswith(".gz"))
    [article] = read(tmp_path / name)
    assert isinstance(article, Article) and article.id == "http://news.test/story"
    assert "Sometimes you have to walk away" in article.text


def test_ingest_broken_warc_is_one_failure(tmp_path: Path) -> None:
    (tmp_path / "bad.warc.gz").write_bytes(gzip.compress(b"this is not a warc file\r\n\r\n"))
    items = read(tmp_path / "bad.warc.gz")
    assert len(items) == 1 and isinstance(items[0], Failure) and "WARC" in items[0].reason


def test_ingest_directory_walk_and_glob(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B said.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A said.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    assert [i.text for i in read(tmp_path)] == ["A said.", "B said."]
    assert [i.text for i in read(f"{tmp_path}/**/*.txt")] == ["A said.", "B said."]


class _Site(BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}
    agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Site.hits[self.path] = _Site.hits.get(self.path, 0) + 1
        _Site.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/robots.txt":
            self._send(200, "text/plain", b"User-agent: *\nDisallow: /private\n")
        elif self.path in ("/story", "/private/story"):
            self._send(200, "text/html; charset=utf-8", PAGE.encode())
        elif self.path == "/flaky":
            if _Site.hits[self.path] == 1:
                self._send(503, "text/plain", b"busy")
            else:
                self._send(200, "text/html", PAGE.replace("Talks end", "Flaky talks").encode())
        elif self.path == "/report.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4")
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Site.hits, _Site.agents = {}, []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_ingest_url_list_fetched_politely(tmp_path: Path, site: str) -> None:
    urls = ["/story", "/missing", "/flaky", "/report.pdf", "/private/story"]
    (tmp_path / "list.txt").write_text(
        "# news\n" + "\n".join(site + u for u in urls) + "\n", encoding="utf-8"
    )
    fetch = FetchOptions(backoff=0.01, timeout=5)
    items = {
        i.article_id if isinstance(i, Failure) else i.id: i for i in read(tmp_path / "list.txt", fetch=fetch)
    }
    assert isinstance(items[site + "/story"], Article)
    assert "Sometimes you have to walk away" in items[site + "/story"].text
    assert isinstance(items[site + "/flaky"], Article) and _Site.hits["/flaky"] == 2  # retried after a 503
    assert items[site + "/missing"].reason == "HTTP 404"
    assert "not an HTML page" in items[site + "/report.pdf"].reason
    assert items[site + "/private/story"].reason == "disallowed by robots.txt"
    assert "/private/story" not in _Site.hits and _Site.hits["/robots.txt"] == 1
    assert all(agent.startswith("saidwhat/") for agent in _Site.agents)


def test_ingest_url_list_skips_known_urls(tmp_path: Path, site: str) -> None:
    (tmp_path / "list.urls").write_text(f"{site}/story\n{site}/missing\n", encoding="utf-8")
    items = list(
        read_inputs([str(tmp_path / "list.urls")], IngestOptions(), known=lambda u: u.endswith("/story"))
    )
    assert [i.article_id for i in items if isinstance(i, Failure)] == [f"{site}/missing"]
    assert "/story" not in _Site.hits
