"""Export the store as flat quote records: JSONL, CSV or Parquet, streamed row by row.

One record per quote, with its article and its canonical speaker, so the three formats hold the
same table and any of them loads straight into pandas, DuckDB or a spreadsheet. Rows are read from
a cursor and written in batches: memory does not grow with the size of the store.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from saidwhat.model import QUOTE_KINDS
from saidwhat.spreadsheet import CsvWriter
from saidwhat.store.gender import speaker_genders
from saidwhat.store.queries import CANONICAL, SPEAKER_HOW, quote_filter, quote_order

EXPORT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")
BATCH_ROWS = 10_000

SCHEMA = pa.schema(
    [
        ("quote_id", pa.int64()),
        ("article_id", pa.int64()),
        ("article_ext_id", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("date", pa.string()),
        ("source", pa.string()),
        ("byline", pa.string()),  # the article's author(s), where the page or record names them
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("spans", pa.string()),  # JSON [[start, end], ...] into the article text
        ("text", pa.string()),
        ("type", pa.string()),
        ("kind", pa.string()),
        ("speaker_id", pa.int64()),
        ("speaker_name", pa.string()),
        ("speaker_kind", pa.string()),
        ("mention", pa.string()),
        ("cue", pa.string()),
        ("cue_start", pa.int64()),
        ("cue_end", pa.int64()),
        ("confidence", pa.float64()),
        ("speaker_gender", pa.string()),  # female, male or None (unknown), as decided for the whole store
        ("speaker_how", pa.string()),  # why this speaker: the extractor's rule and words, or a reader's fix
    ]
)
COLUMNS: tuple[str, ...] = tuple(SCHEMA.names)

_ROWS = f"""
SELECT q.id AS quote_id, a.id AS article_id, a.ext_id AS article_ext_id, a.title, a.url, a.date, a.source,
       a.byline, q.start_char AS start, q.end_char AS "end", q.spans, q.text, q.type, q.kind,
       c.id AS speaker_id, c.name AS speaker_name, c.kind AS speaker_kind,
       CASE WHEN q.speaker_corrected THEN NULL
            ELSE (SELECT m.text FROM mentions m WHERE m.quote_id = q.id LIMIT 1) END AS mention,
       q.cue, q.cue_start, q.cue_end, q.confidence, {SPEAKER_HOW} AS speaker_how
FROM quotes_corrected q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN speakers c ON c.id = {CANONICAL}
"""


def quote_rows(
    conn: sqlite3.Connection,
    kinds: Sequence[str] = (),
    *,
    filters: Mapping[str, Any] | None = None,
    sort: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Every quote (of ``kinds``, matching ``filters``: those of ``search_quotes``) as a flat record,
    in article order unless ``sort`` is given, read lazily."""
    chosen = dict(filters or {})
    if kinds:
        chosen["kind"] = ",".join(kinds)
    found = quote_filter(conn, **chosen)
    if found.empty:
        return
    order = quote_order(sort, found.fts) if sort else "q.article_id, q.seq"
    genders = speaker_genders(conn)
    cursor = conn.execute(f"{_ROWS}{found.joins()}{found.clause()} ORDER BY {order}", found.params)
    names = [d[0] for d in cursor.description]
    for row in cursor:
        record = dict(zip(names, row, strict=True))
        call = genders.get(record["speaker_id"]) if record["speaker_id"] is not None else None
        record["speaker_gender"] = call.gender if call else None
        yield {name: record[name] for name in COLUMNS}  # in the schema's order, in every format


def csv_spans(spans: str | list[list[int]]) -> str:
    """Spans as a spreadsheet reads them: ``start-end;start-end``."""
    pairs = json.loads(spans) if isinstance(spans, str) else spans
    return ";".join(f"{int(p[0])}-{int(p[1])}" for p in pairs if len(p) == 2)


def csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """A record as CSV shows it: spans as ``start-end;start-end``, confidence with two decimals."""
    row = dict(record)
    if "spans" in row:
        row["spans"] = csv_spans(row["spans"])
    if isinstance(row.get("confidence"), float):
        row["confidence"] = f"{row['confidence']:.2f}"
    return row


def write_jsonl(conn: sqlite3.Connection, out: TextIO, kinds: Sequence[str] = (), **query: Any) -> int:
    count = 0
    for row in quote_rows(conn, kinds, **query):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(conn: sqlite3.Connection, out: TextIO, kinds: Sequence[str] = (), **query: Any) -> int:
    writer = CsvWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for row in quote_rows(conn, kinds, **query):
        writer.writerow(csv_row(row))
        count += 1
    return count


def write_parquet(conn: sqlite3.Connection, path: str | Path, kinds: Sequence[str] = (), **query: Any) -> int:
    count = 0
    with pq.ParquetWriter(str(path), SCHEMA) as writer:
        batch: list[dict[str, Any]] = []
        for row in quote_rows(conn, kinds, **query):
            batch.append(row)
            if len(batch) >= BATCH_ROWS:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=SCHEMA))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=SCHEMA))
            count += len(batch)
    return count


def export(
    conn: sqlite3.Connection,
    fmt: str,
    out: str | Path | None = None,
    kinds: Sequence[str] = (),
    *,
    filters: Mapping[str, Any] | None = None,
    sort: str | None = None,
) -> int:
    """Write every quote (of ``kinds``, matching ``filters``, when given) in ``fmt`` to ``out`` (stdout
    when None; Parquet needs a path); return the count."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"bad export format {fmt!r}: allowed are {', '.join(EXPORT_FORMATS)}")
    wanted = list(kinds) + [k for k in str((filters or {}).get("kind") or "").split(",") if k]
    bad = [k for k in wanted if k not in QUOTE_KINDS]
    if bad:
        raise ValueError(f"bad quote kind {bad[0]!r}: allowed are {', '.join(QUOTE_KINDS)}")
    query: dict[str, Any] = {"filters": filters, "sort": sort}
    if fmt == "parquet":
        if out is None:
            raise ValueError("parquet export needs --out PATH (it is a binary file)")
        return write_parquet(conn, out, kinds, **query)
    write = write_jsonl if fmt == "jsonl" else write_csv
    if out is None:
        return write(conn, sys.stdout, kinds, **query)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        return write(conn, handle, kinds, **query)
