"""Web crawls: WARC and WARC.gz files, read record by record with warcio; HTML responses only.

Requests, metadata, redirects, errors and non-HTML responses (images, PDFs, scripts) are passed over
without a Failure: a crawl is expected to hold them. A broken archive is one Failure for the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from saidwhat.ingest.sources import open_binary
from saidwhat.ingest.text import html_article
from saidwhat.model import Article, Failure


def read_warc(path: str, *, max_bytes: int, counter: list[int] | None = None) -> Iterator[Article | Failure]:
    """One article per HTML response with status 200; id = the target URI."""
    try:
        handle = open_binary(path, counter)
    except OSError as exc:
        yield Failure(path, "read", str(exc), source=path)
        return
    is_arc = path.lower().endswith((".arc", ".arc.gz"))
    with handle:
        records = 0
        try:
            for record in ArchiveIterator(handle):
                if record.format == "arc" and not is_arc:  # warcio's lenient fallback on garbage
                    raise ValueError("record is not in WARC format")
                records += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                if record.http_headers.get_statuscode() != "200":
                    continue
                content_type = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in content_type:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or path
                data = record.content_stream().read(max_bytes + 1)
                if len(data) > max_bytes:
                    yield Failure(url, "read", f"page is over the limit of {max_bytes:,} bytes", source=path)
                    continue
                warc_date = record.rec_headers.get_header("WARC-Date")
                yield html_article(data, article_id=url, source=path, url=url, date=warc_date)
        except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
            yield Failure(path, "read", f"broken WARC archive: {exc}", source=path)
            return
        if records == 0:
            yield Failure(path, "read", "no WARC records in the file", source=path)
