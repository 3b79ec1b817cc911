"""Code in links and cells: only http(s) URLs become links, and no CSV cell runs as a formula.

Each CSV the project writes is read back with the csv module and every cell checked; the HTML is
parsed and every href checked, on the real app through TestClient over a store of hostile rows.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hostile_store import GOOD_URL, SCRIPT_URLS

from saidwhat.citation import web_url as web_link
from saidwhat.spreadsheet import FORMULA_STARTS
from saidwhat.store.diversity import diversity
from saidwhat.store.export import export
from saidwhat.web import create_app


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [value or "" for name, value in attrs if name in ("href", "src", "action")]


def _hrefs(html: str) -> list[str]:
    parser = _Hrefs()
    parser.feed(html)
    return parser.hrefs


@pytest.fixture(scope="module")
def client(hostile_store: Path) -> TestClient:
    return TestClient(create_app(hostile_store))


def _scheme_safe(href: str) -> bool:
    squeezed = "".join(ch for ch in href if ch > " ").lower()
    return not squeezed.startswith(("javascript:", "vbscript:", "data:"))


@pytest.mark.parametrize("url", [*SCRIPT_URLS, "https://", "http:///path", "ftp://files.test/a"])
def test_links_only_http_urls_become_links(url: str):
    assert web_link(url) is None


@pytest.mark.parametrize("url", [GOOD_URL, "HTTPS://News.test/a?b=c", " http://news.test/\t"])
def test_links_http_urls_stay_links(url: str):
    assert web_link(url) is not None


def test_links_articles_page_links_no_script_url(client: TestClient):
    page = client.get("/articles", params={"page_size": 50})
    assert page.status_code == 200
    hrefs = _hrefs(page.text)
    assert GOOD_URL in hrefs
    assert all(_scheme_safe(h) for h in hrefs), [h for h in hrefs if not _scheme_safe(h)]


def test_links_article_pages_link_no_script_url(client: TestClient, hostile_store: Path):
    with sqlite3.connect(hostile_store) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
    for article_id in ids:
        page = client.get(f"/articles/{article_id}")
        assert page.status_code == 200
        assert all(_scheme_safe(h) for h in _hrefs(page.text))


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_inert(text: str) -> None:
    cells = _cells(text)
    assert any(cell.startswith("'=") for cell in cells)  # the formula is there, neutralised
    running = [c for c in cells if c.startswith(FORMULA_STARTS)]
    assert not running, running


@pytest.mark.parametrize(
    "path",
    ["/api/quotes?format=csv", "/api/articles?format=csv", "/api/speakers?format=csv&descriptions=true"],
)
def test_cells_every_csv_download_is_inert(client: TestClient, path: str):
    response = client.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    if "speakers" in path:  # names begin with "-": no "=" in this table, but no cell may start a formula
        assert not [c for c in _cells(response.text) if c.startswith(FORMULA_STARTS)]
        assert any(c.startswith("'-Ann Lee") for c in _cells(response.text))
    else:
        _assert_inert(response.text)


def test_cells_diversity_csv_is_inert(client: TestClient, hostile_store: Path):
    response = client.get("/api/diversity.csv", params={"by": "source"})
    assert response.status_code == 200
    cells = _cells(response.text)
    assert "'+SUM(1,1)" in cells and not [c for c in cells if c.startswith(FORMULA_STARTS)]
    with sqlite3.connect(f"{hostile_store.resolve().as_uri()}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        report = diversity(conn, by=("source",))
    assert "'+SUM(1,1)" in _cells(report.to_csv())


def test_cells_export_csv_is_inert(hostile_store: Path, tmp_path: Path):
    out = tmp_path / "quotes.csv"
    with sqlite3.connect(f"{hostile_store.resolve().as_uri()}?mode=ro", uri=True) as conn:
        export(conn, "csv", out)
    _assert_inert(out.read_text(encoding="utf-8"))
