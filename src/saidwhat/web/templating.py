"""The Jinja environment: autoescaping always on (article text is untrusted), and a few display filters."""

from __future__ import annotations

from pathlib import Path

import jinja2
from fastapi.templating import Jinja2Templates

from saidwhat.display import quote_display
from saidwhat.web.colours import colour_of
from saidwhat.web.links import web_link

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"


def _number(value: int | float | None) -> str:
    return "0" if value is None else f"{value:,}"


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count:,} {singular if count == 1 else (plural or singular + 's')}"


def _shorten(text: str | None, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every .html template, every value: article text must render as text
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = _number
    env.filters["shorten"] = _shorten
    env.filters["web_link"] = web_link  # the only way an article's URL becomes an href
    env.globals["plural"] = _plural
    env.globals["colour_of"] = colour_of
    env.globals["quote_display"] = quote_display
    return Jinja2Templates(env=env)
