"""Texts dense with quotation marks (thousands of short quotes in one sentence, thousands of
``"…," he said.`` lines) cost time in proportion to their length: the per-quote look-ups that used to
walk a whole sentence or a whole Doc answer from an index built once. No time is measured here
(``benchmarks/quote_runs.py`` shows ms per KB flat from 10 KB up); these check that each index gives
exactly what the slow look-up gave, and that extraction of such texts is unchanged.
"""

from __future__ import annotations

import numpy as np
import pytest
from spacy.attrs import SENT_START

from saidwhat import Extractor
from saidwhat.extraction.quotes.ranges import alnum_count
from saidwhat.extraction.text.loading import paragraph_sentences
from saidwhat.extraction.text.sentences import sentence_of

ALTERNATING = " ".join(f"“w{i}” “x{i}”" for i in range(300))
SAID = "\n".join(f'"We will win {i}," he said.' for i in range(200))


@pytest.mark.parametrize(
    "text", [ALTERNATING, SAID, "One. Two three.\n\nFour — five six. “Seven,” she said."]
)
def test_dense_quotes_sentence_index_matches_token_sent(extractor: Extractor, text: str):
    doc = extractor.nlp(text)
    for token in doc:
        assert sentence_of(doc, token.i) == token.sent


def test_dense_quotes_alnum_count_of_long_ranges_is_exact():
    text = ALTERNATING + " café 42 ½ ß\n" * 3
    for start, end in [(0, len(text)), (5, 5000), (600, 601), (len(text) - 900, len(text) + 10), (-3, 700)]:
        assert alnum_count(text, start, end) == sum(c.isalnum() for c in text[max(0, start) : max(0, end)])


def test_dense_quotes_line_breaks_start_sentences_in_one_write(extractor: Extractor):
    doc = extractor.nlp.make_doc(SAID)
    paragraph_sentences(doc)
    starts = np.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
    lines = [0] + [t.i + 1 for t in doc if "\n" in t.text_with_ws and t.i + 1 < len(doc)]
    assert starts == sorted(set(lines))


def test_dense_quotes_extract_every_short_quote(extractor: Extractor):
    said = extractor.extract(SAID)
    assert len(said.quotes) == 200 and all(q.type == "direct" for q in said.quotes)
    assert {q.cue.text for q in said.quotes if q.cue} == {"said"}
