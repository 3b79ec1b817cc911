"""``saidwhat eval --pred --json`` on a small gold file: the command scores files exactly as the library does."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from saidwhat.cli import app

TEXT = "“We will win,” Mr. Smith said. Ms. Jones said the plan had failed."


def _write_jsonl(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


def _gold() -> dict:
    smith = TEXT.index("Mr. Smith")
    jones = TEXT.index("Ms. Jones")
    clause = TEXT.index("the plan")
    return {
        "id": "a1",
        "text": TEXT,
        "quotes": [
            {"start": 1, "end": 12, "type": "direct", "speaker": "John Smith",
             "speaker_start": smith, "speaker_end": smith + 9},
            {"start": clause, "end": len(TEXT) - 1, "type": "indirect", "speaker": "Ann Jones",
             "speaker_start": jones, "speaker_end": jones + 9},
        ],
    }  # fmt: skip


def test_cli_eval_pred_json(tmp_path: Path) -> None:
    smith = TEXT.index("Smith")
    gold = _write_jsonl(tmp_path / "gold.jsonl", [_gold()])
    # One prediction: the direct quote with its marks (same alphanumeric positions), said by "Smith",
    # mention on "Smith". The indirect quote is missed.
    pred = _write_jsonl(
        tmp_path / "pred.jsonl",
        [{"id": "a1", "quotes": [{"start": 0, "end": 13, "type": "direct",
                                  "speaker": {"name": "Smith", "start": smith, "end": smith + 5}}]}],
    )  # fmt: skip
    result = CliRunner().invoke(app, ["eval", str(gold), "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    # all types: 2 gold, 1 predicted, 1 matched: P 1, R 0.5, F1 0.6667; speaker lenient only
    everything = report["all"]
    assert (everything["gold"], everything["predicted"], everything["matched"]) == (2, 1, 1)
    assert everything["quote"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}
    assert everything["exact"]["f1"] == 0.6667
    assert everything["who_said_what_strict"]["f1"] == 0.0
    assert everything["who_said_what_lenient"]["f1"] == 0.6667
    assert everything["mention_accuracy"] == 1.0
    # direct,mixed: only the direct quote is gold: 1 of 1 -> 1.0
    assert report["direct,mixed"]["quote"]["f1"] == 1.0


def test_cli_eval_types_option_and_table(tmp_path: Path) -> None:
    gold = _write_jsonl(tmp_path / "gold.jsonl", [_gold()])
    pred = _write_jsonl(tmp_path / "pred.jsonl", [{"id": "a1", "quotes": []}])
    as_json = CliRunner().invoke(
        app, ["eval", str(gold), "--pred", str(pred), "--types", "indirect", "--json"]
    )
    assert as_json.exit_code == 0, as_json.output
    report = json.loads(as_json.output)
    assert set(report) == {"documents", "all", "indirect"}
    assert report["indirect"]["gold"] == 1
    assert report["indirect"]["quote"]["recall"] == 0.0
    table = CliRunner().invoke(app, ["eval", str(gold), "--pred", str(pred)])
    assert table.exit_code == 0, table.output
    assert "quote F1" in table.output
