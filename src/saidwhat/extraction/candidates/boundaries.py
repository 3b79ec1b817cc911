"""Where a quote's pieces begin and end: at the words, or at the marks that enclose its quoted words.

A reported clause that ends in a quoted word or title ends with that quotation's closing mark (`the
plan was "dead on arrival"`, not `the plan was "dead on arrival`), as the annotation guidelines mark it:
a text with an opening mark and no closing one misquotes. A piece never begins with line breaks, or with
the mark that reopens a quotation running over paragraphs, whose partner it does not hold.
"""

from __future__ import annotations

from dataclasses import replace

from saidwhat.extraction.handoff import Candidate
from saidwhat.model import Span

OPENING_MARKS = "\"“‘«„'"
_PARTNERS = {"“": "”", "‘": "’", "«": "»", "„": "“"}


def _closing_end(text: str, end: int, candidate: Candidate) -> int:
    """``end``, or the end of the closing mark of a quotation in the quote whose words end there."""
    for q in candidate.quoted:
        if q.end == end and q.close_at is not None and q.close_at >= end:
            if text[end : q.close_at].strip(" \t"):
                continue  # words between the quotation's end and its mark: not this piece's
            width = 2 if text.startswith(("''", "``"), q.close_at) else 1
            return q.close_at + width
    return end


def _clean_start(text: str, start: int, end: int) -> int:
    """``start`` past white space and a reopening mark with no partner in the piece."""
    while start < end and text[start].isspace():
        start += 1
    if start < end and text[start] in OPENING_MARKS:
        mark = text[start]
        partner = _PARTNERS.get(mark, mark)
        if partner not in text[start + 1 : end]:
            start += 1
            while start < end and text[start].isspace():
                start += 1
    return start


def to_the_marks(text: str, candidate: Candidate) -> Candidate:
    """The candidate with each piece ending at the closing mark of its last quoted words (mixed and
    indirect quotes: a direct quote is the words inside the marks) and starting at its first word."""
    spans = []
    for piece in candidate.spans:
        first, last = piece.start, piece.end
        end = _closing_end(text, last, candidate) if candidate.type != "direct" else last
        start = _clean_start(text, first, end)
        spans.append(Span(start, end) if start < end else piece)
    fixed = tuple(spans)
    return candidate if fixed == candidate.spans else replace(candidate, spans=fixed)
