"""One file, one article: plain text as it is, HTML through trafilatura.

trafilatura keeps the main text and drops navigation, captions and boilerplate; it also finds the
title, date and byline. When it finds no main text it returns None, which we turn into a Failure
with that reason instead of losing the page silently.
"""

from __future__ import annotations

from collections.abc import Iterator

import trafilatura
from trafilatura.settings import Document

from saidwhat.article_text import decode_bytes
from saidwhat.datelines import read_top
from saidwhat.errors import InputError
from saidwhat.formats import file_id, headline
from saidwhat.ingest.sources import STDIN, ByteCount, open_binary
from saidwhat.model import Article, Failure


def read_limited(path: str, max_bytes: int, counter: ByteCount | None = None) -> bytes:
    """All bytes of ``path`` if there are at most ``max_bytes``; InputError without reading the rest."""
    with open_binary(path, counter) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"input is over the limit of {max_bytes:,} bytes for one article")
    return data


def _article_id(path: str, root: str | None) -> str:
    return "stdin" if path == STDIN else file_id(path, root)


def read_text(
    path: str,
    *,
    max_bytes: int,
    counter: ByteCount | None = None,
    root: str | None = None,
    year: int | None = None,
) -> Iterator[Article | Failure]:
    """A plain-text file as one article (id: ``formats.file_id``); a first line that reads as a headline
    is the title (and stays in the text, so offsets and the content hash do not change); the date and
    the wire agency come from the dateline or date line at its top (``datelines``, ``year`` completing a
    day given without one)."""
    article_id = _article_id(path, root)
    try:
        text = decode_bytes(read_limited(path, max_bytes, counter))
    except (OSError, InputError) as exc:
        yield Failure(article_id, "read", str(exc), source=path)
        return
    top = read_top(text, year=year)
    yield Article(id=article_id, text=text, title=headline(text), date=top.date, source=top.agency)


def paragraphs(text: str) -> str:
    """trafilatura's main text with a blank line between paragraphs (it gives one line each), as plain
    text articles have them: the article page shows the spacing, and readers see paragraphs."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def html_article(
    data: bytes | str, *, article_id: str, source: str | None, url: str | None = None, date: str | None = None
) -> Article | Failure:
    """The main text and metadata of an HTML page, or a Failure saying why there is none.

    ``source`` names where a failure came from; the article's source is the site name the page gives
    (``ingest --source`` names the outlet for every article of an ingest)."""
    try:
        html = data if isinstance(data, str) else decode_bytes(data)
    except InputError as exc:
        return Failure(article_id, "read", str(exc), source=source)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises lxml and parser errors of many kinds on broken pages
        return Failure(article_id, "html", f"{type(exc).__name__}: {exc}", source=source)
    text = getattr(doc, "text", None) if isinstance(doc, Document) else None
    if not isinstance(doc, Document) or not text or not text.strip():
        return Failure(article_id, "html", "no main text found in the page", source=source)
    text = paragraphs(text)
    return Article(
        id=article_id,
        text=text,
        title=doc.title or None,
        url=url or doc.url or None,
        date=doc.date or date,
        source=doc.sitename or None,
        byline=doc.author or None,
    )


def read_html(
    path: str, *, max_bytes: int, counter: ByteCount | None = None, root: str | None = None
) -> Iterator[Article | Failure]:
    """An HTML file as one article (id: ``formats.file_id``)."""
    article_id = _article_id(path, root)
    try:
        data = read_limited(path, max_bytes, counter)
    except (OSError, InputError) as exc:
        yield Failure(article_id, "read", str(exc), source=path)
        return
    yield html_article(data, article_id=article_id, source=path)
