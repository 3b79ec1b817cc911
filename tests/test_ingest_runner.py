"""The ingest end to end: the bundled corpus, idempotence, workers, and a real kill -9 and resume."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from saidwhat.ingest import IngestOptions, ingest
from saidwhat.settings import Settings
from saidwhat.store import Store
from saidwhat.store import queries as q

ROOT = Path(__file__).resolve().parent.parent
SAIDWHAT = [str(Path(sys.executable).parent / "saidwhat")]


def _rows(db: Path) -> set[tuple[str, str, str | None]]:
    """(article id, quote text, canonical speaker name) of every quote: what a store holds."""
    with Store(db).read() as conn:
        return {
            (h.article_ext_id, h.text, h.speaker.name if h.speaker else None)
            for h in q.search_quotes(conn, limit=10**6).items
        }


def _consistent(db: Path) -> None:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM quotes_fts").fetchone()[0] == quotes
    conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")
    assert conn.execute("SELECT count(*) FROM articles GROUP BY ext_id HAVING count(*) > 1").fetchall() == []
    conn.close()


@pytest.mark.slow
def test_ingest_bundled_corpus_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    first = ingest([str(ROOT / "examples" / "corpus")], db)
    assert first.articles == 22 and first.failures == 0 and first.quotes > 40
    before = _rows(db)
    second = ingest([str(ROOT / "examples" / "corpus")], db)
    assert (second.articles, second.quotes, second.failures, second.skipped) == (0, 0, 0, 22)
    assert _rows(db) == before
    with Store(db).read() as conn:
        top = {s.name: s for s in q.list_speakers(conn, limit=5)}
        okafor = next(s for name, s in top.items() if name.endswith("Okafor"))
        assert okafor.articles >= 5  # "Mayor Thomas Okafor", "Thomas A. Okafor", "Mayor Okafor", "Okafor"
        names = {s.name for s in q.list_speakers(conn, limit=100)}
        assert {"Robert Smith", "Laura Smith"} <= names  # two Smiths stay two
    _consistent(db)


def test_ingest_records_bad_input_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        '"We will rebuild," Mayor Thomas Okafor said on Friday.', encoding="utf-8"
    )
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff" * 100)
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": "He said no."}\n{oops\n', encoding="utf-8")
    db = tmp_path / "s.db"
    summary = ingest([str(tmp_path)], db)
    assert summary.articles == 2 and summary.failures == 3
    with Store(db).read() as conn:
        reasons = {
            f["article_ext_id"].rsplit("/", 1)[-1]: (f["stage"], f["reason"]) for f in q.list_failures(conn)
        }
    assert reasons["empty"][0] == "input" and "empty" in reasons["empty"][1]  # ids: formats.file_id
    assert "binary" in reasons["binary"][1]
    assert "malformed JSON" in reasons["bad.jsonl:2"][1]
    assert ingest([str(tmp_path)], db).failures == 0  # recorded once, not again


@pytest.mark.slow
def test_ingest_workers_give_the_same_store(tmp_path: Path) -> None:
    corpus = str(ROOT / "examples" / "corpus")
    ingest([corpus], tmp_path / "one.db")
    summary = ingest([corpus], tmp_path / "two.db", IngestOptions(workers=2, settings=Settings(batch_size=4)))
    assert summary.articles == 22
    assert _rows(tmp_path / "two.db") == _rows(tmp_path / "one.db")


def _big_jsonl(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = (
                f'"Project {i} will be finished on time," Mayor Thomas Okafor said on Monday. '
                f"Daniel Reyes, the union leader, said workers on site {i} wanted better pay. "
                f'"We have waited long enough for site {i}," Reyes told reporters.'
            )
            out.write(json.dumps({"id": f"n{i}", "text": text, "date": f"2024-01-{1 + i % 28:02d}"}) + "\n")


@pytest.mark.slow
def test_ingest_survives_kill_9_and_resumes_without_duplicates(tmp_path: Path) -> None:
    source, db = tmp_path / "big.jsonl", tmp_path / "crash.db"
    n = 300
    _big_jsonl(source, n)
    command = [*SAIDWHAT, "ingest", str(source), "--db", str(db), "--no-progress"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0  # schema not there yet
        if stored >= 20:
            break
        time.sleep(0.05)
    assert process.poll() is None, f"ingest ended before it could be killed: {process.stderr.read().decode()}"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL

    _consistent(db)
    with sqlite3.connect(db) as conn:
        partial = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 20 <= partial < n

    resumed = subprocess.run(command, capture_output=True, text=True, check=True)
    assert f"{n - partial} articles added ({partial} already stored)" in resumed.stdout
    _consistent(db)
    ingest([str(source)], tmp_path / "clean.db")
    assert _rows(db) == _rows(tmp_path / "clean.db")  # nothing lost, nothing twice
