"""Export: the same quote table in JSONL, CSV and Parquet, and the store CLI around it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from saidwhat.cli import app
from saidwhat.store import Store
from saidwhat.store.export import COLUMNS
from saidwhat.store.writer import StoreWriter
from test_store_writer import make


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "x.db"
    writer = StoreWriter(Store(path).writer())
    writer.write(
        make("a1", [("Helen Achterberg", "Achterberg", 'Prices, wages, and "more"')], date="2024-01-02")
    )
    writer.write(
        make(
            "a2", [("Helen Achterberg", "Ms Achterberg", "Second"), ("Peter Lindqvist", "Lindqvist", "Third")]
        )
    )
    writer.conn.close()
    return path


def test_export_three_formats_hold_the_same_rows(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt in ("jsonl", "csv", "parquet"):
        result = runner.invoke(
            app, ["export", "--db", str(db), "--format", fmt, "--out", str(tmp_path / f"q.{fmt}")]
        )
        assert result.exit_code == 0, result.output
    from_jsonl = [
        json.loads(line) for line in (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    with (tmp_path / "q.csv").open(encoding="utf-8", newline="") as handle:
        from_csv = list(csv.DictReader(handle))
    from_parquet = pq.read_table(tmp_path / "q.parquet").to_pylist()
    assert [r["text"] for r in from_jsonl] == ['Prices, wages, and "more"', "Second", "Third"]
    assert (
        [r["text"] for r in from_csv] == [r["text"] for r in from_jsonl] == [r["text"] for r in from_parquet]
    )
    assert list(from_jsonl[0]) == list(COLUMNS) == list(from_csv[0]) == list(from_parquet[0])
    assert from_parquet[1]["speaker_name"] == "Helen Achterberg" and from_parquet[0]["date"] == "2024-01-02"


def test_export_jsonl_to_stdout_and_parquet_needs_out(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--db", str(db)])
    assert result.exit_code == 0 and len(result.output.splitlines()) == 3
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "parquet"]).exit_code == 2


def test_export_store_cli_queries(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    stats = json.loads(runner.invoke(app, ["stats", "--db", str(db), "--json"]).output)
    assert (stats["articles"], stats["quotes"], stats["speakers"], stats["failures"]) == (2, 3, 2, 0)
    speakers = json.loads(runner.invoke(app, ["speakers", "--db", str(db), "--json", "--top", "1"]).output)
    assert [(s["name"], s["quotes"]) for s in speakers] == [("Helen Achterberg", 2)]
    found = json.loads(runner.invoke(app, ["search", "wages", "--db", str(db), "--json"]).output)
    assert found["total"] == 1
    mine = json.loads(
        runner.invoke(app, ["quotes", "--speaker", "Achterberg", "--db", str(db), "--json"]).output
    )
    assert mine["total"] == 2
    dated = runner.invoke(
        app, ["search", "second", "--db", str(db), "--since", "2024-01-01", "--json"]
    ).output
    assert json.loads(dated)["total"] == 0  # a2 has no date
    missing = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "saidwhat ingest" in missing.output
