"""The sentence a token is in, found by bisection over one index per Doc.

spaCy's ``Token.sent`` walks from the token to both ends of its sentence, so asking it for each of
thousands of quotes in one long sentence (a text of alternating quotation marks) costs the square of
the sentence's length; the index is built once per Doc, in ``Doc.user_data``.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

SENTENCES_KEY = "saidwhat.sentences"  # a cache of the stages, never kept with a Doc (spans do not serialise)


def _index(doc: Doc) -> tuple[list[int], list[Span]]:
    found = doc.user_data.get(SENTENCES_KEY)
    if found is None:
        sentences = list(doc.sents)
        found = doc.user_data[SENTENCES_KEY] = ([s.start for s in sentences], sentences)
    return found  # type: ignore[no-any-return]


def sentence_of(doc: Doc, token: int) -> Span:
    """The sentence holding token ``token`` of ``doc`` (what ``doc[token].sent`` gives)."""
    starts, sentences = _index(doc)
    return sentences[bisect.bisect_right(starts, token) - 1]
