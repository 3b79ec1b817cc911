"""How a quote is shown, honestly: what was said in quotation marks, what was reported without them.

Direct speech is shown in quotation marks; indirect speech is the reporter's paraphrase, so it is shown
without marks and labelled as reported speech (a reader must not copy it as verbatim); mixed speech
keeps the marks of its own quoted part, including a closing mark that falls just after the quote.
Every surface (``search``, ``quotes``, ``extract --format pretty``, the web pages) goes through here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REPORTED = "reported speech"
# C0 controls but tab and newline, DEL and C1 controls: ESC starts colour, cursor and erase sequences and
# OSC 8 links, CR and backspace overwrite what was printed, and 0x9b is an 8-bit CSI on some terminals.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with the control characters that would drive a terminal removed, for printing article
    text, names and ids (JSON output keeps them, escaped, exactly as stored)."""
    return _CONTROLS.sub("", text)


_PAIRS = {"“": "”", "„": "“", "«": "»", "‘": "’"}
_CLOSERS = set(_PAIRS.values()) | {'"'}


@dataclass(frozen=True, slots=True)
class QuoteDisplay:
    """The quote text with what goes before and after it, and the label of its type."""

    open: str
    text: str
    close: str
    label: str  # "quote", "reported speech" or "partly quoted"
    verbatim: bool  # the whole text is the speaker's own words

    def plain(self) -> str:
        """One line of text: ``“...”`` for direct, ``reported speech: ...`` for indirect."""
        if self.label == REPORTED:
            return f"{REPORTED}: {self.text}"
        return f"{self.open}{self.text}{self.close}"


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``1 article``, ``2 articles``, ``1,204 quotes``: every surface counts in the same words."""
    return f"{count:,} {singular if count == 1 else (plural or singular + 's')}"


def unclosed(text: str) -> str | None:
    """The closing mark the quoted part of ``text`` lacks, or None when its marks are balanced."""
    if text.count('"') % 2 == 1:
        return '"'
    for opener, closer in _PAIRS.items():
        if opener == "‘":  # an apostrophe is a right single quote: too ambiguous to count
            continue
        opens = text.count(opener)
        closes = text.count(closer) if closer != "“" else 0
        if opens > closes:
            return closer
    return None


def quote_display(text: str, type: str, after: str | None = None) -> QuoteDisplay:
    """How to show a quote of ``type`` (direct, mixed, indirect); ``after`` is what follows it in the
    article (two characters), where a mixed quote's closing mark usually is."""
    if type == "direct":
        return QuoteDisplay("“", text, "”", "quote", True)
    if type == "mixed":
        close = ""
        if unclosed(text) is not None and after:
            head = after[:2]
            # the mark right after the quote, or after a comma or full stop that the span left out
            if head[0] in _CLOSERS:
                close = head[0]
            elif len(head) == 2 and head[0] in ",.!?" and head[1] in _CLOSERS:
                close = head
        return QuoteDisplay("", text, close, "partly quoted", False)
    return QuoteDisplay("", text, "", REPORTED, False)


__all__ = ["REPORTED", "QuoteDisplay", "quote_display", "unclosed"]
