"""Step 1: the mentions an article gives its people and organisations, read once from the parse."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from saidwhat.extraction.names import PERSON, find_names
from saidwhat.extraction.speakers.phrases import inverted_subject
from saidwhat.lexicon import REPORTING_VERBS


@dataclass(frozen=True, slots=True)
class ArticleMentions:
    """The names of one article, in order, and what the entity table and the rules ask of every token."""

    names: tuple[Span, ...]  # people's and organisations' names (``names.find_names``)
    person_tokens: frozenset[int]  # tokens inside a person's name
    cue_subjects: frozenset[int]  # tokens that are the subject of a verb of saying
    sentence_starts: tuple[int, ...]  # the first token of each sentence


def find_mentions(doc: Doc) -> ArticleMentions:
    names = tuple(find_names(doc))
    return ArticleMentions(
        names=names,
        person_tokens=frozenset(t.i for name in names if name.label_ == PERSON for t in name),
        cue_subjects=frozenset(
            child.i
            for token in doc
            if token.lemma_.lower() in REPORTING_VERBS
            for child in token.children
            if child.dep_ in {"nsubj", "nsubjpass"} or inverted_subject(token, child)
        ),
        sentence_starts=tuple(sentence.start for sentence in doc.sents),
    )
