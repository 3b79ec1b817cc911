"""The one rule by which saidwhat compares names: the scorer, in-article speakers and the store all use it.

A name becomes its words: accents and case dropped, possessives ("Trudeau's") and punctuation dropped
("A.B. Smith" -> a b smith, "O'Brien" -> o brien, "Jong-un" -> jong un), and honorifics and titles
("Mr", "President") dropped unless nothing else is left. This is EVAL.md's normalisation, so that two
names the project calls the same person are also the same for the scorer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from saidwhat.lexicon import NAME_TITLES

_POSSESSIVE = re.compile(r"['’‘]s\b|['’]\B", re.IGNORECASE)  # "Schumer‘s" too: a misprinted apostrophe
_NON_WORD = re.compile(r"[^\w]+")


def _folded(text: str) -> str:
    """Lower case and without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def plain(text: str) -> str:
    """Lower case, without accents or full stops: the form one word of a name is compared in."""
    return _folded(text).replace(".", "")


@lru_cache(maxsize=16384)
def _words(name: str) -> tuple[str, ...]:
    lowered = _POSSESSIVE.sub("", _folded(name))
    words = [w for w in _NON_WORD.sub(" ", lowered).replace("_", " ").split() if w]
    kept = [w for w in words if w not in NAME_TITLES]
    return tuple(kept or words)


def name_words(name: str | None) -> list[str]:
    """A name's words as compared: plain, titles dropped (unless nothing else is left)."""
    return list(_words(name)) if name else []
