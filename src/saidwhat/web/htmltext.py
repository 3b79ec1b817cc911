"""Main text of an HTML page, so that quote offsets point into what a reader actually sees."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from saidwhat.errors import InputError


@dataclass(frozen=True, slots=True)
class PageText:
    text: str
    title: str | None


def main_text(html: str) -> PageText:
    """The article body of ``html`` (boilerplate, menus and comments dropped); InputError if there is none."""
    if not html.strip():
        raise InputError("the HTML is empty")
    document = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError("no article text found in the HTML")
    title = getattr(document, "title", None)
    return PageText(text=text, title=title or None)
