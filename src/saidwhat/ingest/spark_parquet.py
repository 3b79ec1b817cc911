"""Read the Parquet datasets of ``saidwhat spark`` back as Extractions, for ``saidwhat ingest``.

The datasets and their columns are ``saidwhat.datasets``'; every column is read by its name, and a
dataset that lacks one is refused. ``saidwhat spark`` writes every dataset sorted by article id, so articles, their speakers and their
quotes are read side by side, one row group at a time, and the memory used stays that of one batch
whatever the size of the corpus.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

import pyarrow.fs as pafs
import pyarrow.parquet as pq

from saidwhat.datasets import OPTIONAL_READ_COLUMNS, READ_COLUMNS
from saidwhat.errors import InputError
from saidwhat.model import Article, Extraction, Failure, Mention, Quote, Span, Speaker

BATCH_ROWS = 1024
Row = dict[str, Any]


def _filesystem(path: str) -> tuple[pafs.FileSystem, str]:
    try:
        return pafs.FileSystem.from_uri(path)
    except (pafs.ArrowInvalid, ValueError):  # a plain relative or absolute local path
        local = pafs.LocalFileSystem()
        return local, str(Path(path).resolve())


def _rows(path: str, dataset: str) -> Iterator[Row]:
    """The rows of one dataset, part files in name order (the order Spark's sort wrote them in)."""
    fs, root = _filesystem(path)
    where = f"{root.rstrip('/')}/{dataset}"
    if fs.get_file_info(where).type != pafs.FileType.Directory:
        raise InputError(f"{path} is not the output of saidwhat spark: no {dataset}/ dataset in it")
    files = sorted(
        info.path
        for info in fs.get_file_info(pafs.FileSelector(where))
        if info.is_file and info.base_name.endswith(".parquet") and not info.base_name.startswith(("_", "."))
    )
    columns = list(READ_COLUMNS[dataset])
    for file in files:
        with fs.open_input_file(file) as handle:
            parquet = pq.ParquetFile(handle)
            present = parquet.schema_arrow.names
            missing = [c for c in columns if c not in present and c not in OPTIONAL_READ_COLUMNS]
            if missing:
                raise InputError(f"{file} is not a saidwhat spark {dataset} dataset: no {', '.join(missing)}")
            for batch in parquet.iter_batches(
                batch_size=BATCH_ROWS, columns=[c for c in columns if c in present]
            ):
                yield from batch.to_pylist()


class _Groups:
    """Rows of a dataset sorted by article id, handed out one article's worth at a time."""

    def __init__(self, rows: Iterator[Row], dataset: str) -> None:
        self._groups = groupby(rows, key=lambda row: str(row["article_id"]))
        self._dataset = dataset
        self._head: tuple[str, list[Row]] | None = None
        self._last = ""

    def _advance(self) -> None:
        found = next(self._groups, None)
        if found is None:
            self._head = None
            return
        key, rows = found
        if key < self._last:
            raise InputError(f"{self._dataset} is not sorted by article_id ({key!r} after {self._last!r})")
        self._last = key
        self._head = (key, list(rows))

    def take(self, article_id: str) -> list[Row]:
        """The rows of ``article_id``; rows of ids before it (with no article) are passed over."""
        if self._head is None:
            self._advance()
        while self._head is not None and self._head[0] < article_id:
            self._advance()
        if self._head is not None and self._head[0] == article_id:
            rows = self._head[1]
            self._advance()
            return rows
        return []


def _speaker(row: Row) -> Speaker:
    return Speaker(
        id=row["article_speaker_id"],
        name=row["name"],
        kind=row["kind"],
        aliases=tuple(row["aliases"] or ()),
        titles=tuple(row["titles"] or ()),
        gender=row.get("gender"),
        gender_evidence=row.get("gender_evidence"),
        gender_counts=tuple(
            (str(k), int(f), int(m)) for k, f, m in json.loads(row.get("gender_counts") or "[]")
        ),
    )


def _mention(text: str | None, start: int | None, end: int | None) -> Mention | None:
    return None if text is None or start is None or end is None else Mention(text, start, end)


def _quote(row: Row, speakers: dict[str, Speaker]) -> Quote:
    speaker: Speaker | None = None
    local_id = row["article_speaker_id"]
    if local_id is not None:
        speaker = speakers.get(local_id) or Speaker(local_id, row["speaker_name"], row["speaker_kind"])
    return Quote(
        spans=tuple(Span(s["start"], s["end"]) for s in row["spans"]),
        text=row["text"],
        type=row["type"],
        speaker=speaker,
        mention=_mention(row["mention"], row["mention_start"], row["mention_end"]),
        cue=_mention(row["cue"], row["cue_start"], row["cue_end"]),
        confidence=row["confidence"],
        kind=row["kind"],
        how=row.get("how"),
    )


def _article(row: Row) -> Article:
    return Article(
        id=row["article_id"],
        text=row["text"],
        title=row["title"],
        url=row["url"],
        date=row["date"],
        source=row["source"],
        byline=row["byline"],
    )


def read_extractions(path: str) -> Iterator[Extraction | Failure]:
    """Every article of a ``saidwhat spark`` output directory with its speakers and quotes, in id order.

    An article whose rows do not make a valid Extraction (a negative or reversed span, a missing
    field, a wrong type) is one Failure naming the article and the problem; the rest are read.
    """
    speakers = _Groups(_rows(path, "article_speakers"), "article_speakers")
    quotes = _Groups(_rows(path, "quotes"), "quotes")
    for row in _rows(path, "articles"):
        article_id = str(row.get("article_id"))
        speaker_rows = speakers.take(article_id)
        quote_rows = quotes.take(article_id)
        try:
            article = _article(row)
            found = [_speaker(s) for s in sorted(speaker_rows, key=lambda s: s["index"])]
            by_id = {s.id: s for s in found}
            ordered = sorted(quote_rows, key=lambda q: q["index"])
            yield Extraction(
                article=article, quotes=tuple(_quote(q, by_id) for q in ordered), speakers=tuple(found)
            )
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            reason = f"bad record in the saidwhat spark output: {type(exc).__name__}: {exc}"
            yield Failure(article_id, "read", reason[:500], source=path)


def read_failures(path: str) -> Iterator[Failure]:
    """The articles ``saidwhat spark`` could not read or extract, and why."""
    for row in _rows(path, "failures"):
        yield Failure(row["article_id"], row["stage"], row["reason"], source=row["source"])


__all__ = ["read_extractions", "read_failures"]
