"""Executor side: the HTML responses of one WARC file, reduced to their main text with trafilatura.

Which records count and how a page becomes an article follow ``saidwhat.ingest.warc``; the file
arrives here as bytes (Spark's ``binaryFile``) rather than as a path.

Requests, redirects, images and other non-HTML records are not articles and are skipped silently; an
HTML page without main text, or a file that is not a readable WARC, becomes a failure.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from saidwhat.ingest.text import html_article
from saidwhat.model import Article, Failure

HTML_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml")
_SIGNATURES = (b"WARC/", b"filedesc://")


def looks_like_warc(data: bytes) -> bool:
    """A WARC or ARC header at the start (gzipped or not); warcio alone reads any five-word line as ARC."""
    head = data[:64]
    if data[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:8192], 64)
        except zlib.error:
            return False
    return head.lstrip().startswith(_SIGNATURES)


def _is_html_response(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.split(";")[0].strip() in HTML_TYPES


def _article(record: ArcWarcRecord, source: str) -> Article | Failure:
    """The page's main text by ``saidwhat ingest``'s own HTML reader, so both give the same articles."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    article_id = url or record.rec_headers.get_header("WARC-Record-ID") or source
    html = record.content_stream().read()
    date = record.rec_headers.get_header("WARC-Date")
    return html_article(html, article_id=article_id, source=source, url=url, date=date)


def warc_articles(data: bytes, source: str) -> Iterator[Article | Failure]:
    """Articles of the HTML responses in ``data`` (a WARC file, gzipped or not)."""
    if not data:
        yield Failure(source, "read", "empty WARC file", source=source)
        return
    if not looks_like_warc(data):
        yield Failure(source, "read", "not a WARC file: no WARC/ARC header at the start", source=source)
        return
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if _is_html_response(record):
                yield _article(record, source)
    except Exception as exc:  # warcio signals damage with several exception types
        yield Failure(source, "read", f"not a readable WARC file: {type(exc).__name__}: {exc}", source=source)
