"""Character offsets to spaCy tokens and back: the one place that converts them.

Stages hand each other character offsets into the article's text (``extraction.handoff``); a stage that
reads the parse turns them into tokens here, and nowhere else calls ``Doc.char_span``.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Span, Token

from saidwhat.model import Span as CharSpan

Alignment = Literal["strict", "contract", "expand"]


def span_at(doc: Doc, start: int, end: int, alignment: Alignment = "expand") -> Span | None:
    """The tokens over characters ``[start, end)``: those that touch it (``expand``), those inside it
    (``contract``) or, ``strict``, only when it falls on token boundaries; None when there are none."""
    return doc.char_span(start, end, alignment_mode=alignment)


def token_at(doc: Doc, start: int) -> Token:
    """The token holding character ``start`` (a cue's offset is the start of its token)."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        raise ValueError(f"no token at character {start}")
    return span[0]


def offsets_of(span: Span) -> CharSpan:
    """A Span's characters: what a stage hands on instead of the Span."""
    return CharSpan(span.start_char, span.end_char)
