"""Spark and ingest read the same inputs by one rule: a JSONL record whose text is a number is a
failure under both, and a directory mixing .txt and .jsonl is read file by file by extension under
both (one small local Spark run)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from saidwhat.ingest import IngestOptions, ingest
from saidwhat.ingest.spark_parquet import read_extractions, read_failures
from saidwhat.model import Extraction
from saidwhat.spark import SparkJob, run_job, spark_session

pytestmark = pytest.mark.spark


def test_spark_inputs_follow_ingests_rule(tmp_path: Path):
    corpus = tmp_path / "mixed"
    (corpus / "notes").mkdir(parents=True)
    records = [
        {"id": "good", "text": '"We are ready," said Ann Lee.'},
        {"id": "number", "text": 12345},
        {"id": "listed", "text": ["not", "text"]},
    ]
    (corpus / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (corpus / "notes" / "memo.txt").write_text('"It works," Bo Ek said on Monday.\n', encoding="utf-8")

    db = tmp_path / "ingest.db"
    ingest([str(corpus)], db, IngestOptions())
    with sqlite3.connect(db) as conn:
        ingested = {r[0] for r in conn.execute("SELECT ext_id FROM articles")}
        ingest_failures = dict(conn.execute("SELECT article_ext_id, reason FROM failures"))

    out = tmp_path / "out"
    spark = spark_session("local[1]", {"spark.sql.shuffle.partitions": "1"})
    try:
        run_job(spark, SparkJob(inputs=(str(corpus),), output=str(out), overwrite=True))
    finally:
        spark.stop()
    sparked = {e.article.id for e in read_extractions(str(out)) if isinstance(e, Extraction)}
    spark_failures = {f.article_id: f.reason for f in read_failures(str(out))}

    assert ingested == sparked == {"good", "notes/memo"}
    assert ingest_failures == spark_failures
    assert set(spark_failures) == {"number", "listed"}
