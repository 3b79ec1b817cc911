"""The speaker steps run together for one article: mentions, the entity table, then each quote's link.

``SpeakerLinker`` is made once per article; ``resolve`` links one mention at a cue (in article order,
since an earlier quote's speaker may be a later pronoun's antecedent), and ``speakers`` turns the
entities that spoke into Speakers.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from spacy.tokens import Doc, Span

from saidwhat.extraction.speakers import gender as genders
from saidwhat.extraction.speakers.discourse import Discourse
from saidwhat.extraction.speakers.entity import Entity, Resolved
from saidwhat.extraction.speakers.mentions import find_mentions
from saidwhat.extraction.speakers.rules import link
from saidwhat.extraction.speakers.table import build_table
from saidwhat.model import Speaker
from saidwhat.namewords import plain

_SLUG = re.compile(r"[^a-z0-9]+")


class SpeakerLinker:
    """Links the speaker mentions of one article to its entities, and makes their Speakers."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        mentions = find_mentions(doc)
        self.table = build_table(doc, mentions)
        self.discourse = Discourse(doc, mentions, self.table, lambda span: link(self.discourse, span))

    def resolve(self, mention: Span) -> Resolved | None:
        """Which entity a mention at a cue refers to, how sure and how, or None when nobody fits.

        The answer names the entity by its index; its Speaker is made once every mention is linked
        (``speakers``), since later links still add descriptions and gender to it.
        """
        found = link(self.discourse, mention)
        if found is None or found.entity is None:
            return None
        index = self.discourse.apply(found, mention.start)
        return Resolved(index, found.confidence, found.how)

    def speakers(self, used: Collection[int]) -> dict[int, Speaker]:
        """The final Speaker of each entity in ``used`` (indices from ``resolve``), in article order,
        each with a stable id and its final aliases, titles and gender."""
        final: dict[int, Speaker] = {}
        taken: set[str] = set()
        for entity in self.discourse.entities:
            if entity.index not in used:
                continue
            base = _SLUG.sub("-", plain(entity.name)).strip("-") or "speaker"
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            counts = _gender_counts(entity) if _maybe_person(self.doc, entity) else {}
            gender, evidence = genders.decide(counts, names=False)
            final[entity.index] = Speaker(
                id=slug,
                name=entity.name,
                kind=entity.kind,
                aliases=tuple(a for a in entity.aliases if a != entity.name),
                titles=entity.titles,
                gender=gender,
                gender_evidence=evidence,
                gender_counts=genders.as_rows(counts),
            )
        return final


def _maybe_person(doc: Doc, entity: Entity) -> bool:
    """False for a "person" whose name is a group, a place or a day ("Canadians", "Christmas Day"):
    whatever pronoun linking gave it, that is no person's gender."""
    tagged = [doc[p] for p in entity.positions if p < len(doc) and doc[p].pos_ == "PROPN"]
    if tagged and all(t.tag_ == "NNPS" for t in tagged):
        return False
    return genders.could_be_person(entity.name)


def _gender_counts(entity: Entity) -> dict[str, tuple[int, int]]:
    """A person's gender evidence, with the role nouns of descriptions it was called by ("the spokeswoman")."""
    if entity.kind != "person":
        return {}
    counts = entity.counts()
    for alias in entity.aliases:
        if alias[:1].islower() and (role := genders.role_gender(alias.split())):
            counts = genders.merge(
                genders.as_rows(counts), [("role", *((1, 0) if role == "female" else (0, 1)))]
            )
    return counts
