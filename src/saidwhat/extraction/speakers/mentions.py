"""Step 1: the mentions an article gives its people and organisations, read once from the parse."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from spacy.tokens import Doc, Span

from saidwhat.extraction.speakers.names import PERSON, find_names
from saidwhat.extraction.speakers.phrases import inverted_subject
from saidwhat.extraction.text.lookup import with_lemma
from saidwhat.lexicon import REPORTING_VERBS


@dataclass(frozen=True, slots=True)
class ArticleMentions:
    """The names of one article, in order, and what the entity table and the rules ask of every token."""

    names: tuple[Span, ...]  # people's and organisations' names (``names.find_names``)
    person_tokens: frozenset[int]  # tokens inside a person's name
    cue_subjects: frozenset[int]  # tokens that are the subject of a verb of saying
    sentence_starts: tuple[int, ...]  # the first token of each sentence
    nicknames: Mapping[int, Span]  # the start of a name written with a nickname -> the nickname


_OPENING = frozenset({'"', "“", "‘", "'", "("})
_CLOSING = frozenset({'"', "”", "’", "'", ")"})


def _with_nicknames(doc: Doc, names: list[Span]) -> tuple[list[Span], dict[int, Span]]:
    """ "Robert “Bobby” Doe", "Margaret (Peggy) Olsen": one name with its nickname, which the name finder
    reads as three; the nickname is kept apart, to be matched when the article uses it alone."""
    joined: list[Span] = []
    nicknames: dict[int, Span] = {}
    k = 0
    while k < len(names):
        first = names[k]
        if k + 2 < len(names):
            nick, last = names[k + 1], names[k + 2]
            if (
                all(n.label_ == PERSON for n in (first, nick, last))
                and len(first) <= 2
                and len(nick) <= 2
                and nick.start == first.end + 1
                and last.start == nick.end + 1
                and doc[first.end].text in _OPENING
                and doc[nick.end].text in _CLOSING
            ):
                whole = Span(doc, first.start, last.end, label=PERSON)
                joined.append(whole)
                nicknames[whole.start] = nick
                k += 3
                continue
        joined.append(first)
        k += 1
    return joined, nicknames


def find_mentions(doc: Doc) -> ArticleMentions:
    found, nicknames = _with_nicknames(doc, find_names(doc))
    names = tuple(found)
    return ArticleMentions(
        names=names,
        nicknames=MappingProxyType(nicknames),
        person_tokens=frozenset(t.i for name in names if name.label_ == PERSON for t in name),
        cue_subjects=frozenset(
            child.i
            for token in (doc[i] for i in with_lemma(doc, REPORTING_VERBS))
            for child in token.children
            if child.dep_ in {"nsubj", "nsubjpass"} or inverted_subject(token, child)
        ),
        sentence_starts=tuple(sentence.start for sentence in doc.sents),
    )
