"""The Spark ``families`` dataset gives the same families as the SQLite store on the same quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from saidwhat import families as fam
from saidwhat.spark import spark_session
from saidwhat.spark.families import build_families
from saidwhat.store import Store
from saidwhat.store.writer import StoreWriter
from test_families import CORPUS, TRIMMED, extraction

pytestmark = pytest.mark.spark

MORE = [
    extraction(
        "b1",
        [("Ann Lee", "direct", "the council voted to close the old library on the main street")],
        date="2024-02-01",
        source="One",
    ),
    extraction(
        "b2",
        [
            (
                "Ann Lee",
                "direct",
                "to close the old library on the main street and sell the land to developers next year",
            )
        ],
        date="2024-02-02",
        source="Two",
    ),
    extraction(
        "b3",
        [
            (
                "Bo Chan",
                "direct",
                "the council voted to close the old library on the main street and sell the land",
            )
        ],
        date="2024-02-03",
        source="Three",
    ),
    extraction(
        "b4",
        [("Ann Lee", "direct", "Prices rose faster in March than at any time since the autumn of last year")],
        date="2024-02-03",
        source="One",
    ),
    extraction(
        "b5",
        [
            (
                "Ann Lee",
                "indirect",
                "prices rose faster in march than at any time since the autumn of last year.",
            )
        ],
        date=None,
        source="Two",
    ),
]


def test_spark_families_equal_the_store_families(tmp_path: Path) -> None:
    corpus = [*CORPUS, *MORE, *TRIMMED]
    conn = Store(tmp_path / "s.db").writer()
    writer = StoreWriter(conn)
    for item in corpus:
        writer.write(item)
    rows = conn.execute(
        "SELECT f.family_id, a.ext_id, q.seq FROM quote_family f JOIN quotes q ON q.id = f.quote_id"
        " JOIN articles a ON a.id = q.article_id"
    ).fetchall()
    groups: dict[int, set[tuple[str, int]]] = {}
    for family, ext_id, seq in rows:
        groups.setdefault(family, set()).add((ext_id, seq))
    store = {frozenset(g) for g in groups.values() if len(g) >= 2}
    conflicts = {
        r[0]
        for r in conn.execute("SELECT id FROM families")
        if fam.conflict_of(
            (s, t, False)
            for s, t in conn.execute(
                "SELECT coalesce(s.canonical_id, s.id), q.type FROM quote_family f JOIN quotes q ON q.id = f.quote_id"
                " JOIN speakers s ON s.id = q.speaker_id WHERE f.family_id = ?",
                (r[0],),
            )
        )
    }
    conn.close()
    assert len(store) == 4  # the trimmed quotes are one family, by containment

    spark = spark_session("local[2]", {"spark.sql.shuffle.partitions": "2"})
    try:
        quotes = spark.createDataFrame(
            [
                (e.article.id, i, q.text, q.type, q.speaker.name.split()[-1].lower(), q.speaker.name)
                for e in corpus
                for i, q in enumerate(e.quotes)
            ],
            "article_id string, index int, text string, type string, speaker_id string, speaker_name string",
        )
        articles = spark.createDataFrame(
            [(e.article.id, e.article.date, e.article.source) for e in corpus],
            "article_id string, date string, source string",
        )
        found = build_families(quotes, articles).collect()
    finally:
        spark.stop()
    spark_groups = {frozenset((m["article_id"], m["index"]) for m in row["quotes"]) for row in found}
    assert spark_groups == store
    by_size = {row["article_count"]: row for row in found}
    assert by_size[5]["first_date"] == "2024-03-01" and by_size[5]["first_articles"] == ["a2", "a3"]
    assert by_size[5]["outlet_count"] == 4 and by_size[5]["conflict"] == "direct vs paraphrase"
    assert sum(row["conflict"] is not None for row in found) == len(conflicts) == 2
