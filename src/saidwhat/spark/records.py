"""Executor side: one input row becomes articles to extract, or failures that say why not.

Runs inside Spark tasks, so it never raises for a bad record: a job over millions of articles must
not die for one undecodable file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlparse

from saidwhat.errors import InputError
from saidwhat.model import Article, Failure
from saidwhat.spark.warc import warc_articles
from saidwhat.textinput import decode_bytes


def file_stem(path: str | None) -> str:
    """``a`` for ``file:/corpus/a.txt``: the id ``saidwhat extract`` gives a file."""
    if not path:
        return "unnamed"
    return PurePosixPath(urlparse(path).path).stem or path


def to_articles(row: Mapping[str, Any]) -> Iterator[Article | Failure]:
    """The articles in one input row (one, or many for a WARC file), failures in their place."""
    article_id = row["id"] or file_stem(row["source"])
    if row["container"] == "warc":
        yield from warc_articles(row["data"] or b"", row["source"] or article_id)
        return
    if row["problem"]:
        yield Failure(article_id, "read", row["problem"], source=row["source"])
        return
    text = row["text"]
    if text is None:
        try:
            text = decode_bytes(row["data"] or b"")
        except InputError as exc:
            yield Failure(article_id, "read", str(exc), source=row["source"])
            return
    yield Article(
        id=article_id,
        text=text,
        title=row["title"],
        url=row["url"],
        date=row["date"],
        source=row["source"],
        byline=row["byline"],
    )
