"""The linking rules in order, from the most precise to the least: the first that answers decides.

A rule answers with a ``Link`` (an entity, or nobody, with how it got there) or passes with None.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span

from saidwhat.extraction.speakers import by_description, by_name
from saidwhat.extraction.speakers.discourse import Discourse
from saidwhat.extraction.speakers.entity import Link

Rule = Callable[[Discourse, Span], Link | None]

RULES: tuple[Rule, ...] = (
    by_name.relative_pronoun,  # "a reporter who asked": the reporter
    by_name.coordinated,  # "Sandmann and Phillips said": both, as one source
    by_name.document_owner,  # "the city's Annual Shelter Survey": the city
    by_name.appositive_description,  # "A lawyer for the outlets, David Schulz,": the name
    by_name.role_named_after,  # "The Labour MP for Aldmouth, Nadia Pemberton, told"
    by_name.kinship,  # "his sister": the sister the article named
    by_name.name_inside,  # a name of the table in the mention
    by_description.quantifier,  # "many" of the people just named
    by_description.pronoun,  # "he", "she", "they"
    by_name.mistagged_name,  # "Elke says", the tagger's verb
    by_name.name_called_noun,  # "Reyes said", the tagger's noun
    by_name.proper_name,  # a name the table lacks: a new entity
    by_description.titled_description,  # "the president", titled so by the article
    by_description.reference,  # "a statement", "the company", "the city"
    by_description.source_met_before,  # "the official" after "a justice official"
    by_description.salient_person,  # "the minister", nobody titled so: the most salient person
    by_description.named_next,  # "a spokeswoman ... said Ana Ruiz" in the next sentence
    by_description.unnamed_source,  # "a senior official": a source of its own
)


def link(discourse: Discourse, mention: Span) -> Link | None:
    """The first rule's answer for ``mention``, or None when no rule answers."""
    for rule in RULES:
        found = rule(discourse, mention)
        if found is not None:
            return found
    return None
