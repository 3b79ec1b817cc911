"""Web crawls: WARC and WARC.gz files, read record by record with warcio; HTML responses only.

Which records are articles and what they are called is ``saidwhat.formats``' WARC rule; how an archive
is read from a handle is ``saidwhat.archives``, which the Spark executors use on a file's bytes.
Requests, metadata, redirects, errors and non-HTML responses (images, PDFs, scripts) are passed over
without a Failure: a crawl is expected to hold them. A broken or truncated archive is one Failure for
the file, naming the offset reached, after the articles read before the break.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from stat import S_ISREG

from saidwhat.archives import warc_items
from saidwhat.ingest.sources import ByteCount, open_binary
from saidwhat.model import Article, Failure


def read_warc(path: str, *, max_bytes: int, counter: ByteCount | None = None) -> Iterator[Article | Failure]:
    """One article per HTML response with status 200; id = the target URI.

    An archive that breaks part-way (cut short, garbage, a record warcio cannot parse) keeps the articles
    read before the break and adds one Failure naming the file and the offset reached.
    """
    try:
        handle = open_binary(path, counter)
    except OSError as exc:
        yield Failure(path, "read", str(exc), source=path)
        return
    with handle:
        yield from warc_items(handle, path, size=_file_size(path), max_bytes=max_bytes)


def _file_size(path: str) -> int | None:
    try:
        stat = os.stat(path)
    except (OSError, ValueError):
        return None
    return stat.st_size if S_ISREG(stat.st_mode) else None
