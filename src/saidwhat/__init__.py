"""saidwhat: who said what in the news.

``saidwhat.extract(text)`` for one article, ``saidwhat.Extractor`` for streams; ``render`` (HTML) and
``to_frame`` (pandas) for notebooks; ``nlp.add_pipe("saidwhat")`` in spaCy (``saidwhat.spacy_component``).

The names below are imported on first use, so that importing the package (the command line does,
before anything else) does not load spaCy and numpy until they are needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from saidwhat.frames import to_frame
    from saidwhat.model import Article, Extraction, Failure, Mention, Quote, Span, Speaker
    from saidwhat.notebook import render
    from saidwhat.pipeline import Extractor, Settings, extract

__all__ = [
    "Article",
    "Extraction",
    "Extractor",
    "Failure",
    "Mention",
    "Quote",
    "Settings",
    "Span",
    "Speaker",
    "extract",
    "render",
    "to_frame",
]
__version__ = "0.1.0"

_HOMES = {
    "Extractor": "saidwhat.pipeline",
    "Settings": "saidwhat.pipeline",
    "extract": "saidwhat.pipeline",
    "render": "saidwhat.notebook",
    "to_frame": "saidwhat.frames",
}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'saidwhat' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES.get(name, "saidwhat.model")), name)
    globals()[name] = value
    return value
