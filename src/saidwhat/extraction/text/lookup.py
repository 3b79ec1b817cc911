"""Finding the few tokens a later stage asks about from the Doc's arrays, not one Token at a time.

spaCy builds a new ``Token`` object on every access; over a whole article that costs more than the
question. These read the attribute arrays once and return token indices, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from spacy.attrs import IDX, LEMMA
from spacy.tokens import Doc

from saidwhat.extraction.text.loading import doc_text


def with_lemma(doc: Doc, lemmas: Collection[str]) -> list[int]:
    """The indices of the tokens whose lemma, in lower case, is one of ``lemmas``."""
    hashes = doc.to_array(LEMMA).tolist()
    strings = doc.vocab.strings
    wanted = {h for h in set(hashes) if strings[h].lower() in lemmas}
    return [i for i, h in enumerate(hashes) if h in wanted] if wanted else []


def starting_with(doc: Doc, test: Callable[[str], bool]) -> list[int]:
    """The indices of the tokens whose first character passes ``test`` (an upper-case letter, say)."""
    text = doc_text(doc)
    return [i for i, start in enumerate(doc.to_array(IDX).tolist()) if test(text[start])]
