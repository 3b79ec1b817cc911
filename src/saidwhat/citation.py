"""One line that cites a quote: “…” — Speaker, Outlet, Date, URL, for pasting into a story or a note.

The words are shown as ``display`` shows them everywhere (reported speech without marks, labelled), so a
citation never turns a paraphrase into a verbatim quote. Only an http(s) URL is cited or linked: a
``javascript:`` or ``file:`` address from a crawled page must never become a link.
"""

from __future__ import annotations

from typing import Protocol
from urllib.parse import urlsplit

from saidwhat.display import quote_display

__all__ = ["citation", "hit_citation", "web_url"]


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http or https address with a host, else None."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        return None
    return url


def citation(
    text: str,
    type: str,
    *,
    speaker: str | None,
    outlet: str | None = None,
    date: str | None = None,
    url: str | None = None,
    after: str | None = None,
) -> str:
    """The citation line of a quote of ``type`` (``after``: the article's two characters after it)."""
    words = quote_display(" ".join(text.split()), type, after).plain()
    parts = [speaker or "speaker not found", outlet, date[:10] if date else None, web_url(url)]
    return f"{words} — {', '.join(p for p in parts if p)}"


class _Named(Protocol):
    @property
    def name(self) -> str: ...


class CitedQuote(Protocol):
    """What a citation needs of a stored quote (``store.queries.QuoteHit`` has it); read-only, as the
    frozen rows that carry it are."""

    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def after(self) -> str | None: ...
    @property
    def article_source(self) -> str | None: ...
    @property
    def article_date(self) -> str | None: ...
    @property
    def article_url(self) -> str | None: ...
    @property
    def speaker(self) -> _Named | None: ...


def hit_citation(hit: CitedQuote) -> str:
    """The citation line of a stored quote."""
    return citation(
        hit.text,
        hit.type,
        speaker=hit.speaker.name if hit.speaker else None,
        outlet=hit.article_source,
        date=hit.article_date,
        url=hit.article_url,
        after=hit.after,
    )
