"""Small cases through the real commands: a Parquet input with a negative span is one Failure, and a date
that is not a date is a usage error (exit 2) in every command that takes --since/--until."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from saidwhat.cli import app

TEXT = '"We will build it," Mayor Jane Holloway said.'


def _spark_output(root: Path, spans: dict[str, list[dict[str, int]]]) -> Path:
    """A minimal ``saidwhat spark`` output: one quote per article, with the given spans."""
    ids = sorted(spans)
    tables = {
        "articles": {
            "article_id": ids,
            "text": [f"{TEXT} ({i})" for i in ids],
            **{k: [None] * len(ids) for k in ("title", "url", "date", "source", "byline")},
            "quote_count": [1] * len(ids),
            "speaker_count": [1] * len(ids),
        },
        "article_speakers": {
            "article_id": ids,
            "article_speaker_id": ["s0"] * len(ids),
            "index": [0] * len(ids),
            "speaker_id": ["jane-holloway"] * len(ids),
            "identity_key": ["jane holloway"] * len(ids),
            "quote_count": [1] * len(ids),
            "name": ["Jane Holloway"] * len(ids),
            "kind": ["person"] * len(ids),
            "aliases": [["Holloway"]] * len(ids),
            "titles": [["Mayor"]] * len(ids),
            "gender": [None] * len(ids),
            "gender_evidence": [None] * len(ids),
            "gender_counts": ["[]"] * len(ids),
        },
        "quotes": {
            "article_id": ids,
            "index": [0] * len(ids),
            "article_speaker_id": ["s0"] * len(ids),
            "speaker_id": ["jane-holloway"] * len(ids),
            "start": [spans[i][0]["start"] for i in ids],
            "end": [spans[i][-1]["end"] for i in ids],
            "kind": ["speech"] * len(ids),
            "speaker_name": ["Jane Holloway"] * len(ids),
            "speaker_kind": ["person"] * len(ids),
            "spans": [spans[i] for i in ids],
            "text": ["We will build it,"] * len(ids),
            "type": ["direct"] * len(ids),
            "mention": ["Mayor Jane Holloway"] * len(ids),
            "mention_start": [20] * len(ids),
            "mention_end": [39] * len(ids),
            "cue": ["said"] * len(ids),
            "cue_start": [40] * len(ids),
            "cue_end": [44] * len(ids),
            "confidence": [0.9] * len(ids),
        },
        "failures": {"article_id": [], "stage": [], "reason": [], "source": []},
    }
    for name, columns in tables.items():
        (root / name).mkdir(parents=True)
        table = (
            pa.table(columns)
            if columns["article_id"]
            else pa.table({k: pa.array([], pa.string()) for k in columns})
        )
        pq.write_table(table, root / name / "part-00000.parquet")
    return root


def test_a_parquet_input_with_a_negative_span_is_one_failure(tmp_path: Path):
    out = _spark_output(
        tmp_path / "pq",
        {
            "a-good": [{"start": 1, "end": 18}],
            "b-bad": [{"start": -5, "end": 18}],
            "c-good": [{"start": 1, "end": 18}],
        },
    )
    db = tmp_path / "s.db"
    result = CliRunner().invoke(
        app, ["ingest", str(out), "--format", "parquet", "--db", str(db), "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    with sqlite3.connect(db) as conn:
        stored = sorted(r[0] for r in conn.execute("SELECT ext_id FROM articles"))
        failures = conn.execute("SELECT article_ext_id, stage, reason FROM failures").fetchall()
    assert stored == ["a-good", "c-good"]
    [(where, stage, reason)] = failures
    assert where == "b-bad" and stage == "read" and "bad span" in reason


@pytest.mark.parametrize(
    "args",
    [
        ["search", "bridge", "--since", "garbage"],
        ["search", "bridge", "--until", "2024-13-99"],
        ["search", "bridge", "--since", "2024-1-5"],
        ["quotes", "--speaker", "Holloway", "--until", "yesterday"],
        ["export", "--since", "garbage"],
        ["diversity", "--since", "garbage"],
    ],
)
def test_a_date_that_is_not_a_date_is_a_usage_error(web_store: Path, args: list[str]):
    result = CliRunner().invoke(app, [*args, "--db", str(web_store)])
    assert result.exit_code == 2
    assert "is not a date: give YYYY-MM-DD" in result.output


def test_a_real_date_is_taken(web_store: Path):
    result = CliRunner().invoke(
        app, ["search", "bridge", "--since", "2024-03-01", "--until", "2024-03-31", "--db", str(web_store)]
    )
    assert result.exit_code == 0, result.output
