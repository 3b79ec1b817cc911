"""Why this speaker? (issue 22): a stored quote's ``how`` reaches every read of the store (the API's JSON,
the CSV, JSONL and Parquet exports, the quotes_resolved view, the article page's tip), and says
'corrected by a reader' once ``saidwhat correct speaker`` gave the quote its speaker."""

from __future__ import annotations

import html
import json
import shutil
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from saidwhat.store import Store
from saidwhat.store.migrate import _statements, available
from saidwhat.store.queries import CORRECTED_HOW
from saidwhat.web.app import create_app
from test_corrections import csv_rows, quote_id, run

TOLLS = "tolls would be dropped"


@pytest.fixture
def db(tmp_path: Path, web_store: Path) -> str:
    """A copy of the web tests' store to correct."""
    copy = tmp_path / "how.db"
    shutil.copyfile(web_store, copy)
    return str(copy)


def stored_how(db: str, words: str) -> str:
    with Store(db).read() as conn:
        row = conn.execute("SELECT how FROM quotes WHERE text LIKE ?", (f"%{words}%",)).fetchone()
    assert row is not None and row[0], words
    return str(row[0])


def api_how(client: TestClient, words: str) -> str | None:
    """The quote's how in the API's search results."""
    page = client.get("/api/quotes", params={"q": f'"{words}"'}).json()
    (item,) = [i for i in page["items"] if words in i["text"]]
    return item["how"]


def article_id(db: str, words: str) -> int:
    with Store(db).read() as conn:
        return int(
            conn.execute("SELECT article_id FROM quotes WHERE id = ?", (quote_id(db, words),)).fetchone()[0]
        )


def article_tip(client: TestClient, db: str, words: str) -> str:
    """The tip the stored article page shows when a reader hovers over or taps the quote."""
    page = client.get(f"/articles/{article_id(db, words)}").text
    tag = page[page.index(f'id="quote-{quote_id(db, words)}"') :]
    return html.unescape(tag.split('data-tip="', 1)[1].split('"', 1)[0])


def exported(db: str, tmp_path: Path, words: str) -> dict[str, str | None]:
    """The quote's speaker_how in each export format."""
    csv_row = next(r for r in csv_rows(db) if words in r["text"])
    jsonl = [json.loads(line) for line in run("export", "--db", db, "--format", "jsonl").splitlines()]
    parquet = tmp_path / "q.parquet"
    run("export", "--db", db, "--format", "parquet", "--out", str(parquet))
    table = pq.read_table(parquet).to_pylist()
    with Store(db).read() as conn:
        view = conn.execute("SELECT speaker_how FROM quotes_resolved WHERE text LIKE ?", (f"%{words}%",))
        resolved = view.fetchone()[0]
    return {
        "csv": csv_row["speaker_how"],
        "jsonl": next(r for r in jsonl if words in r["text"])["speaker_how"],
        "parquet": next(r for r in table if words in r["text"])["speaker_how"],
        "view": resolved,
    }


def test_speaker_how_reaches_api_exports_and_article_tip(db: str, tmp_path: Path) -> None:
    how = stored_how(db, TOLLS)
    client = TestClient(create_app(Path(db)))
    assert api_how(client, TOLLS) == how
    qid = quote_id(db, TOLLS)
    quotes = client.get(f"/api/articles/{article_id(db, TOLLS)}").json()["quotes"]
    article = next(q for q in quotes if q["id"] == qid)
    assert article["how"] == how
    assert f"why this speaker? {how}" in article_tip(client, db, TOLLS)
    assert set(exported(db, tmp_path, TOLLS).values()) == {how}

    run("correct", "speaker", str(qid), "Tom Baker", "--db", db)
    client = TestClient(create_app(Path(db)))
    assert api_how(client, TOLLS) == CORRECTED_HOW == "corrected by a reader"
    assert f"why this speaker? {CORRECTED_HOW}" in article_tip(client, db, TOLLS)
    assert set(exported(db, tmp_path, TOLLS).values()) == {CORRECTED_HOW}
    run("correct", "undo", "--db", db)
    assert set(exported(db, tmp_path, TOLLS).values()) == {how}


def test_speaker_how_unattributed_quote_has_none(db: str, tmp_path: Path) -> None:
    with Store(db).read() as conn:
        rows = conn.execute("SELECT speaker_id, speaker_how FROM quotes_resolved").fetchall()
    assert all((speaker is None) == (how is None) for speaker, how in rows)
    assert any(how is not None for _, how in rows)


def test_speaker_how_migration_008_on_an_old_store(tmp_path: Path) -> None:
    """A store at migration 007 gets quotes_resolved.speaker_how when it is next opened."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT)"
    )
    for version, name, sql in available():
        if version <= 7:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", (version, name))
    conn.execute(
        "INSERT INTO articles (id, ext_id, content_hash, title, source, date, text)"
        " VALUES (1, 'a', 'h', 'T', 'S', '2024-01-02', 'x')"
    )
    conn.execute("INSERT INTO speakers VALUES (1, 'person:jane doe', 'Jane Doe', 'person', 'doe', 0, NULL)")
    conn.execute(
        "INSERT INTO quotes (article_id, seq, start_char, end_char, spans, text, type, speaker_id, how)"
        " VALUES (1, 0, 0, 1, '[[0, 1]]', 'x', 'direct', 1, 'name: Jane Doe')"
    )
    conn.commit()
    conn.close()
    with Store(path).read() as reader:
        rows = reader.execute("SELECT speaker, speaker_how FROM quotes_resolved").fetchall()
    assert [tuple(r) for r in rows] == [("Jane Doe", "name: Jane Doe")]
