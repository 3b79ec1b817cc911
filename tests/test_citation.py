"""Citations (issue 24): “…” — Speaker, Outlet, Date, URL, in the web app per quote and from
``saidwhat search --cite``; a link to the original only for http(s) URLs; the byline in exports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from saidwhat.citation import citation, web_url
from saidwhat.cli import app
from saidwhat.model import Article, Extraction, Mention, Quote, Span, Speaker
from saidwhat.store import Store
from saidwhat.store.writer import StoreWriter
from saidwhat.web import create_app

WORDS = "We will rebuild every home"
TEXT = f'"{WORDS}," Mayor Ruth Anand said.'


def _stored(article_id: str, url: str | None, source: str | None = "Harbour Herald") -> Extraction:
    anand = Speaker("anand", "Ruth Anand", "person", aliases=("Mayor Ruth Anand",))
    quote = Quote(
        spans=(Span(1, 1 + len(WORDS)),),
        text=WORDS,
        type="direct",
        speaker=anand,
        mention=Mention("Mayor Ruth Anand", 30, 46),
        cue=None,
        confidence=0.9,
    )
    article = Article(
        id=article_id,
        text=f"{TEXT} ({article_id})",
        title="Rebuild",
        date="2024-03-05",
        source=source,
        url=url,
        byline="Ann Lee",
    )
    return Extraction(article=article, quotes=(quote,), speakers=(anand,))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cite") / "cite.db"
    writer = StoreWriter(Store(path).writer())
    writer.write(_stored("safe", "https://example.org/rebuild"))
    writer.write(_stored("unsafe", "javascript:alert(1)", source="Wire"))
    writer.conn.close()
    return path


@pytest.mark.parametrize(
    ("text", "type", "line"),
    [
        (WORDS, "direct", f"“{WORDS}” — Ruth Anand, Harbour Herald, 2024-03-05, https://example.org/a"),
        ("the harbour would reopen", "indirect", "reported speech: the harbour would reopen — Ruth Anand, "),
        ('the plan was "dead on arrival"', "mixed", 'the plan was "dead on arrival" — Ruth Anand, '),
    ],
)
def test_citation_line(text: str, type: str, line: str) -> None:
    cited = citation(
        text,
        type,
        speaker="Ruth Anand",
        outlet="Harbour Herald",
        date="2024-03-05T09:30:00Z",
        url="https://example.org/a",
    )
    assert cited.startswith(line) and cited.endswith("Harbour Herald, 2024-03-05, https://example.org/a")


def test_citation_cites_and_links_only_web_addresses() -> None:
    assert web_url("https://example.org/a") == "https://example.org/a"
    assert web_url("HTTP://example.org/a") == "HTTP://example.org/a"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "//example.org", "", None):
        assert web_url(bad) is None
    assert citation("Yes", "direct", speaker=None, url="javascript:alert(1)") == "“Yes” — speaker not found"


def test_citation_in_the_web_app(store: Path) -> None:
    client = TestClient(create_app(store))
    page = client.get("/search", params={"speaker": "Anand"}).text
    expected = f"“{WORDS}” — Ruth Anand, Harbour Herald, 2024-03-05, https://example.org/rebuild"
    assert f'value="{expected}"' in page and "Copy with citation" in page
    assert 'href="https://example.org/rebuild"' in page and 'href="javascript:' not in page
    assert '<script src="/static/cite.js" defer></script>' in page
    assert client.get("/static/cite.js").status_code == 200
    article = client.get("/articles").text
    assert "Rebuild" in article
    first = client.get("/articles/1").text
    assert f'value="{expected}"' in first


def test_citation_from_the_command_line_and_search_by_speaker_alone(store: Path) -> None:
    result = CliRunner().invoke(app, ["search", "--speaker", "Anand", "--cite", "--db", str(store)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert f"“{WORDS}” — Ruth Anand, Harbour Herald, 2024-03-05, https://example.org/rebuild" in lines
    assert f"“{WORDS}” — Ruth Anand, Wire, 2024-03-05" in lines
    listed = CliRunner().invoke(app, ["search", "--source", "Wire", "--db", str(store)])
    assert listed.exit_code == 0 and "1-1 of 1 quote\n" in listed.stdout
    nothing = CliRunner().invoke(app, ["search", "--db", str(store)])
    assert nothing.exit_code == 2


def test_citation_byline_is_in_the_exports(store: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--db", str(store)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["byline"] for r in rows} == {"Ann Lee"}
