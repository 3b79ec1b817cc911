"""Many articles in one file: JSONL (one object a line) and CSV (one row each), read as a stream.

Lines are read with a length cap, so one enormous line costs at most ``max_bytes`` of memory and
becomes a Failure; a malformed line is a Failure too, and reading goes on with the next one.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from saidwhat.article_text import decode_bytes, repair_text
from saidwhat.errors import InputError
from saidwhat.formats import FieldMap, record_id
from saidwhat.ingest.sources import STDIN, ByteCount, open_binary
from saidwhat.model import Article, Failure

_CHUNK = 1 << 16


def _prefix(path: str) -> str:
    return "stdin" if path == STDIN else path


def capped_lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; bytes None for a line longer than ``max_bytes`` (skipped)."""
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # drain the rest of the long line without keeping it
                rest = handle.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
        else:
            yield number, line


class _NotText(Exception):
    def __init__(self, name: str, value: Any) -> None:
        super().__init__(f"field {name!r} is a JSON {_json_kind(value)}, not a string")


def _json_kind(value: Any) -> str:
    kinds: dict[type, str] = {list: "array", dict: "object"}
    return kinds.get(type(value), type(value).__name__)


def _text(record: Mapping[str, Any], name: str) -> str | None:
    """A field as a string: strings as they are (lone surrogates repaired), numbers and booleans written
    out; arrays and objects (which would otherwise be stored as Python reprs) raise _NotText."""
    value = record.get(name)
    if value is None:
        return value
    if isinstance(value, str):
        return repair_text(value)
    if isinstance(value, (list, dict)):
        raise _NotText(name, value)
    return str(value)


def record_article(
    record: Mapping[str, Any], fields: FieldMap, default_id: str, source: str
) -> Article | Failure:
    """An Article from one JSON object or CSV row, by the field names in ``fields``; without an id,
    ``formats.record_id`` names it (``default_id``, the file and line, names a failure)."""
    try:
        article_id = _text(record, fields.id) or None
    except _NotText as exc:
        return Failure(default_id, "read", str(exc), source=source)
    try:
        return _article(record, fields, article_id, default_id, source)
    except _NotText as exc:
        return Failure(article_id or default_id, "read", str(exc), source=source)


def _article(
    record: Mapping[str, Any], fields: FieldMap, article_id: str | None, where: str, source: str
) -> Article | Failure:
    text = record.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        have = ", ".join(sorted(record)[:10])
        return Failure(
            article_id or where, "read", f"no text in field {fields.text!r} (fields: {have})", source=source
        )
    text = repair_text(text)
    return Article(
        id=article_id or record_id("stdin" if source == STDIN else source, text),
        text=text,
        title=_text(record, fields.title),
        url=_text(record, fields.url),
        date=_text(record, fields.date),
        source=_text(record, fields.source),  # an outlet, never the file path (ingest --source)
        byline=_text(record, fields.byline),
    )


def json_line_article(line: bytes, fields: FieldMap, where: str, source: str) -> Article | Failure:
    """One JSONL line as an Article, or a Failure named ``where`` saying why not: the one rule for a
    JSON record, which ``saidwhat spark`` applies on its executors too."""
    try:
        record = json.loads(decode_bytes(line))
    except (InputError, ValueError) as exc:
        return Failure(where, "read", f"malformed JSON line: {exc}", source=source)
    except RecursionError:
        return Failure(where, "read", "JSON line is nested too deeply", source=source)
    if not isinstance(record, dict):
        return Failure(where, "read", f"JSON line is a {type(record).__name__}, not an object", source=source)
    return record_article(record, fields, where, source)


def read_jsonl(
    path: str, *, fields: FieldMap, max_bytes: int, counter: ByteCount | None = None
) -> Iterator[Article | Failure]:
    """One article per JSON line; blank lines are ignored, bad ones recorded as ``path:line``."""
    prefix = _prefix(path)
    try:
        handle = open_binary(path, counter)
    except OSError as exc:
        yield Failure(prefix, "read", str(exc), source=path)
        return
    with handle:
        for number, line in capped_lines(handle, max_bytes):
            where = f"{prefix}:{number}"
            if line is None:
                yield Failure(where, "read", f"line is over the limit of {max_bytes:,} bytes", source=path)
                continue
            if not line.strip():
                continue
            yield json_line_article(line, fields, where, path)


def _encoding(head: bytes) -> str:
    """UTF-8 if the first bytes decode as UTF-8 (a cut character at the end allowed), else cp1252."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def read_csv(
    path: str, *, fields: FieldMap, max_bytes: int, counter: ByteCount | None = None
) -> Iterator[Article | Failure]:
    """One article per row of a CSV (or TSV) file with a header row naming the fields."""
    prefix = _prefix(path)
    try:
        handle = open_binary(path, counter)
    except OSError as exc:
        yield Failure(prefix, "read", str(exc), source=path)
        return
    buffered = handle if isinstance(handle, io.BufferedReader) else io.BufferedReader(handle)  # type: ignore[type-var]
    head = buffered.peek(_CHUNK)[:_CHUNK]
    if b"\x00" in head:
        yield Failure(prefix, "read", "input looks binary (NUL bytes), not CSV", source=path)
        buffered.close()
        return
    delimiter = "\t" if path.lower().endswith(".tsv") else ","
    csv.field_size_limit(min(sys.maxsize, max(max_bytes, 1 << 20)))
    with io.TextIOWrapper(buffered, encoding=_encoding(head), errors="replace", newline="") as text:
        reader = csv.DictReader(text, delimiter=delimiter)
        number = 1
        while True:
            number += 1
            where = f"{prefix}:{number}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Failure(where, "read", f"malformed CSV row: {exc}", source=path)
                continue
            if None in row:  # more cells than header fields
                row.pop(None)
            record = {k: v for k, v in row.items() if k is not None}
            if sum(len(v or "") for v in record.values()) > max_bytes:
                yield Failure(where, "read", f"row is over the limit of {max_bytes:,} bytes", source=path)
                continue
            yield record_article(record, fields, where, path)
