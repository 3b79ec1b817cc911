"""Quote text and offsets end where the marks end (issue 24): a reported clause that ends in quoted
words keeps their closing mark, and no piece begins with line breaks or a stray reopening mark."""

from __future__ import annotations

import pytest

from saidwhat import Extractor
from saidwhat.extraction.candidates.boundaries import to_the_marks
from saidwhat.extraction.handoff import Candidate
from saidwhat.extraction.quotes.marks import find_quoted
from saidwhat.model import Span

ENDS_AT_THE_MARK = [
    ('Councillor Tom Baker said the plan was "dead on arrival".', 'the plan was "dead on arrival"'),
    ('Councillor Tom Baker said the plan was "dead on arrival."', 'the plan was "dead on arrival."'),
    ("Mayor Ruth Anand said the budget was a “tax on the poor”.", "the budget was a “tax on the poor”"),
    (
        'Mayor Ruth Anand said she had read "The Old Man and the Sea".',
        'she had read "The Old Man and the Sea"',
    ),
    (
        'Councillor Tom Baker said the plan was "dead on arrival," and left.',
        'the plan was "dead on arrival," and left',
    ),
]


@pytest.mark.parametrize(("text", "quote"), ENDS_AT_THE_MARK)
def test_quote_boundaries_a_clause_ending_in_quoted_words_keeps_the_mark(
    extractor: Extractor, text: str, quote: str
) -> None:
    found = [q for q in extractor.extract(text).quotes if q.type != "direct"]
    assert [q.text for q in found] == [quote]
    assert text[found[0].start : found[0].end] == quote


def test_quote_boundaries_direct_quotes_stay_inside_their_marks(extractor: Extractor) -> None:
    text = '"We will rebuild every home," Mayor Ruth Anand said.'
    assert [q.text for q in extractor.extract(text).quotes] == ["We will rebuild every home"]


def test_quote_boundaries_no_piece_begins_with_a_break_or_a_reopening_mark() -> None:
    text = 'It will take years.\n\n"So I am asking for patience."'
    quoted = find_quoted(text)
    candidate = Candidate((Span(19, len(text) - 1),), "direct", None, 0.5, quoted=tuple(quoted))
    fixed = to_the_marks(text, candidate)
    assert text[fixed.start : fixed.end] == "So I am asking for patience."


def test_quote_boundaries_a_quote_over_paragraphs_keeps_its_words(extractor: Extractor) -> None:
    text = 'Mayor Ruth Anand spoke on Friday.\n\n"We will rebuild. It will take years.\n\n"So I am asking for patience," she said.'
    (quote,) = extractor.extract(text).quotes
    assert quote.text.startswith("We will rebuild") and quote.text.endswith("asking for patience")
