"""Random text full of quotation marks of every kind: the scanner and the extractor never break.

Hypothesis builds text from words, reporting verbs, names, apostrophes, newlines and every mark the
scanner knows, which is where hand-written cases run out: unpaired, nested, crossed and doubled marks.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saidwhat import Extractor
from saidwhat.extraction.quotes.marks import find_quoted

MARKS = ["“", "”", "‘", "’", '"', "'", "«", "»", "„", "``", "''", "‚", "‹", "›", "‟", "‛"]
APOSTROPHES = ["don't", "Korea's", "the '90s", "Jones'", "rock 'n' roll", "O'Brien", "’til"]
WORDS = [
    "we",
    "will",
    "win",
    "the",
    "plan",
    "failed",
    "a",
    "deal",
    "is",
    "near",
    "Kim",
    "Trump",
    "Mr.",
    "Smith",
]
CUES = [
    " said",
    " says",
    " told reporters",
    " according to",
    " he added",
    " she warned",
    ", adding",
    " argued that",
    " are worried that",  # stance adjective
    ", speaking of",  # a participle clause between the halves of a quote
    " called for",  # a prepositional cue
    " Governor Smith:",  # a colon cue
]
PUNCTUATION = [",", ".", ":", ";", "?", "!", "—", "-", "(", ")", "…"]
SPACING = [" ", " ", " ", "\n", "\n\n", "\t", "\r\n"]

# A quote-shaped run (mark, words, mark, cue) so that attribution paths are exercised, not just scanning.
quotation = st.tuples(
    st.sampled_from(MARKS),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join),
    st.sampled_from([",", ".", ""]),
    st.sampled_from(MARKS),
    st.sampled_from(CUES),
    st.sampled_from(WORDS),
).map(lambda parts: "".join(parts) + ". ")
piece = st.one_of(
    quotation,
    st.sampled_from(MARKS),
    st.sampled_from(APOSTROPHES),
    st.sampled_from(WORDS),
    st.sampled_from(CUES),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(SPACING),
)
# Mostly structured pieces, sometimes raw characters from the same alphabet to reach odd neighbours.
marked_text = st.one_of(
    st.lists(piece, max_size=120).map("".join),
    st.text(alphabet=sorted({c for s in [*MARKS, *PUNCTUATION, *SPACING, "ab1é"] for c in s}), max_size=200),
)


@settings(max_examples=200, deadline=None)
@given(marked_text)
def test_quotes_scanner_never_breaks_on_random_marks(text: str) -> None:
    found = find_quoted(text)
    previous_end = 0
    for quoted in found:
        assert 0 <= quoted.start < quoted.end <= len(text)
        assert quoted.start >= previous_end, "spans must be in order and must not overlap"
        previous_end = quoted.end
        # the content never includes its own marks
        assert 0 <= quoted.open_at < quoted.start
        assert not quoted.start <= quoted.open_at < quoted.end
        if quoted.close_at is not None:
            assert quoted.end <= quoted.close_at < len(text)
        assert any(c.isalnum() for c in text[quoted.start : quoted.end])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(MARKS)), max_size=60))
def test_quotes_scanner_marks_glued_to_words(pairs: list[tuple[str, str]]) -> None:
    # marks right against words, as in real text ("“Yes,” ‘no’), with no spaces to help
    text = "".join(word + mark for word, mark in pairs)
    for quoted in find_quoted(text):
        assert 0 <= quoted.open_at < quoted.start < quoted.end <= len(text)


def _inside(start: int, end: int, text: str) -> bool:
    return 0 <= start <= end <= len(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(piece, min_size=1, max_size=80).map("".join).filter(lambda t: bool(t.strip())))
def test_quotes_extractor_never_breaks_on_random_marks(extractor: Extractor, text: str) -> None:
    extraction = extractor.extract(text)
    for quote in extraction.quotes:
        assert _inside(quote.start, quote.end, text)
        previous_end = quote.start
        for span in quote.spans:
            assert _inside(span.start, span.end, text)
            assert span.start >= previous_end, "a quote's spans must be in order and must not overlap"
            assert span.start < span.end
            previous_end = span.end
        assert quote.end == quote.spans[-1].end
        for mention in (quote.mention, quote.cue):
            if mention is not None:
                assert _inside(mention.start, mention.end, text)
        data = quote.to_dict()
        assert data["start"] == quote.start
