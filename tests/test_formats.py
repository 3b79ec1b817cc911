"""The rules ``saidwhat ingest`` and ``saidwhat spark`` share: formats by name, ids, headline titles."""

from __future__ import annotations

import hashlib

import pytest

from saidwhat.formats import (
    SPARK_FORMATS,
    InputFormat,
    file_id,
    format_of_name,
    headline,
    input_root,
    record_id,
)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", InputFormat.text),
        ("A.HTM", InputFormat.html),
        ("crawl.warc.gz", InputFormat.warc),
        ("old.arc", InputFormat.warc),
        ("news.ndjson", InputFormat.jsonl),
        ("rows.tsv", InputFormat.csv),
        ("notes.md", None),
        ("data.json", None),
    ],
)
def test_formats_by_name(name: str, fmt: InputFormat | None) -> None:
    assert format_of_name(name) is fmt


def test_spark_reads_compressed_jsonl_only() -> None:
    assert format_of_name("news.jsonl.gz", decompressing=True) is InputFormat.jsonl
    assert format_of_name("news.jsonl.gz") is None
    assert format_of_name("a.txt.bz2", decompressing=True) is None
    assert InputFormat.html not in SPARK_FORMATS and InputFormat.jsonl in SPARK_FORMATS


def test_record_id_is_the_file_name_and_a_hash_of_the_text() -> None:
    digest = hashlib.sha256("Él dijo.".encode()).hexdigest()[:16]
    assert record_id("/corpus/news.jsonl", "Él dijo.") == f"news.jsonl:{digest}"
    assert record_id("file:/x/news.jsonl", "Él dijo.") == record_id("news.jsonl", "Él dijo.")


def test_file_id_is_the_path_under_the_root(tmp_path) -> None:
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "a.txt"
    assert file_id(str(path), str(tmp_path)) == "sub/a"
    assert file_id(path.as_uri().replace("file:///", "file:/"), str(tmp_path)) == "sub/a"  # Spark's
    assert file_id(str(path)) == "a"
    assert file_id("hdfs://nn:8020/corpus/x/b.txt", "hdfs://nn/corpus") == "x/b"
    assert input_root(str(tmp_path)) == str(tmp_path)
    assert input_root(f"{tmp_path}/*/a.txt") == str(tmp_path)
    assert input_root(str(path)) is None


def test_headline_is_a_short_first_line_standing_alone() -> None:
    assert headline("Talks end without a deal\n\nThe mayor said so.") == "Talks end without a deal"
    assert headline("The mayor said so on Tuesday.\nMore.") is None
    assert headline("WELLINGTON, May 4 (Wire) - talks\nMore") is None


def _write(root, dataset: str, rows: list[dict]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    (root / dataset).mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows), root / dataset / "part-0.parquet")


def test_spark_parquet_is_read_by_column_name_kind_included(tmp_path) -> None:
    from saidwhat.datasets import ARTICLE_SPEAKER_COLUMNS, QUOTE_COLUMNS
    from saidwhat.errors import InputError
    from saidwhat.ingest.spark_parquet import read_extractions

    text = "She wrote that prices rose."
    article = {"article_id": "a1", "title": None, "url": None, "date": None, "source": None, "byline": None}
    _write(tmp_path, "articles", [{"speaker_count": 0, "quote_count": 1, "text": text, **article}])
    _write(tmp_path, "article_speakers", [{**dict.fromkeys(ARTICLE_SPEAKER_COLUMNS), "article_id": "a0"}])
    quote = dict.fromkeys(reversed(QUOTE_COLUMNS))  # another column order than Spark's
    quote.update(article_id="a1", index=0, start=15, end=26, spans=[{"start": 15, "end": 26}])
    quote.update(text="prices rose", type="indirect", confidence=0.5, kind="writing")
    _write(tmp_path, "quotes", [quote])
    [extraction] = read_extractions(str(tmp_path))
    assert [(q.text, q.kind) for q in extraction.quotes] == [("prices rose", "writing")]
    broken = tmp_path / "broken"
    _write(broken, "articles", [{"article_id": "a1", "text": text}])
    with pytest.raises(InputError, match="no title"):
        list(read_extractions(str(broken)))
