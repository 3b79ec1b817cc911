"""Readers' corrections through the real command line on a real store: every kind, what each read shows
after it, undo, re-ingest and re-extraction, orphans, and the gold round trip through ``saidwhat eval``."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from saidwhat import Article, Extractor
from saidwhat.cli import app
from saidwhat.store import Store
from saidwhat.store.writer import StoreWriter

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path, web_store: Path) -> str:
    """A copy of the web tests' store (the fixture articles, really extracted) to correct."""
    copy = tmp_path / "c.db"
    shutil.copyfile(web_store, copy)
    return str(copy)


def articles(db: str) -> list[Article]:
    with Store(db).read() as conn:
        rows = conn.execute("SELECT ext_id, text, title FROM articles ORDER BY id").fetchall()
    return [Article(id=r[0], text=r[1], title=r[2]) for r in rows]


def article_text(db: str, ext_id: str) -> str:
    return next(a.text for a in articles(db) if a.id == ext_id)


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def quote_id(db: str, words: str) -> int:
    with Store(db).read() as conn:
        row = conn.execute("SELECT id FROM quotes WHERE text LIKE ?", (f"%{words}%",)).fetchone()
    assert row is not None, words
    return int(row[0])


def speaker_of(db: str, words: str) -> str | None:
    """The quote's speaker as the exports see it (None when the quote is not there)."""
    with Store(db).read() as conn:
        row = conn.execute(
            "SELECT speaker FROM quotes_resolved WHERE text LIKE ?", (f"%{words}%",)
        ).fetchone()
    return None if row is None else row[0]


def speaker_id(db: str, name: str) -> int:
    with Store(db).read() as conn:
        row = conn.execute(
            "SELECT id FROM speakers WHERE name = ? AND canonical_id IS NULL", (name,)
        ).fetchone()
    return int(row[0])


def csv_rows(db: str, *extra: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run("export", "--db", db, "--format", "csv", *extra))))


def test_corrections_speaker_by_name_and_id_reach_search_speakers_and_csv(db: str) -> None:
    tolls = quote_id(db, "tolls would be dropped")
    out = run("correct", "speaker", str(tolls), "Tom Baker", "--db", db, "--note", "Baker said it")
    assert "Jane Holloway -> Tom Baker" in out
    assert speaker_of(db, "tolls would be dropped") == "Tom Baker"
    rows = {r["text"]: r for r in csv_rows(db)}
    assert rows["tolls would be dropped within a year"]["speaker_name"] == "Tom Baker"
    assert rows["tolls would be dropped within a year"]["mention"] == ""  # the old mention named Holloway
    assert "tolls would be dropped" in run("search", "tolls", "--db", db, "--speaker", "Tom Baker")
    audit = quote_id(db, "an audit would be published")
    run("correct", "speaker", str(audit), str(speaker_id(db, "Tom Baker")), "--db", db)
    speakers = json.loads(run("speakers", "--db", db, "--json"))
    counts = {s["name"]: s["quotes"] for s in speakers}
    assert counts["Tom Baker"] == 4 and counts["Jane Holloway"] == 3


def test_corrections_typed_name_is_a_speaker_merged_across_articles(db: str) -> None:
    run("correct", "speaker", str(quote_id(db, "tolls would be dropped")), "Hannah Reed", "--db", db)
    run("correct", "speaker", str(quote_id(db, "an audit would be")), "Mrs Hannah Reed", "--db", db)
    found = [s for s in json.loads(run("speakers", "--db", db, "--json")) if "Reed" in s["name"]]
    assert [(s["quotes"], s["articles"]) for s in found] == [(2, 2)]


def test_corrections_reject_restore_and_type(db: str) -> None:
    qid = quote_id(db, "residents about dry weather")
    stats = json.loads(run("stats", "--db", db, "--json"))
    assert "rejected" in run("correct", "reject", str(qid), "--db", db, "--note", "not speech")
    assert speaker_of(db, "residents about dry weather") is None
    assert json.loads(run("stats", "--db", db, "--json"))["quotes"] == stats["quotes"] - 1
    assert "dry weather" not in run("export", "--db", db, "--format", "jsonl")
    assert "restored" in run("correct", "restore", str(qid), "--db", db)
    assert speaker_of(db, "residents about dry weather") == "Omar Haddad"
    out = run("correct", "type", str(quote_id(db, "This bridge joins")), "mixed", "--db", db)
    assert "type direct -> mixed" in out
    rows = {r["text"]: r for r in csv_rows(db, "--type", "mixed")}
    assert rows["This bridge joins two towns that have waited far too long"]["type"] == "mixed"


def test_corrections_add_a_missed_quote(db: str) -> None:
    text = article_text(db, "budget")
    with Store(db).read() as conn:
        article = conn.execute("SELECT id FROM articles WHERE ext_id = 'budget'").fetchone()[0]
    stats = json.loads(run("stats", "--db", db, "--json"))
    missed = "Mayor Jane Holloway defended the harbour budget"  # not extracted (it is no quote: a test)
    start = text.index(missed)
    args = ["correct", "add", str(article), str(start), str(start + len(missed)), "--db", db]
    out = run(*args, "--speaker", "Hannah Reed", "--note", "missed")
    assert "added to article" in out and "said by Hannah Reed" in out
    assert speaker_of(db, missed) == "Hannah Reed"
    assert missed in run("search", "defended", "--db", db)  # full-text search finds it too
    assert json.loads(run("stats", "--db", db, "--json"))["quotes"] == stats["quotes"] + 1
    # a quote that is already there is not added twice: the correction gives it its speaker
    every = text.index("Every pound")
    run("correct", "add", str(article), str(every), str(every + 62), "--speaker", "Tom Baker", "--db", db)
    assert speaker_of(db, "Every pound was spent") == "Tom Baker"
    assert json.loads(run("stats", "--db", db, "--json"))["quotes"] == stats["quotes"] + 1
    run("correct", "undo", "--db", db)  # the speaker given to the existing quote
    assert speaker_of(db, "Every pound was spent") == "Jane Holloway"
    run("correct", "undo", "--db", db)  # the added quote itself: gone from every read
    assert speaker_of(db, missed) is None
    assert json.loads(run("stats", "--db", db, "--json"))["quotes"] == stats["quotes"]
    bad = runner.invoke(app, ["correct", "add", str(article), "5", "99999", "--speaker", "X", "--db", db])
    assert bad.exit_code == 2 and "offsets" in bad.output


def test_corrections_merge_split_and_undo(db: str) -> None:
    holloway, lind = speaker_id(db, "Jane Holloway"), speaker_id(db, "Sara Lind")
    assert "merged into" in run("correct", "merge", str(holloway), str(lind), "--db", db)
    assert speaker_of(db, "meet again next week") == "Jane Holloway"
    assert "undone" in run("correct", "undo", "--db", db)
    assert speaker_of(db, "meet again next week") == "Sara Lind"
    with Store(db).read() as conn:
        budget = conn.execute("SELECT id FROM articles WHERE ext_id = 'budget'").fetchone()[0]
    run("correct", "split", str(holloway), str(budget), "--name", "Jane Holloway", "--db", db)
    names = [(s["name"], s["articles"]) for s in json.loads(run("speakers", "--db", db, "--json"))]
    assert names.count(("Jane Holloway", 1)) == 2  # one person per article now
    listed = run("correct", "list", "--db", db, "--undone")
    assert "undone" in listed and "split off as Jane Holloway" in listed


def test_corrections_survive_reingest_and_reextraction(db: str, tmp_path: Path, extractor: Extractor) -> None:
    tolls = quote_id(db, "tolls would be dropped")
    run("correct", "speaker", str(tolls), "Tom Baker", "--db", db)
    run("correct", "reject", str(quote_id(db, "residents about dry")), "--db", db)
    records = tmp_path / "again.jsonl"
    records.write_text(
        "".join(json.dumps({"id": a.id, "text": a.text, "title": a.title}) + "\n" for a in articles(db)),
        encoding="utf-8",
    )
    assert "0 articles added" in run("ingest", str(records), "--db", db, "--no-progress")
    # a re-extraction (a newer saidwhat): the rows go and come back with new ids
    conn = Store(db).writer()
    writer = StoreWriter(conn)
    for article in articles(db):
        assert writer.forget(article.id)
        writer.write(extractor.extract(article))
    conn.close()
    assert quote_id(db, "tolls would be dropped") != tolls
    assert speaker_of(db, "tolls would be dropped") == "Tom Baker"
    assert speaker_of(db, "residents about dry") is None
    assert run("correct", "list", "--orphaned", "--db", db).strip() == "no orphaned corrections"


def test_corrections_orphan_is_listed_never_dropped(db: str, extractor: Extractor) -> None:
    run(
        "correct",
        "speaker",
        str(quote_id(db, "tolls would be dropped")),
        "Tom Baker",
        "--db",
        db,
        "--note",
        "x",
    )
    conn = Store(db).writer()
    writer = StoreWriter(conn)
    bridge = next(a for a in articles(db) if a.id == "bridge-opens")
    writer.forget("bridge-opens")
    found = extractor.extract(bridge)
    writer.write(replace(found, quotes=tuple(q for q in found.quotes if "tolls" not in q.text)))
    conn.close()
    orphans = run("correct", "list", "--orphaned", "--db", db)
    assert "tolls would be dropped" in orphans and "orphaned" in orphans
    assert json.loads(run("correct", "list", "--orphaned", "--json", "--db", db))[0]["orphaned"] is True


def test_corrections_check_queue_least_certain_first_and_right_leaves_it(db: str) -> None:
    queue = json.loads(run("check", "--db", db, "--json", "--limit", "50"))
    confidences = [q["confidence"] for q in queue["quotes"]]
    assert confidences == sorted(confidences)
    assert any(q["how"].startswith("name: ") for q in queue["quotes"])  # the extractor's own rule, stored
    first = queue["quotes"][0]["id"]
    assert "checked: right" in run("correct", "right", str(first), "--db", db)
    after = json.loads(run("check", "--db", db, "--json", "--limit", "50"))
    assert after["total"] == queue["total"] - 1 and first not in [q["id"] for q in after["quotes"]]


def test_corrections_unknown_quote_and_nothing_to_undo(db: str) -> None:
    missing = runner.invoke(app, ["correct", "reject", "99999", "--db", db])
    assert missing.exit_code == 2 and "no quote with id 99999" in missing.output
    nothing = runner.invoke(app, ["correct", "undo", "--db", db])
    assert nothing.exit_code == 2 and "no correction to undo" in nothing.output


def test_corrections_gold_round_trip(db: str, tmp_path: Path) -> None:
    run("correct", "reject", str(quote_id(db, "residents about dry")), "--db", db)
    run("correct", "speaker", str(quote_id(db, "tolls would be dropped")), "Tom Baker", "--db", db)
    gold = tmp_path / "gold.jsonl"
    assert "2 articles" in run("corrections", "export", "--gold", str(gold), "--db", db)
    docs = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert sorted(d["id"] for d in docs) == ["bridge-opens", "fire"]
    bridge = next(d for d in docs if d["id"] == "bridge-opens")
    tolls = next(q for q in bridge["quotes"] if q["speaker"] == "Tom Baker" and "speaker_mention" not in q)
    assert bridge["text"][tolls["start"] : tolls["end"]].startswith("tolls")
    report = json.loads(run("eval", str(gold), "--json"))["all"]
    assert report["gold"] == 5  # 4 in the bridge story, 1 in the fire warning (the other rejected)
    assert report["predicted"] == 6 and report["quote"]["recall"] == 1.0
    assert report["who_said_what_strict"]["f1"] < 1.0  # the extractor still gives the tolls to Holloway


def test_corrections_migrate_an_old_store_on_read(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    conn.commit()
    conn.close()
    with Store(path).read() as reader:
        assert reader.execute("SELECT count(*) FROM quotes_corrected").fetchone()[0] == 0


def test_corrections_reach_diversity_and_trace(db: str) -> None:
    before = json.loads(run("diversity", "--db", db, "--format", "json"))["total"]["quotes"]
    run("correct", "speaker", str(quote_id(db, "We will keep asking")), "Jane Holloway", "--db", db)
    after = json.loads(run("diversity", "--db", db, "--format", "json"))["total"]["quotes"]
    assert (after["female"], after["male"]) == (before["female"] + 1, before["male"] - 1)
    traced = json.loads(run("trace", "We will keep asking where the money went", "--db", db, "--json"))
    assert "Jane Holloway" in json.dumps(traced) and "Tom Baker" not in json.dumps(traced)
    run("correct", "reject", str(quote_id(db, "We will keep asking")), "--db", db)
    assert "keep asking" not in run("trace", "We will keep asking where the money went", "--db", db, "--json")
    run("correct", "undo", "--db", db)
    run("correct", "undo", "--db", db)
    assert json.loads(run("diversity", "--db", db, "--format", "json"))["total"]["quotes"] == before
