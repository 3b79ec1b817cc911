"""Executor side: one input row becomes articles to extract, or failures that say why not.

Runs inside Spark tasks, so it never raises for a bad record: a job over millions of articles must
not die for one undecodable file. Ids, sources, titles and the WARC rule are ``saidwhat.formats``',
the same as ``saidwhat ingest``'s; a WARC file is read by ingest's own WARC reader.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import Any

from saidwhat.archives import warc_items
from saidwhat.article_text import decode_bytes, repair_optional, repair_text
from saidwhat.datelines import read_top
from saidwhat.errors import InputError
from saidwhat.formats import FieldMap, file_id, headline
from saidwhat.ingest.records import json_line_article
from saidwhat.model import Article, Failure

MAX_PAGE_BYTES = 8_000_000  # one WARC page larger than this is a failure (ingest's default max_bytes)


def to_articles(row: Mapping[str, Any], fields: FieldMap | None = None) -> Iterator[Article | Failure]:
    """The articles in one input row (one, or many for a WARC file), failures in their place; a JSONL
    line is read by ingest's own rule (``json_line_article``), its fields named by ``fields``."""
    path = row["path"]
    article_id = row["id"] or file_id(path or "unnamed")
    if row["container"] == "jsonl":
        yield json_line_article(row["data"] or b"", fields or FieldMap(), article_id, path or article_id)
        return
    if row["container"] == "warc":
        data = row["data"] or b""
        yield from warc_items(io.BytesIO(data), path or article_id, size=len(data), max_bytes=MAX_PAGE_BYTES)
        return
    if row["problem"]:
        yield Failure(article_id, "read", row["problem"], source=path)
        return
    text = row["text"]
    if text is None:
        try:
            text = decode_bytes(row["data"] or b"")
        except InputError as exc:
            yield Failure(article_id, "read", str(exc), source=path)
            return
    title, day, source = row["title"], row["date"], row["source"]
    if row["container"] == "text":  # a .txt file: its headline, dateline and date line, as ingest reads them
        top = read_top(text)
        title, day, source = title or headline(text), day or top.date, source or top.agency
    yield Article(  # lone surrogates repaired as ingest repairs them: Parquet and SQLite need UTF-8
        id=repair_text(article_id),
        text=repair_text(text),
        title=repair_optional(title),
        url=repair_optional(row["url"]),
        date=repair_optional(day),
        source=repair_optional(source),
        byline=repair_optional(row["byline"]),
    )
