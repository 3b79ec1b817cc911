"""Broken and hostile input files through the real ingest: one bad record is one Failure, the rest stored.

Sizes are bounded (20-record archives, a 5,000-deep JSON line) so the file runs in seconds.
"""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from saidwhat.ingest import IngestOptions, ingest
from saidwhat.model import Failure
from saidwhat.settings import Settings

PAGE = """<html><head><title>Talks end, day {n}</title></head><body>
<nav>Home | World | Sport | Subscribe</nav><article><h1>Talks end without a deal on day {n}</h1>
<p>The mayor said on Tuesday that the talks had ended. "Sometimes you have to walk away," the mayor told
reporters at a news conference in the city after a long night of meetings on day {n} of the strike.</p>
<p>Union leaders said they would meet again next week to decide what to do about the offer on the table.</p>
</article><footer>Copyright 2024</footer></body></html>"""


UNREMARKED_TAIL = 16  # bytes at a record's end whose loss loses none of its content


def _warc(path: Path, records: int = 20, first: int = 0) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        for n in range(first, first + records):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            body = io.BytesIO(PAGE.format(n=n).encode())
            record = writer.create_warc_record(
                f"http://news.test/{n}", "response", payload=body, http_headers=headers
            )
            writer.write_record(record)


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def _failures(db: Path) -> list[tuple[str, str, str]]:
    return _rows(db, "SELECT article_ext_id, stage, reason FROM failures ORDER BY id")


def _articles(db: Path) -> int:
    return _rows(db, "SELECT count(*) FROM articles")[0][0]


def _jsonl(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _good(n: int) -> str:
    return json.dumps({"id": f"good-{n}", "text": f'"We are fine," said Ann Lee on day {n}.'})


@pytest.mark.parametrize("workers", [1, 2])
def test_a_jsonl_line_nested_5000_deep_is_one_failure(tmp_path: Path, workers: int):
    deep = '{"id": "deep", "text": "x", "title": ' + "[" * 5000 + "]" * 5000 + "}"
    _jsonl(tmp_path / "in.jsonl", [_good(1), deep, _good(2), _good(3)])
    db = tmp_path / "s.db"
    options = IngestOptions(workers=workers, settings=Settings(batch_size=1))
    summary = ingest([str(tmp_path / "in.jsonl")], db, options)
    assert summary.articles == 3 and summary.failures == 1
    [(where, stage, reason)] = _failures(db)
    assert where.endswith("in.jsonl:2") and stage == "read" and "nested too deeply" in reason
    again = ingest([str(tmp_path / "in.jsonl")], db, IngestOptions())  # a re-run does not crash either
    assert again.skipped == 3


@pytest.mark.parametrize(("field", "value"), [("title", ["a", "b"]), ("url", {"href": "x"}), ("id", [1])])
def test_a_jsonl_field_that_is_not_a_string_is_a_failure(tmp_path: Path, field: str, value: object):
    record = {"id": "r1", "text": '"Fine," she said.', field: value}
    _jsonl(tmp_path / "in.jsonl", [json.dumps(record), _good(1)])
    db = tmp_path / "s.db"
    summary = ingest([str(tmp_path / "in.jsonl")], db, IngestOptions())
    assert summary.articles == 1 and summary.failures == 1
    [(_, stage, reason)] = _failures(db)
    assert stage == "read" and f"field {field!r}" in reason
    assert not _rows(db, "SELECT 1 FROM articles WHERE title LIKE '[%' OR url LIKE '{%'")


def test_a_warc_cut_to_100_bytes_is_one_failure_and_the_next_archive_is_stored(tmp_path: Path):
    _warc(tmp_path / "a.warc.gz")
    (tmp_path / "a.warc.gz").write_bytes((tmp_path / "a.warc.gz").read_bytes()[:100])
    _warc(tmp_path / "b.warc.gz", first=100)
    db = tmp_path / "s.db"
    summary = ingest([str(tmp_path)], db, IngestOptions())
    assert _articles(db) == 20
    assert summary.failures == 1
    [(where, stage, _)] = _failures(db)
    assert where.endswith("a.warc.gz") and stage == "read"


@pytest.mark.parametrize("name", ["half.warc.gz", "half.warc"])
def test_a_warc_cut_in_half_says_so_with_the_offset(tmp_path: Path, name: str):
    path = tmp_path / name
    _warc(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    db = tmp_path / "s.db"
    ingest([str(path)], db, IngestOptions())
    stored = _articles(db)
    assert 0 < stored < 20
    [(where, stage, reason)] = _failures(db)
    assert where.endswith(name) and stage == "read"
    assert "truncated" in reason and "offset" in reason


def test_a_whole_warc_has_no_failure(tmp_path: Path):
    _warc(tmp_path / "ok.warc.gz")
    db = tmp_path / "s.db"
    ingest([str(tmp_path / "ok.warc.gz")], db, IngestOptions())
    assert _articles(db) == 20 and _failures(db) == []


@pytest.mark.parametrize("name", ["cut.warc.gz", "cut.warc"])
def test_a_warc_cut_anywhere_never_loses_records_silently(tmp_path: Path, name: str):
    from warcio.archiveiterator import ArchiveIterator

    from saidwhat.ingest.warc import read_warc

    path = tmp_path / name
    _warc(path, records=3)
    data = path.read_bytes()
    with open(path, "rb") as handle:
        iterator = ArchiveIterator(handle)
        boundaries = {0}
        for _ in iterator:
            iterator.read_to_end()
            boundaries.add(iterator.offset)
    for cut in range(1, len(data), 29):
        path.write_bytes(data[:cut])
        items = list(read_warc(str(path), max_bytes=1_000_000))
        failures = [i for i in items if isinstance(i, Failure)]
        assert len(failures) <= 1, cut
        if not failures:  # only a cut that loses no record's content may go unremarked
            # what may be missing unremarked: a gzip trailer (8 bytes) and the compressed record
            # terminator before it (a few bytes, depending on how the record compressed)
            whole = sum(1 for end in boundaries if 0 < end <= cut + UNREMARKED_TAIL)
            assert len(items) == whole and any(end - UNREMARKED_TAIL <= cut <= end for end in boundaries), cut
        else:
            assert failures[0].article_id == str(path), cut
            assert "offset" in failures[0].reason or "no WARC records" in failures[0].reason, cut
