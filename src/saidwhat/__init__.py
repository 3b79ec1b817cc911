"""saidwhat: who said what in the news.

``saidwhat.extract(text)`` for one article, ``saidwhat.Extractor`` for streams.
"""

from saidwhat.model import Article, Extraction, Failure, Mention, Quote, Span, Speaker
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
]
__version__ = "0.1.0"
