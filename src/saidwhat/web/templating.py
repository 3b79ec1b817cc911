"""The Jinja environment: autoescaping always on (article text is untrusted), and a few display filters."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from saidwhat.citation import hit_citation, web_url
from saidwhat.display import counted, quote_display
from saidwhat.web.colours import colour_of

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"


def _number(value: int | float | None) -> str:
    return "0" if value is None else f"{value:,}"


def _shorten(text: str | None, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


if TYPE_CHECKING:
    from fastapi.templating import Jinja2Templates


def make_environment() -> jinja2.Environment:
    """The templates with their filters, without FastAPI: ``saidwhat.render`` draws the article page's
    highlights and side list in a notebook with the same macros."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every .html template, every value: article text must render as text
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = _number
    env.filters["shorten"] = _shorten
    env.globals["plural"] = counted
    env.globals["colour_of"] = colour_of
    env.globals["quote_display"] = quote_display
    env.globals["cite"] = hit_citation
    env.globals["web_url"] = web_url
    return env


def make_templates() -> Jinja2Templates:
    from fastapi.templating import Jinja2Templates

    return Jinja2Templates(env=make_environment())
