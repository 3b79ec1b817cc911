"""Step 2: the article's entity table, built once from its names and then frozen.

Each name either joins the entity whose attributes all agree with it (``matching``) or starts a new
one; titles, honorifics, kinship and gender evidence are read off the words around each name. Two
first names, two genders or two honorifics never merge.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from spacy.tokens import Doc, Span

from saidwhat.extraction.speakers import gender as genders
from saidwhat.extraction.speakers.entity import Entity, name_key
from saidwhat.extraction.speakers.gazetteer import is_first_name
from saidwhat.extraction.speakers.matching import find_org, find_person, index_words
from saidwhat.extraction.speakers.mentions import ArticleMentions
from saidwhat.extraction.speakers.names import PERSON
from saidwhat.extraction.speakers.phrases import (
    GLUED_POSSESSIVE,
    has_role,
    is_relative_appositive,
    modifier_run,
    modifier_run_forward,
    names_place,
    strip_possessive,
)
from saidwhat.extraction.text.loading import doc_text
from saidwhat.lexicon import (
    FAMILY_NOUNS,
    FEMALE_HONORIFICS,
    FEMALE_PRONOUNS,
    MALE_HONORIFICS,
    MALE_PRONOUNS,
    NAME_TITLES,
    ORGANISATION_NOUNS,
    REPORTING_VERBS,
    SPEAKER_DETERMINERS,
)
from saidwhat.namewords import plain


@dataclass(frozen=True, slots=True)
class NamedAt:
    """An entity named at a token: where, which, and whether as the subject of a clause."""

    position: int
    entity: int
    subject: bool


@dataclass(frozen=True, slots=True)
class EntityTable:
    """Every person and organisation an article names, with the lookups the linking rules need."""

    entities: tuple[Entity, ...]
    by_token: Mapping[int, int]  # token index -> entity index, for every token of a name
    by_word: Mapping[str, tuple[int, ...]]  # first and last word of a person's key -> entity indices
    named: tuple[NamedAt, ...]  # every naming, in article order
    kin: Mapping[tuple[int, str], int]  # (a person, "sister") -> the relative named so


def build_table(doc: Doc, mentions: ArticleMentions) -> EntityTable:
    """The entity table of ``doc``: its names read in order, then frozen."""
    builder = _Builder(doc, mentions)
    for name in mentions.names:
        if name.label_ == PERSON:
            builder.add_person(name)
        else:
            builder.add_org(name)
    builder.merge_into_organisations()
    for index, said in genders.subject_pronouns(doc, builder.by_token, REPORTING_VERBS):
        builder.entities[index] = builder.entities[index].with_gender_note("pronoun", said)
    return EntityTable(
        entities=tuple(builder.entities),
        by_token=MappingProxyType(builder.by_token),
        by_word=MappingProxyType({word: tuple(found) for word, found in builder.by_word.items()}),
        named=tuple(sorted(builder.named, key=lambda n: n.position)),
        kin=MappingProxyType(builder.kin),
    )


class _Builder:
    """The table while it is read: entities are frozen values, replaced as each name adds to them."""

    def __init__(self, doc: Doc, mentions: ArticleMentions) -> None:
        self.doc = doc
        self.mentions = mentions
        self.entities: list[Entity] = []
        self.by_token: dict[int, int] = {}
        self.by_word: dict[str, list[int]] = {}
        self.named: list[NamedAt] = []
        self.kin: dict[tuple[int, str], int] = {}

    def _new(self, **fields: object) -> Entity:
        entity = Entity(index=len(self.entities), **fields)  # type: ignore[arg-type]
        self.entities.append(entity)
        return entity

    def _put(self, entity: Entity) -> Entity:
        self.entities[entity.index] = entity
        return entity

    def _known(self, token: int) -> Entity | None:
        index = self.by_token.get(token)
        return None if index is None else self.entities[index]

    def add_person(self, ent: Span) -> None:
        doc = self.doc
        tokens = strip_possessive(list(ent))
        text = (
            re.sub(r"\s+", " ", doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)])
            if tokens
            else ent.text
        )
        text = GLUED_POSSESSIVE.sub("", text)  # "Schumer‘s", one token
        nickname = self.mentions.nicknames.get(ent.start)
        if nickname is not None:  # "Robert “Bobby” Doe" is Robert Doe, also called Bobby
            text = _without_nickname(ent, nickname)
        key = name_key(text.split()) or [ent.text.lower()]
        kin = self._kin_of(ent)
        relative = kin is not None or is_relative_appositive(ent)
        before = doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
        if len(key) == 1 and (surname := self._shared_surname(ent)):
            # "Bill and Joan Tregear", "Marcus Lin and his wife, Deborah": the first name takes the surname
            text, key = f"{text} {surname}", [*key, plain(surname)]
        found = find_person(self.entities, self.by_word, key, by_first_name=kin is None, honorific=before)
        if kin is not None and found is not None and found.index == kin[0]:
            found = None  # "Elliott's father, Charles Elliott Sr.": the father, not Elliott
        org = find_org(self.entities, key) if found is None else None
        if org is not None and (len(key) == 1 or org.key == key):
            # "Samsung" after "Samsung Electronics", "Carver House" after "a researcher at Carver House":
            # the organisation again, whatever the words alone look like
            self._record(ent, self._put(org.with_alias(text)))
            return
        person = found if found is not None else self._new(kind="person")
        if nickname is not None:
            person = self._put(replace(person, nicknames=(*person.nicknames, *name_key([nickname.text]))))
            index_words(self.by_word, person)
        if len(key) >= len(person.key) and text not in person.names:
            person = self._put(replace(person, names=(*person.names, text)))
            index_words(self.by_word, person)
        person = person.with_alias(text)
        title = self._title_before(ent)
        if title and title not in person.titles:
            person = replace(person, titles=(*person.titles, title))
        if relative and not person.positions:
            person = replace(person, relative=True)
        if before in MALE_HONORIFICS | FEMALE_HONORIFICS | NAME_TITLES:
            person = replace(person, honorifics=person.honorifics | {before})
        if before in MALE_HONORIFICS:
            person = replace(person, gender="m").with_gender_note("honorific", "m")
        elif before in FEMALE_HONORIFICS:
            person = replace(person, gender="f").with_gender_note("honorific", "f")
        role = genders.roles_around(doc, ent.start, ent.end, self.mentions.person_tokens)
        if role:
            person = person.with_gender_note("role", role)
        if kin is not None and kin[0] != person.index:
            self.kin[kin] = person.index
        self._record(ent, self._put(person))

    def add_org(self, ent: Span) -> None:
        tokens = [t for t in ent if t.lower_ not in SPEAKER_DETERMINERS and t.tag_ != "POS"]
        text = self._owned_by(ent, " ".join(t.text for t in tokens) or ent.text)
        key = name_key(text.split())
        person = find_person(self.entities, self.by_word, key) if len(key) <= 2 else None
        if person is not None:  # the tagger often calls a bare surname an organisation
            self._record(ent, self._put(person.with_alias(text)))
            return
        org = find_org(self.entities, key, text) or self._new(kind="organisation", place=names_place(text))
        if text not in org.names:
            org = replace(org, names=(*org.names, text))
            org = replace(
                org, place=names_place(org.name)
            )  # "City", then "City of Surrey": a place after all
        self._record(ent, self._put(org.with_alias(text)))

    def _record(self, span: Span, entity: Entity) -> None:
        entity = self._put(entity.at(span.start))
        for token in span:
            self.by_token[token.i] = entity.index
        head = span.root
        while (
            (head.dep_ in {"compound", "flat"} or (head.dep_ == "appos" and head.head.pos_ == "NOUN"))
            and head.head.i != head.i
            and head.head.i < span.start
        ):
            head = head.head  # "Transport economist Dr. Farzana D'Souza said": the name of the subject
        subject = any(t.i in self.mentions.cue_subjects or t.dep_ == "nsubj" for t in (*span, head))
        if subject and not entity.subject:
            self._put(replace(entity, subject=True))
        self.named.append(NamedAt(span.start, entity.index, subject))

    def merge_into_organisations(self) -> None:
        """ "Kelsbridge have sold their tickets ... Kelsbridge Rovers: van der Berg; ...": a bare name read
        as a person's, with nothing that makes it one (``Entity.unsure_person``), that opens the name of an
        organisation the article gives is that organisation, wherever the two come."""
        organisations = [
            e for e in self.entities if e.kind == "organisation" and not e.place and len(e.key) > 1
        ]
        for person in list(self.entities):
            key = person.key
            if not person.unsure_person or len(key) != 1:
                continue
            owner = next((o for o in organisations if o.key[:1] == key), None)
            if owner is None:
                continue
            owner = self.entities[owner.index]
            for alias in person.aliases:
                owner = owner.with_alias(alias)
            self._put(replace(owner, positions=tuple(sorted((*owner.positions, *person.positions)))))
            self._put(replace(person, kind="unknown", names=(), aliases=()))  # merged: nothing points at it
            self.by_token = {t: owner.index if e == person.index else e for t, e in self.by_token.items()}
            self.named = [
                replace(n, entity=owner.index) if n.entity == person.index else n for n in self.named
            ]
            for bucket in self.by_word.values():
                if person.index in bucket:
                    bucket.remove(person.index)

    def _title_before(self, ent: Span) -> str | None:
        """ "US President Donald Trump" -> "US President"; "North Korean leader, Kim Jong-un" -> its role.

        Read off the words around the name rather than the parse, which often splits such phrases.
        """
        doc = self.doc
        sent = ent.sent
        names = self.mentions.person_tokens
        i = ent.start - 1
        comma = i >= sent.start and doc[i].text == ","
        if comma:
            i -= 1
        words = modifier_run(doc, i, sent.start, names)
        if (
            comma
            and words
            and doc[words[0].i - 1].pos_ in {"DET", "VERB", "ADP"}
            and words[0].i - 1 >= sent.start
        ):
            words = []  # "told the leader, Kim": the role belongs to the clause, not to the name
        if not has_role(words):
            words = []
            j = ent.end
            if j < sent.end and doc[j].text == ",":
                run = modifier_run_forward(doc, j + 1, sent.end, names)
                if has_role(run):
                    words = run
        if not has_role(words):
            return None
        return doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]

    def _shared_surname(self, ent: Span) -> str | None:
        """The surname a lone first name shares with the person it is coordinated with or related to.

        "Bill and Joan Tregear": Bill is a Tregear too. "Marcus Lin and his wife, Deborah": a relative
        introduced by first name after a possessive pronoun has the owner's surname, the owner being the
        person named just before in the sentence.
        """
        doc = self.doc
        if len(ent) != 1:
            return None
        after = ent.end
        if after + 2 < len(doc) and doc[after].lower_ == "and":
            run = []
            for token in doc[after + 1 : after + 5]:
                if token.pos_ != "PROPN" or not token.text[:1].isupper():
                    break
                run.append(token)
            # a known first name, or the parse's own coordination of the two ("Harjit and Amandeep Sandhu")
            coordinated = (
                any(c.dep_ == "conj" and c.i == run[-1].i for c in ent.root.children) if run else False
            )
            if len(run) >= 2 and (is_first_name(ent.text) or coordinated):
                return run[-1].text
        if not is_first_name(ent.text):
            return None
        head = ent.root.head
        if ent.root.dep_ != "appos" or head.lemma_.lower() not in FAMILY_NOUNS:
            return None
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None or owner.lower_ not in MALE_PRONOUNS | FEMALE_PRONOUNS:
            return None
        for k in range(owner.i - 1, ent.sent.start - 1, -1):
            known = self._known(k)
            if known is not None and known.kind == "person" and len(known.key) > 1:
                return known.name.split()[-1]
        return None

    def _kin_of(self, ent: Span) -> tuple[int, str] | None:
        """ "Ruiz's sister, Clara": (Ruiz's entity, "sister"); a first name given so is a relative, not
        any other Clara in the article."""
        head = ent.root.head
        if ent.root.dep_ != "appos" or head.lemma_.lower() not in FAMILY_NOUNS:
            return None
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        known = self._known(owner.i) if owner is not None else None
        return (known.index, head.lemma_.lower()) if known is not None and known.kind == "person" else None

    def _owned_by(self, ent: Span, text: str) -> str:
        """ "the University of Calgary's School of Law": a school, a department or an institute of an
        organisation named just before goes by both names, the fullest the article gives."""
        doc = self.doc
        at = ent.start - 1
        if at < 1 or doc[at].tag_ != "POS" or ent[0].lower_ not in ORGANISATION_NOUNS:
            return text
        owner = self._known(at - 1)
        if owner is None or owner.kind != "organisation" or owner.place:
            return text
        first = at - 1
        while first - 1 >= 0 and self.by_token.get(first - 1) == owner.index:
            first -= 1
        while first < at and doc[first].lower_ in SPEAKER_DETERMINERS:
            first += 1
        whole = doc_text(doc)[doc[first].idx : doc[at].idx + len(doc[at].text)]
        return f"{whole} {text}"


def _without_nickname(ent: Span, nickname: Span) -> str:
    """ "Robert “Bobby” Doe" -> "Robert Doe": the words before the nickname's opening mark and after its
    closing one."""
    doc = ent.doc
    text = doc_text(doc)
    before = text[ent.start_char : doc[nickname.start - 1].idx].strip()
    closing = doc[nickname.end]
    after = text[closing.idx + len(closing.text) : ent.end_char].strip()
    return GLUED_POSSESSIVE.sub("", f"{before} {after}")
