"""Is a quoted string speech? Titles, document wording and scare quotes are not.

Only quotes that no cue claims are judged here: a cue next to a quote makes it speech whatever it says.
"""

from __future__ import annotations

from spacy.tokens import Doc

from saidwhat.extraction.handoff import Quoted
from saidwhat.extraction.quotes.ranges import alnum_count
from saidwhat.extraction.text.loading import doc_text
from saidwhat.extraction.text.offsets import span_at
from saidwhat.extraction.text.sentences import sentence_of
from saidwhat.lexicon import DOCUMENT_NOUNS, TITLE_SMALL_WORDS

MIN_SPEECH_WORDS = 4  # shorter quoted strings without a cue are terms or scare quotes


def word_list(text: str) -> list[str]:
    return [w for w in text.split() if any(c.isalnum() for c in w)]


def is_title(text: str) -> bool:
    """ "Joint Agreement Signing Ceremony": every word capitalised, so a name or title, not speech."""
    found = word_list(text)
    content = [w for w in found if w.lower() not in TITLE_SMALL_WORDS]
    return len(content) >= 1 and all(w[0].isupper() or not w[0].isalpha() for w in content)


def document_wording(doc: Doc, quoted: Quoted) -> bool:
    """ "an agreement to “work toward ...”", "the treaty commits them to “...”": a document's wording."""
    span = span_at(doc, quoted.open_at, quoted.open_at + 1)
    if span is None:
        return False
    first = span[0].i
    sent = sentence_of(doc, first)
    if any(token.lemma_.lower() in DOCUMENT_NOUNS for token in doc[max(first - 4, sent.start) : first]):
        return True
    subjects = [c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < first]
    return any(s.lemma_.lower() in DOCUMENT_NOUNS for s in subjects)


def share_of_sentence(doc: Doc, quoted: Quoted) -> float:
    span = span_at(doc, quoted.start, quoted.end)
    if span is None:
        return 0.0
    sent = sentence_of(doc, span.start)
    sentence_chars = alnum_count(doc_text(doc), sent.start_char, max(sent.end_char, quoted.end))
    return alnum_count(doc_text(doc), quoted.start, quoted.end) / sentence_chars if sentence_chars else 0.0


def opens_sentence(doc: Doc, quoted: Quoted) -> bool:
    span = span_at(doc, quoted.open_at, quoted.open_at + 1)
    if span is None:
        return False
    sent = sentence_of(doc, span.start)
    return not any(c.isalnum() for c in doc_text(doc)[sent.start_char : quoted.open_at])


def covers(text: str, outer: tuple[int, int], inner: Quoted, share: float = 0.85) -> bool:
    """Whether a quoted stretch makes up (nearly) all of a content range."""
    outer_chars = alnum_count(text, *outer)
    inside = alnum_count(text, max(outer[0], inner.start), min(outer[1], inner.end))
    return outer_chars > 0 and inside / outer_chars >= share


def not_speech(doc: Doc, quoted: Quoted) -> bool:
    """Whether a quote without a cue is a title, a document's wording or a term rather than speech.

    A whole sentence in quotation marks is speech even when short ("“I would, Donald.”"); a long
    quote that is only a small part of its sentence, not opening it, is a term or a document's words.
    """
    text = doc_text(doc)
    content = text[quoted.start : quoted.end]
    count = len(word_list(content))
    share = share_of_sentence(doc, quoted)
    whole_sentence = share >= 0.9 and count > 1
    return (
        (count < MIN_SPEECH_WORDS and not whole_sentence)
        or is_title(content)
        or document_wording(doc, quoted)
        or (share < 0.5 and not opens_sentence(doc, quoted))
    )
