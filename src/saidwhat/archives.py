"""WARC and ARC archives read record by record from an open handle (warcio): HTML responses become
articles, a broken or truncated archive one Failure naming the offset reached.

Shared by ``saidwhat ingest`` (``saidwhat.ingest.warc`` streams a file) and the Spark executors (a file's
bytes), so that neither imports the other. Which records are articles is ``saidwhat.formats``' WARC rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord

from saidwhat.formats import is_html_response, warc_page_id
from saidwhat.ingest.files import html_article
from saidwhat.model import Article, Failure

_CHUNK = 1 << 16


def warc_items(
    handle: BinaryIO, path: str, *, size: int | None, max_bytes: int
) -> Iterator[Article | Failure]:
    """The articles and failures of the WARC (or ARC) archive read from ``handle``; ``path`` names it
    in failures and ``size`` (bytes, if known) tells a last record that never ended."""
    is_arc = path.lower().endswith((".arc", ".arc.gz"))
    records = 0
    iterator = ArchiveIterator(handle)
    offset = 0
    try:
        for record in iterator:
            offset = iterator.offset  # where this record starts (get_record_offset would read it all)
            if record.format == "arc" and not is_arc:  # warcio's lenient fallback on garbage
                raise ValueError("record is not in WARC format")
            records += 1
            item = _article(record, path, max_bytes)
            _drain(record)
            if _cut_short(record, is_arc):
                yield Failure(
                    path,
                    "read",
                    f"truncated WARC archive: the record at offset {offset:,} ends early "
                    f"({records - 1} whole records before it)",
                    source=path,
                )
                return
            if item is not None:
                yield item
    except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
        yield Failure(path, "read", _broken(exc, offset, records), source=path)
        return
    except Exception as exc:  # warcio on some garbage: AttributeError, IndexError, ...
        yield Failure(path, "read", _broken(exc, offset, records), source=path)
        return
    if records == 0:
        yield Failure(path, "read", "no WARC records in the file", source=path)
        return
    if size is not None and iterator.offset < size:  # a last record (gzip member) that never ended
        yield Failure(
            path,
            "read",
            f"truncated WARC archive: {size - iterator.offset:,} bytes at offset {iterator.offset:,} "
            f"after the last whole record ({records} records read) are not a whole record",
            source=path,
        )


def _broken(exc: BaseException, offset: int, records: int) -> str:
    where = f"at offset {offset:,} ({records} records read before)" if records else "at offset 0 (its start)"
    return f"broken WARC archive {where}: {type(exc).__name__}: {exc}"


def _article(record: ArcWarcRecord, path: str, max_bytes: int) -> Article | Failure | None:
    if not is_html_response(record):
        return None
    page_id = warc_page_id(record, path)
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return Failure(page_id, "read", f"page is over the limit of {max_bytes:,} bytes", source=path)
    url = record.rec_headers.get_header("WARC-Target-URI")
    warc_date = record.rec_headers.get_header("WARC-Date")
    return html_article(data, article_id=page_id, source=path, url=url, date=warc_date)


def _drain(record: ArcWarcRecord) -> None:
    """Read the rest of the record's block (warcio would, to reach the next record), keeping nothing."""
    while record.raw_stream.read(_CHUNK):
        pass


def _cut_short(record: ArcWarcRecord, is_arc: bool) -> bool:
    """Whether the file ended before the record's declared Content-Length (or before its headers did)."""
    if not is_arc and not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
        return True
    stream = record.raw_stream
    while stream is not None and not isinstance(stream, LimitReader):
        stream = getattr(stream, "stream", None)
    return isinstance(stream, LimitReader) and stream.limit > 0
