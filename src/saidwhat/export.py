"""Export the store as flat quote records: JSONL, CSV or Parquet, streamed row by row.

One record per quote, with its article and its canonical speaker, so the three formats hold the
same table and any of them loads straight into pandas, DuckDB or a spreadsheet. Rows are read from
a cursor and written in batches: memory does not grow with the size of the store.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from saidwhat.model import QUOTE_KINDS
from saidwhat.store.queries import CANONICAL

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
    ]
)
COLUMNS: tuple[str, ...] = tuple(SCHEMA.names)

_ROWS = f"""
SELECT q.id AS quote_id, a.id AS article_id, a.ext_id AS article_ext_id, a.title, a.url, a.date, a.source,
       q.start_char AS start, q.end_char AS "end", q.spans, q.text, q.type, q.kind,
       c.id AS speaker_id, c.name AS speaker_name, c.kind AS speaker_kind,
       (SELECT m.text FROM mentions m WHERE m.quote_id = q.id LIMIT 1) AS mention,
       q.cue, q.cue_start, q.cue_end, q.confidence
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN speakers c ON c.id = {CANONICAL}
{{where}}ORDER BY q.article_id, q.seq
"""


def quote_rows(conn: sqlite3.Connection, kinds: Sequence[str] = ()) -> Iterator[dict[str, Any]]:
    """Every quote (of ``kinds``, when given) as a flat record, in article order, read lazily."""
    where = f"WHERE q.kind IN ({','.join('?' * len(kinds))})\n" if kinds else ""
    cursor = conn.execute(_ROWS.format(where=where), tuple(kinds))
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def write_jsonl(conn: sqlite3.Connection, out: TextIO, kinds: Sequence[str] = ()) -> int:
    count = 0
    for row in quote_rows(conn, kinds):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(conn: sqlite3.Connection, out: TextIO, kinds: Sequence[str] = ()) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for row in quote_rows(conn, kinds):
        writer.writerow(row)
        count += 1
    return count


def write_parquet(conn: sqlite3.Connection, path: str | Path, kinds: Sequence[str] = ()) -> int:
    count = 0
    with pq.ParquetWriter(str(path), SCHEMA) as writer:
        batch: list[dict[str, Any]] = []
        for row in quote_rows(conn, kinds):
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
    conn: sqlite3.Connection, fmt: str, out: str | Path | None = None, kinds: Sequence[str] = ()
) -> int:
    """Write every quote (of ``kinds``, when given) in ``fmt`` to ``out`` (stdout when None; Parquet
    needs a path); return the count."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"bad export format {fmt!r}: allowed are {', '.join(EXPORT_FORMATS)}")
    bad = [k for k in kinds if k not in QUOTE_KINDS]
    if bad:
        raise ValueError(f"bad quote kind {bad[0]!r}: allowed are {', '.join(QUOTE_KINDS)}")
    if fmt == "parquet":
        if out is None:
            raise ValueError("parquet export needs --out PATH (it is a binary file)")
        return write_parquet(conn, out, kinds)
    write = write_jsonl if fmt == "jsonl" else write_csv
    if out is None:
        return write(conn, sys.stdout, kinds)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        return write(conn, handle, kinds)
