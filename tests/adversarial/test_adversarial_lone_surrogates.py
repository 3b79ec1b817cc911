"""Lone surrogates ("\\ud800" is valid JSON, not UTF-8) in any field: repaired or a failure, never a crash
that loses the records around them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from saidwhat.ingest import IngestOptions, ingest
from saidwhat.model import Article, Extraction
from saidwhat.settings import Settings
from saidwhat.store import Store
from saidwhat.store.writer import StoreWriter


def _good(n: int) -> str:
    return json.dumps({"id": f"good-{n}", "text": f'"We are fine," said Ann Lee on day {n}.'})


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.mark.parametrize("field", ["id", "title", "source", "url", "text"])
def test_lone_surrogates_never_lose_neighbours(tmp_path: Path, field: str):
    record = {"id": "odd", "text": '"Odd," said Bo Ek.', field: "x\ud800y\udc00"}
    if field == "text":
        record[field] = '"Odd \ud800," said Bo Ek.'
    lines = [_good(1), json.dumps(record), _good(2)]  # json.dumps writes the surrogates as \ud800
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    summary = ingest([str(tmp_path / "in.jsonl")], db, IngestOptions(settings=Settings(batch_size=4)))
    assert summary.articles + summary.failures == 3
    ids = {row[0] for row in _rows(db, "SELECT ext_id FROM articles")}
    assert {"good-1", "good-2"} <= ids
    stored = _rows(db, f"SELECT {'ext_id' if field == 'id' else field} FROM articles WHERE text LIKE '%Odd%'")
    assert stored and "\ufffd" in stored[0][0]  # repaired one for one, not dropped


def test_lone_surrogates_from_a_producer_that_did_not_repair_become_a_failure(tmp_path: Path):
    """The writer's own guard, for Extractions made elsewhere (``saidwhat spark`` output)."""
    conn = Store(tmp_path / "s.db").writer()
    writer = StoreWriter(conn)
    good = Extraction(article=Article(id="a", text="Fine."), quotes=(), speakers=())
    bad = Extraction(article=Article(id="b", text="Odd.", byline="x\ud800"), quotes=(), speakers=())
    after = Extraction(article=Article(id="c", text="Also fine."), quotes=(), speakers=())
    for item in (good, bad, after):
        writer.write(item)
    conn.close()
    assert {r[0] for r in _rows(tmp_path / "s.db", "SELECT ext_id FROM articles")} == {"a", "c"}
    [(where, stage)] = _rows(tmp_path / "s.db", "SELECT article_ext_id, stage FROM failures")
    assert (where, stage) == ("b", "store")
