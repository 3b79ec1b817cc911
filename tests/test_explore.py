"""Exploring a corpus as journalists do (issue 16): honest quote display, stemmed search with phrases, OR
and prefixes, speaker hints, facets, sorts, downloads, the article index, titles and sources, the views
that count right, Datasette on the store file as it is, and the small things (failures, progress, charts).

Extractions are built by hand so that these tests pin the store and the web app, not the extractor.
"""

from __future__ import annotations

import asyncio
import csv
import io
import itertools
import json
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rich.console import Console
from typer.testing import CliRunner

from saidwhat.cli import app
from saidwhat.display import quote_display
from saidwhat.formats import headline
from saidwhat.ingest.options import FieldMap, IngestOptions
from saidwhat.ingest.progress import IngestProgress, describe
from saidwhat.ingest.reading import read_inputs
from saidwhat.model import Article, Extraction, Mention, Quote, Span, Speaker
from saidwhat.store import Store
from saidwhat.store import queries as q
from saidwhat.store.migrate import _statements, available
from saidwhat.store.writer import StoreWriter, WriteCounts
from saidwhat.web import create_app
from saidwhat.web.charts import LABEL_CHAR_WIDTH, per_period, tick_picks

DIRECT = "We will not pay for the strikes"
INDIRECT = "the city would borrow to build the sea wall"
MIXED_TEXT = 'the union would "keep the relationship'  # the closing mark is just after the span


def _article(article_id: str, said: list[tuple[str, str, str, str]], **meta) -> Extraction:
    """An article in which each (speaker name, mention, type, words) is one quote of that type."""
    text, quotes, speakers = "", [], {}
    for name, mention, kind, words in said:
        if kind == "direct":
            lead, tail = '"', f'," {mention} said. '
        elif kind == "mixed":
            lead, tail = f"{mention} said ", '," reporters heard. '
        else:
            lead, tail = f"{mention} said ", ". "
        start = len(text) + len(lead)
        text += lead + words + tail
        sid = name.lower().replace(" ", "-")
        speakers.setdefault(sid, Speaker(sid, name, "person", aliases=(mention,)))
        m_start = text.index(mention, len(text) - len(tail) - len(words) - len(lead))
        quotes.append(
            Quote(
                spans=(Span(start, start + len(words)),),
                text=words,
                type=kind,
                speaker=speakers[sid],
                mention=Mention(mention, m_start, m_start + len(mention)),
                cue=None,
                confidence={"direct": 0.95, "mixed": 0.7, "indirect": 0.5}[kind],
            )
        )
    article = Article(id=article_id, text=text, **meta)
    return Extraction(article=article, quotes=tuple(quotes), speakers=tuple(speakers.values()))


STORIES = [
    _article(
        "a1",
        [("Thomas Okafor", "Okafor", "direct", DIRECT), ("Thomas Okafor", "Okafor", "indirect", INDIRECT)],
        title="Okafor on the strike",
        date="2024-03-04",
        source="Wire",
        url="https://example.org/a1",
    ),
    _article(
        "a2",
        [
            ("Daniel Reyes", "Reyes", "mixed", MIXED_TEXT),
            ("Laura Smith", "Smith", "direct", "The wall is late"),
        ],
        title="Union talks",
        date="2024-04-10",
        source="Gazette",
    ),
    _article("a3", [("Robert Smith", "Smith", "direct", "No wall, no deal")], title=None, source=None),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("explore") / "explore.db"
    writer = StoreWriter(Store(path).writer())
    for story in STORIES:
        writer.write(story)
    # Many quotes in one article: downloads must not stop at the API's page size of 100.
    writer.write(
        _article(
            "many",
            [("Karen Holt", "Holt", "direct", f"Number {n} on the rota") for n in range(130)],
            title="Rota",
            date="2023-12-01",
            source="Wire",
        )
    )
    writer.conn.close()
    return path


@pytest.fixture(scope="module")
def client(store: Path) -> TestClient:
    return TestClient(create_app(store))


# -- honest display -----------------------------------------------------------------------------------


def test_explore_display_marks_direct_labels_reported_and_keeps_mixed_marks():
    assert quote_display("We will win", "direct").plain() == "“We will win”"
    reported = quote_display(INDIRECT, "indirect")
    assert reported.plain() == f"reported speech: {INDIRECT}" and "“" not in reported.plain()
    assert quote_display(MIXED_TEXT, "mixed", '"').plain() == MIXED_TEXT + '"'
    assert quote_display("he said “yes”", "mixed", ",").plain() == "he said “yes”"  # balanced already


def test_explore_cli_search_and_quotes_show_quotes_honestly(store: Path):
    runner = CliRunner()
    out = runner.invoke(app, ["search", "city OR union", "--db", str(store)]).output
    assert f"reported speech: {INDIRECT}" in " ".join(out.split())
    assert f"“{INDIRECT}" not in out
    assert MIXED_TEXT + ',"' in out  # the mixed quote's closing mark is kept
    mine = runner.invoke(app, ["quotes", "--speaker", "Okafor", "--db", str(store)]).output
    assert f"“{DIRECT}”" in mine and f"“{INDIRECT}" not in mine


def test_explore_extract_pretty_labels_reported_speech(tmp_path: Path, extractor):
    path = tmp_path / "a.txt"
    path.write_text(
        "Mayor names new chief\n\nThe mayor said the city would hire forty officers next year. "
        '"We need them," the mayor said.\n',
        encoding="utf-8",
    )
    out = CliRunner().invoke(app, ["extract", str(path), "--format", "pretty"]).output
    flat = " ".join(out.split())
    assert "“We need them”" in flat
    assert "reported speech: the city would hire" in flat and "“the city would hire" not in flat


def test_explore_web_lists_show_reported_speech_without_marks(client: TestClient):
    html = client.get("/search", params={"q": "borrow"}).text
    assert "reported speech" in html and f"“{INDIRECT}" not in html
    html = client.get("/search", params={"q": "relationship"}).text
    assert "keep the <b>relationship</b>,&#34;" in html or "keep the <b>relationship</b>,&quot;" in html


# -- search ---------------------------------------------------------------------------------------------


def test_explore_search_stems_phrases_or_and_prefixes(store: Path):
    with Store(store).read() as conn:
        assert q.search_quotes(conn, "strike").total == 1  # "strikes" by its stem
        assert q.search_quotes(conn, "wall OR strike").total == 4
        assert q.search_quotes(conn, '"sea wall"').total == 1
        assert q.search_quotes(conn, "relation*").total == 1
        assert q.search_quotes(conn, 'wall" (*').total == 3  # FTS syntax is just words
        assert q.search_quotes(conn, 'NEAR(wall) OR "').total == 0  # the phrase "NEAR wall"
        runs = q.match_runs(q.search_quotes(conn, "strike").items[0])
        assert ("strikes", True) in runs  # the stemmed match is what gets marked


def test_explore_search_suggests_speakers_and_lists_namesakes(store: Path, client: TestClient):
    with Store(store).read() as conn:
        assert [s.name for s in q.suggest_speakers(conn, "Thomas Okafor")] == ["Thomas Okafor"]
        assert {s.name for s in q.speaker_matches(conn, "Smith")} == {"Laura Smith", "Robert Smith"}
    html = client.get("/search", params={"q": "Thomas Okafor"}).text
    assert "Did you mean the speaker" in html and "Thomas Okafor</a>" in html
    html = client.get("/search", params={"speaker": "Smith"}).text
    assert "may mean any of 2 speakers" in html and "Laura Smith" in html and "Robert Smith" in html
    listed = CliRunner().invoke(app, ["quotes", "--speaker", "Smith", "--db", str(store)]).output
    assert "may mean any of 2 speakers" in listed and "--speaker-id" in listed
    err = CliRunner().invoke(app, ["search", "Thomas Okafor", "--db", str(store)])
    assert "Did you mean the speaker Thomas Okafor?" in err.output


def test_explore_facets_sort_min_confidence_and_month(store: Path, client: TestClient):
    with Store(store).read() as conn:
        facets = q.facet_counts(conn, text="wall")
        assert {f.label: f.count for f in facets["type"]} == {"direct": 2, "indirect": 1}
        assert {f.label for f in facets["speaker"]} == {"Thomas Okafor", "Laura Smith", "Robert Smith"}
        assert [(f.value, f.count) for f in facets["month"]] == [
            ("2024-04", 1),
            ("2024-03", 1),
            ("undated", 1),
        ]
        by_confidence = q.search_quotes(conn, "wall", sort="confidence").items
        assert [h.confidence for h in by_confidence] == sorted(
            (h.confidence for h in by_confidence), reverse=True
        )
        assert q.search_quotes(conn, "wall", min_confidence=0.9).total == 2
        assert q.search_quotes(conn, month="2024-04").total == 2
        assert [h.text for h in q.search_quotes(conn, month="undated").items] == ["No wall, no deal"]
    page = client.get("/search", params={"q": "wall"}).text
    assert 'data-facet="speaker"' in page and "speaker_id=" in page and "month=2024-04" in page
    assert (
        "month=undated" in page and "1 quote found" in client.get("/search", params={"month": "undated"}).text
    )
    narrowed = client.get("/search", params={"q": "wall", "type": "direct"}).text
    assert "2 quotes found" in narrowed
    api = client.get("/api/quotes/facets", params={"q": "wall"}).json()
    assert {f["label"] for f in api["kind"]} == {"speech"}


# -- downloads and the article index ------------------------------------------------------------------


def test_explore_quote_downloads_have_every_match_and_the_same_filters(client: TestClient):
    response = client.get("/api/quotes", params={"speaker": "Holt", "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 130  # past the API's page cap of 100
    assert all(r["spans"].count("-") == 1 and ";" not in r["spans"] for r in rows)
    assert rows[0]["confidence"] == "0.95"
    as_json = client.get("/api/quotes", params={"q": "wall", "type": "direct", "format": "json"}).json()
    assert sorted(r["text"] for r in as_json) == ["No wall, no deal", "The wall is late"]
    page = client.get("/search", params={"q": "wall", "type": "direct"}).text
    assert "/api/quotes?q=wall&amp;type=direct&amp;format=csv" in page


def test_explore_speaker_and_speakers_downloads(client: TestClient):
    speakers = list(csv.DictReader(io.StringIO(client.get("/api/speakers", params={"format": "csv"}).text)))
    assert speakers[0]["name"] == "Karen Holt" and "gender" in speakers[0]
    holt = speakers[0]["id"]
    page = client.get(f"/speakers/{holt}").text
    assert f"/api/quotes?speaker_id={holt}&amp;format=json" in page
    assert len(client.get("/api/quotes", params={"speaker_id": holt, "format": "json"}).json()) == 130


def test_explore_article_index_pages_sorts_and_downloads(client: TestClient):
    first = client.get("/api/articles", params={"page_size": 2}).json()
    assert first["total"] == 4 and first["pages"] == 2
    assert [a["title"] for a in first["items"]] == ["Union talks", "Okafor on the strike"]
    last = client.get("/api/articles", params={"page_size": 2, "page": 2}).json()["items"]
    assert last[-1]["date"] is None  # undated articles are listed, after the dated ones
    by_quotes = client.get("/api/articles", params={"sort": "quotes"}).json()["items"]
    assert by_quotes[0]["quotes"] == 130
    rows = list(csv.DictReader(io.StringIO(client.get("/api/articles", params={"format": "csv"}).text)))
    assert len(rows) == 4 and rows[1]["url"] == "https://example.org/a1"
    html = client.get("/articles").text
    assert "Okafor on the strike" in html and 'href="https://example.org/a1"' in html and "undated" in html
    assert "/api/articles?sort=newest&amp;format=csv" in html


def test_explore_paste_offers_a_json_download(client: TestClient):
    text = '"We will win," the mayor said.'
    assert 'action="/paste.json"' in client.post("/paste", data={"text": text}).text
    response = client.post("/paste.json", data={"text": text, "kind": "text"})
    assert "attachment" in response.headers["content-disposition"]
    assert response.json()["quotes"][0]["text"] == "We will win"


def test_explore_export_takes_the_filters_of_search(store: Path, tmp_path: Path):
    out = tmp_path / "q.csv"
    result = CliRunner().invoke(
        app,
        [
            "export",
            "--db",
            str(store),
            "--format",
            "csv",
            "--out",
            str(out),
            "--text",
            "wall",
            "--type",
            "direct",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert sorted(r["text"] for r in rows) == ["No wall, no deal", "The wall is late"]
    assert all("-" in r["spans"] and not r["spans"].startswith("[") for r in rows)
    jsonl = CliRunner().invoke(
        app, ["export", "--db", str(store), "--speaker", "Okafor", "--min-confidence", "0.9"]
    )
    assert [json.loads(line)["text"] for line in jsonl.output.splitlines()] == [DIRECT]


# -- titles and sources ---------------------------------------------------------------------------------


def test_explore_txt_headline_is_the_title_and_source_is_named_not_a_path(tmp_path: Path):
    (tmp_path / "story.txt").write_text(
        "Council backs sea wall\n\nThe council voted on Monday.\n", encoding="utf-8"
    )
    (tmp_path / "notitle.txt").write_text("The council voted on Monday. It was close.\n", encoding="utf-8")
    (tmp_path / "wire.jsonl").write_text(
        json.dumps({"id": "w1", "text": "A.", "source": "Wire"})
        + "\n"
        + json.dumps({"id": "w2", "text": "B."})
        + "\n",
        encoding="utf-8",
    )
    items = list(read_inputs([str(tmp_path)], IngestOptions(fields=FieldMap())))
    by_id = {Path(a.id).name: a for a in items}
    assert by_id["story"].title == "Council backs sea wall"
    assert by_id["notitle"].title is None
    assert all(a.source in (None, "Wire") for a in items)  # never a path
    named = list(read_inputs([str(tmp_path)], IngestOptions(source="Harbour Herald")))
    sources = {Path(a.id).name: a.source for a in named}
    assert sources["story"] == "Harbour Herald" and sources["w2"] == "Harbour Herald"
    assert sources["w1"] == "Wire"  # a record's own source field wins
    assert headline("CAPITAL CITY, March 4 (Wire) - The minister\nsaid.") is None


# -- the store file for other tools ---------------------------------------------------------------------


def _old_store(path: Path) -> None:
    """A store as migration 003 left it, with a file path as a source and a partial name merged later."""
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT)"
    )
    for version, name, sql in available():
        if version <= 3:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", (version, name))
    conn.execute(
        "INSERT INTO articles (id, ext_id, content_hash, title, source, date, text)"
        " VALUES (1, 'news/a.txt', 'h', 'T', 'news/a.txt', '2024-01-02', 'x')"
    )
    conn.execute("INSERT INTO speakers VALUES (1, 'person:jane doe', 'Jane Doe', 'person', 'doe', 0, NULL)")
    conn.execute("INSERT INTO speakers VALUES (2, 'person:doe', 'Doe', 'person', 'doe', 0, 1)")
    for n, (speaker, words) in enumerate([(1, "The strikes will end"), (2, "Strikes cost us")]):
        conn.execute(
            "INSERT INTO quotes (article_id, seq, start_char, end_char, spans, text, type, speaker_id)"
            " VALUES (1, ?, 0, 1, '[[0, 1]]', ?, 'direct', ?)",
            (n, words, speaker),
        )
    conn.commit()
    conn.close()


def test_explore_migration_004_rebuilds_search_in_place_and_adds_views(tmp_path: Path):
    path = tmp_path / "old.db"
    _old_store(path)
    with sqlite3.connect(path) as conn:
        assert (
            conn.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'strike'").fetchone()[0] == 0
        )
    Store(path).writer().close()  # migrates
    with Store(path).read() as conn:
        assert q.search_quotes(conn, "strike").total == 2  # the old rows are in the stemmed index
        assert conn.execute("SELECT source FROM articles").fetchone()[0] is None  # no path as a source
        grouped = conn.execute("SELECT speaker, count(*) FROM quotes_resolved GROUP BY speaker_id").fetchall()
        assert [tuple(r) for r in grouped] == [("Jane Doe", 2)]  # one person, however the aliases were merged
        assert conn.execute("SELECT quotes FROM articles_resolved").fetchone()[0] == 2


def test_explore_datasette_finds_the_fts_and_the_views(store: Path):
    from datasette.app import Datasette

    async def ask() -> tuple[list[dict], list[dict]]:
        ds = Datasette([str(store)], settings={"default_page_size": 200})
        name = store.stem
        found = await ds.client.get(f"/{name}/quotes.json?_search=strike&_shape=array")
        assert found.status_code == 200, found.text
        view = await ds.client.get(
            f"/{name}.json?sql=select+speaker,+count(*)+as+n+from+quotes_resolved+group+by+speaker_id+order+by+n+desc&_shape=array"
        )
        assert view.status_code == 200, view.text
        return found.json(), view.json()

    found, counts = asyncio.run(ask())
    assert [r["text"] for r in found] == [DIRECT]
    assert counts[0] == {"speaker": "Karen Holt", "n": 130}


# -- small things ----------------------------------------------------------------------------------------


def test_explore_failures_says_none_and_has_a_header(store: Path):
    out = CliRunner().invoke(app, ["failures", "--db", str(store)]).output
    assert out.strip() == "No failures: every input was read and processed."


def test_explore_progress_bar_fits_80_columns():
    buffer = io.StringIO()
    console = Console(file=buffer, width=80, force_terminal=True, color_system=None)
    with IngestProgress(123_456_789, enabled=True, console=console) as bar:
        bar.update(
            45_678_901, WriteCounts(articles=12_345, quotes=67_890, skipped=1_234, failures=56), force=True
        )
    last = [line for line in buffer.getvalue().splitlines() if "ETA" in line][-1]
    visible = last.replace("\x1b[2K", "").replace("\x1b[?25l", "").replace("\x1b[?25h", "").rstrip()
    assert len(visible) <= 80 and "…" not in visible
    assert describe(WriteCounts(12_345, 67_890, 1_234, 56)) in last  # not cut off
    assert "ETA" in last and "MB" in last


def test_explore_chart_labels_never_overlap():
    for width, days in itertools.product((320, 520, 1100), (2, 4, 7, 30)):
        chart = per_period([(f"2024-03-{d:02d}", d) for d in range(1, days + 1)], width=width)
        extents = []
        for tick in chart.ticks:
            size = len(tick.label) * LABEL_CHAR_WIDTH  # the widest the label gets (phone font)
            start = {"start": tick.x, "end": tick.x - size, "middle": tick.x - size / 2}[tick.anchor]
            extents.append((start, start + size))
        assert all(a >= 0 and b <= width for a, b in extents)
        assert all(prev[1] <= nxt[0] for prev, nxt in itertools.pairwise(extents))
        if len(chart.ticks) > 1:
            assert chart.ticks[0].anchor == "start" and chart.ticks[-1].anchor == "end"
    assert tick_picks(30, 1024, 10) == [0, 7, 14, 21, 29] and tick_picks(3, 240, 10) == [2]
