"""Every input to one stream: the reader for each input's format, in input order.

Items are Articles to extract, Failures to record, or (for ``parquet``) Extractions made elsewhere,
for example by ``saidwhat spark``, which go straight to the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from saidwhat.errors import InputError
from saidwhat.ingest.files import read_html, read_text
from saidwhat.ingest.options import IngestOptions
from saidwhat.ingest.records import read_csv, read_jsonl
from saidwhat.ingest.sources import STDIN, ByteCount, Input, expand
from saidwhat.ingest.urls import read_urls
from saidwhat.ingest.warc import read_warc
from saidwhat.model import Article, Extraction, Failure

Item = Article | Failure | Extraction


def _read_parquet(path: str) -> Iterator[Extraction | Failure]:
    """Extractions (and recorded Failures) of a ``saidwhat spark`` output directory."""
    try:
        from saidwhat.ingest import spark_parquet
    except ImportError as exc:
        raise InputError(
            "parquet input needs saidwhat.ingest.spark_parquet (the reader of `saidwhat spark` output), "
            f"which is not available: {exc}"
        ) from exc
    yield from spark_parquet.read_extractions(path)
    read_failures = getattr(spark_parquet, "read_failures", None)
    if read_failures is not None:
        yield from read_failures(path)


def read_input(
    item: Input,
    options: IngestOptions,
    *,
    known: Callable[[str], bool] | None = None,
    counter: ByteCount | None = None,
) -> Iterator[Item]:
    """The items of one input; an input of unknown format is one Failure."""
    path, fmt, limit = item.path, item.format, options.max_bytes
    if item.problem is not None:
        yield Failure(path, "read", item.problem, source=path)
        return
    if fmt is None:
        reason = "give --format for stdin" if path == STDIN else "unknown file type; give --format"
        yield Failure(path, "read", reason, source=path)
        return
    if item.size is None and path != STDIN:
        yield Failure(path, "read", "no such file or directory", source=path)
        return
    if fmt == "text":
        yield from read_text(path, max_bytes=limit, counter=counter, root=item.root, year=options.year)
    elif fmt == "html":
        yield from read_html(path, max_bytes=limit, counter=counter, root=item.root)
    elif fmt == "jsonl":
        yield from read_jsonl(path, fields=options.fields, max_bytes=limit, counter=counter)
    elif fmt == "csv":
        yield from read_csv(path, fields=options.fields, max_bytes=limit, counter=counter)
    elif fmt == "warc":
        yield from read_warc(path, max_bytes=limit, counter=counter)
    elif fmt == "urls":
        yield from read_urls(path, options=options.fetch, max_bytes=limit, known=known, counter=counter)
    elif fmt == "parquet":
        yield from _read_parquet(path)
    else:  # pragma: no cover - IngestOptions rejects other formats
        raise ValueError(f"unknown format {fmt!r}")


def _named(items: Iterator[Item], options: IngestOptions, override: bool) -> Iterator[Item]:
    """Articles with ``ingest --source NAME`` as their source and ``--date DAY`` as their date: over what
    a file or page says when ``override``, else (records) only where the record gives none."""
    name, day = options.source, options.date
    for item in items:
        if name and isinstance(item, Article) and (override or not item.source):
            item = replace(item, source=name)
        if day and isinstance(item, Article) and (override or not item.date):
            item = replace(item, date=day)
        yield item


def read_inputs(
    targets: Iterable[str],
    options: IngestOptions,
    *,
    known: Callable[[str], bool] | None = None,
    counter: ByteCount | None = None,
) -> Iterator[Item]:
    """Every item of every input named by ``targets`` (paths, globs, directories, ``-``).

    A reader that breaks on some input it did not foresee costs that input's remaining items, recorded
    as one Failure, and never the inputs after it.
    """
    for item in expand(targets, options.format):
        override = item.format not in ("jsonl", "csv")
        try:
            yield from _named(read_input(item, options, known=known, counter=counter), options, override)
        except Exception as exc:  # RecursionError included
            reason = f"reading stopped: {type(exc).__name__}: {exc}"
            yield Failure(item.path, "read", reason, source=item.path)
