"""Mark the searched words inside a quote for the results list, as runs the template escapes.

The store's FTS ``highlight()`` wraps matches in brackets, which cannot be told apart from brackets in the
quote itself; matching the query words again here keeps the quote text exact.
"""

from __future__ import annotations

import re
import unicodedata


def _fold(text: str) -> str:
    """Lower case without accents, one character for one so positions still line up."""
    out = []
    for char in text:
        low = char.lower()
        low = low if len(low) == 1 else char
        out.append(unicodedata.normalize("NFD", low)[0])
    return "".join(out)


def marked(text: str, query: str | None) -> list[tuple[str, bool]]:
    """``text`` as (piece, is_match) runs; whole words of ``query`` match, ignoring case and accents."""
    words = {_fold(w) for w in re.findall(r"\w+", query or "")}
    if not words:
        return [(text, False)]
    folded = _fold(text)
    runs: list[tuple[str, bool]] = []
    last = 0
    for match in re.finditer(r"\w+", folded):
        if match.group(0) in words:
            if match.start() > last:
                runs.append((text[last : match.start()], False))
            runs.append((text[match.start() : match.end()], True))
            last = match.end()
    if last < len(text):
        runs.append((text[last:], False))
    return runs
