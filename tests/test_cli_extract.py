"""``saidwhat extract`` end to end: the EVAL.md contract, HTML pages, and bad files that do not stop a run."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from saidwhat.cli import app


def run(*args: str) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(app, ["extract", *args])
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return result.exit_code, lines, result.stderr


def test_cli_extract_writes_the_output_contract(tmp_path: Path):
    article = tmp_path / "budget.txt"
    article.write_text(
        "“The budget is balanced,” Finance Minister Ola Berg said on Tuesday.", encoding="utf-8"
    )
    code, records, _ = run(str(article))
    assert code == 0
    (record,) = records
    assert record["id"] == "budget"
    quote = record["quotes"][0]
    assert set(quote) >= {"start", "end", "spans", "text", "type", "speaker", "cue", "confidence"}
    assert quote["speaker"]["name"] == "Ola Berg"
    assert set(quote["speaker"]) >= {"id", "name", "mention", "start", "end", "kind"}
    assert record["speakers"][0]["titles"] == ["Finance Minister"]


def test_cli_extract_reads_the_main_text_of_html_pages(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><nav>Home | Sport</nav><article><h1>Final</h1>"
        "<p>“We never gave up,” said captain Rosa Diaz after the final.</p></article>"
        "<script>track()</script></body></html>",
        encoding="utf-8",
    )
    code, (record,), _ = run(str(page))
    assert code == 0
    assert "track()" not in record["text"] and "Home | Sport" not in record["text"]
    quote = record["quotes"][0]
    assert record["text"][quote["start"] : quote["end"]] == "We never gave up"


def test_cli_extract_reports_bad_files_and_goes_on(tmp_path: Path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01\x02" * 100)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    good = tmp_path / "good.txt"
    good.write_text("“It works,” said engineer Tom Hale.", encoding="utf-8")
    code, records, stderr = run(str(binary), str(empty), str(good))
    assert code == 1
    assert [r["id"] for r in records] == ["good"]
    assert "photo: read: input looks binary" in stderr
    assert "empty: input: article text is empty" in stderr
