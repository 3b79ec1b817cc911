"""Step 3's state: the frozen entity table, and what the quotes linked so far add to it.

Linking is read in article order, as a reader does: once "a security guard" has spoken, "he" may be
him. The rules only read the discourse; the linker applies each rule's ``Link`` to it (``apply``), so
the one place an entity changes during linking is here.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span

from saidwhat.extraction.speakers.entity import NEW, Entity, Link
from saidwhat.extraction.speakers.matching import find_org, find_person, index_words
from saidwhat.extraction.speakers.mentions import ArticleMentions
from saidwhat.extraction.speakers.table import EntityTable, NamedAt

PRONOUN_WINDOW_SENTENCES = 4
PEOPLE_WINDOW_SENTENCES = 2  # how far back "many" or "some" still finds the people it is some of
FAR_WINDOW_SENTENCES = 4 * PRONOUN_WINDOW_SENTENCES  # how far back a named person or a name is still sought


class Discourse:
    """The entities of one article as linking goes on, and the questions rules ask of them."""

    def __init__(
        self, doc: Doc, mentions: ArticleMentions, table: EntityTable, link: Callable[[Span], Link | None]
    ) -> None:
        self.doc = doc
        self.mentions = mentions
        self.table = table
        self.link = link  # how to link a stand-in for a mention (an antecedent, an issuer): all the rules
        self.entities: list[Entity] = list(table.entities)
        self._by_word: dict[str, list[int]] = {word: list(found) for word, found in table.by_word.items()}
        self._named: list[NamedAt] = list(table.named)
        self._named_positions = [n.position for n in self._named]

    # -- what rules read ----------------------------------------------------------------------------

    def named_at(self, token: int) -> Entity | None:
        """The entity whose name holds token ``token``."""
        index = self.table.by_token.get(token)
        return None if index is None else self.entities[index]

    def find_person(self, key: list[str], *, honorific: str = "") -> Entity | None:
        return find_person(self.entities, self._by_word, key, honorific=honorific)

    def find_org(self, key: list[str]) -> Entity | None:
        return find_org(self.entities, key)

    def window_start(self, position: int, sentences: int) -> int:
        """The first token of the sentence ``sentences`` before the one holding token ``position``."""
        starts = self.mentions.sentence_starts
        index = max(bisect.bisect_right(starts, position) - 1, 0)
        return starts[max(0, index - sentences)]

    def latest(
        self,
        mention: Span,
        fits: Callable[[Entity], bool],
        subject_only: bool,
        *,
        window: int | None = PRONOUN_WINDOW_SENTENCES,
    ) -> Entity | None:
        """The entity mentioned last before ``mention`` that ``fits``, looking back ``window`` sentences
        (None: to the article's start), as a subject only where ``subject_only``."""
        start = 0 if window is None else self.window_start(mention.start, window)
        for k in range(bisect.bisect_left(self._named_positions, mention.start) - 1, -1, -1):
            named = self._named[k]
            if named.position < start:
                break
            entity = self.entities[named.entity]
            if (named.subject or not subject_only) and fits(entity):
                return entity
        return None

    def named_between(self, start: int, end: int) -> list[tuple[int, Entity]]:
        """(position, entity) of every naming from token ``start`` up to ``end``."""
        at = bisect.bisect_left(self._named_positions, start)
        found = []
        for named in self._named[at:]:
            if named.position >= end:
                break
            found.append((named.position, self.entities[named.entity]))
        return found

    def says(self, position: int, entity: Entity) -> bool:
        """Whether the name of ``entity`` at ``position`` is the subject of a verb of saying."""
        i = position
        by_token = self.table.by_token
        while i < len(self.doc) and by_token.get(i) == entity.index:
            if i in self.mentions.cue_subjects:
                return True
            i += 1
        return False

    # -- what the linker writes ----------------------------------------------------------------------

    def apply(self, link: Link, position: int) -> int:
        """Record what ``link`` teaches (a new entity, aliases, gender, kind, a mention as a subject) and
        that the entity was mentioned at token ``position``; its index."""
        assert link.entity is not None
        if link.entity.index == NEW:
            entity = replace(link.entity, index=len(self.entities))
            self.entities.append(entity)
            index_words(self._by_word, entity)
        else:
            entity = self.entities[link.entity.index]
        for alias in link.aliases:
            entity = entity.with_alias(alias)
        if link.gender is not None:
            if entity.gender is None:
                entity = replace(entity, gender=link.gender)
            entity = entity.with_gender_note("pronoun", link.gender)
        if link.kind is not None:
            entity = replace(entity, kind=link.kind)
        for noted in link.noted:
            at = bisect.bisect_right(self._named_positions, noted)
            self._named_positions.insert(at, noted)
            self._named.insert(at, NamedAt(noted, entity.index, True))
        self.entities[entity.index] = entity.at(position)
        return entity.index
