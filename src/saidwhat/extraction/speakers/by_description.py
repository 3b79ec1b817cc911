"""Linking rules for pronouns, descriptions and documents: the mentions that do not name anybody.

Like ``by_name``, each rule reads the discourse and returns a ``Link`` or None, never changing anything.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from spacy.tokens import Span

from saidwhat.extraction.confidence import (
    SPEAKER_DESCRIPTION,
    SPEAKER_PRONOUN,
    SPEAKER_REFERENCE,
    SPEAKER_SALIENT,
    SPEAKER_UNRESOLVED,
)
from saidwhat.extraction.speakers import gender as genders
from saidwhat.extraction.speakers.discourse import FAR_WINDOW_SENTENCES, PEOPLE_WINDOW_SENTENCES, Discourse
from saidwhat.extraction.speakers.entity import NEW, Entity, Link, name_key
from saidwhat.extraction.speakers.phrases import (
    anonymous,
    definite,
    definite_description,
    description,
    full_description,
    main_or_saying,
    names_person,
    without_medium,
)
from saidwhat.lexicon import (
    FEMALE_PRONOUNS,
    ISSUED_DOCUMENTS,
    MALE_PRONOUNS,
    MEDIUM_NOUNS,
    ORGANISATION_NOUNS,
    PLACE_NOUNS,
    PLURAL_PRONOUNS,
    QUANTIFIER_PRONOUNS,
    ROLE_NOUNS,
    SPEAKER_COMPANY_NOUNS,
    SPEAKER_DETERMINERS,
    SPEAKER_EMPTY_PRONOUNS,
    SPEAKER_GENERIC_HEADS,
    SPEAKER_INDEFINITE_DETERMINERS,
    SPEAKER_STATEMENT_NOUNS,
    TIME_WORDS,
    UTILITY_NAME_WORDS,
)
from saidwhat.model import SpeakerKind
from saidwhat.namewords import plain


def _people_before(d: Discourse, mention: Span, sentences: int, *, named: bool = False) -> Span | None:
    """The latest plural subject that names people ("parents, teachers and others", "several
    executives") before ``mention``, in its sentence or the ``sentences`` before it; with ``named``,
    a named group too ("Republicans said ... Some said")."""
    doc = d.doc
    floor = d.window_start(mention.start, sentences)
    for i in range(mention.start - 1, floor - 1, -1):
        token = doc[i]
        after = doc[i + 1] if i + 1 < len(doc) else token
        # a subject by its parse, or by a finite verb right after it, which the parse can miss
        if (
            (token.dep_ not in {"nsubj", "nsubjpass"} and after.tag_ not in {"VBP", "VBD", "MD"})
            or token.tag_ not in {"NNS", "NNPS"}
            or (
                token.tag_ == "NNS"
                and (not names_person(token.lemma_.lower()) or token.i in d.table.by_token)
            )
            or (token.tag_ == "NNPS" and (not named or token.dep_ not in {"nsubj", "nsubjpass"}))
            or not main_or_saying(token if token.dep_ in {"nsubj", "nsubjpass"} else after)
        ):
            continue
        while token.dep_ == "conj" and token.head.tag_ in {"NNS", "NNPS"}:
            token = token.head  # "parents, alumni and others have": the whole list
        end = token.i
        conjuncts = [token]
        while conjuncts:
            conj = conjuncts.pop()
            end = max(end, conj.i)
            conjuncts.extend(c for c in conj.children if c.dep_ == "conj" and c.pos_ == "NOUN")
        start = token.left_edge.i
        # "Friends of the Earth members": a name with "of" that the parse cut in two
        while start >= floor + 2 and doc[start - 1].lower_ == "of" and doc[start - 2].is_title:
            start -= 2
            while start > floor and doc[start - 1].is_title:
                start -= 1
        return doc[start : end + 1]
    return None


def quantifier(d: Discourse, mention: Span) -> Link | None:
    """ "parents and teachers rallied, with many saying ...": "many" of the people just named."""
    root = mention.root
    if (
        len(mention) != 1
        or root.lower_ not in QUANTIFIER_PRONOUNS
        or any(c.lower_ == "of" for c in root.children)
    ):
        return None
    people = _people_before(d, mention, PEOPLE_WINDOW_SENTENCES, named=True)
    group = d.link(people) if people is not None else None
    if people is None or group is None or group.entity is None:
        return None
    return group.but(confidence=SPEAKER_PRONOUN, how=f"quantifier: some of {people.text!r} before")


def antecedent(d: Discourse, mention: Span, pronoun: str) -> Link | None:
    """What a pronoun (or, with ``pronoun`` empty, a definite description) refers to: a named subject
    close before, a named person further back, and an unnamed one ("a security guard") only where no
    named person fits; never a person of the other gender, and "they" never a place."""
    plural = pronoun in PLURAL_PRONOUNS
    wanted = "m" if pronoun in MALE_PRONOUNS else "f" if pronoun in FEMALE_PRONOUNS else None

    def fits(entity: Entity, unnamed: bool) -> bool:
        if plural:  # "they": an organisation or a group of people, never a place
            return (entity.kind == "organisation" and not entity.place) or entity.group
        if not (entity.kind == "person" or (unnamed and entity.personal)):
            return False  # "he" is never "Canadians", "a statement" or a place
        if entity.kind == "person" and entity.lone and not entity.subject and entity.gender is None:
            return False  # "Crohn's disease", "after Brexit": a word, not somebody who speaks
        if wanted is None:
            return True
        if entity.gender is not None:
            return entity.gender == wanted
        return entity.name_gender in (None, wanted)  # "he" is not "Michelle Rempel"

    def named(entity: Entity) -> bool:
        return fits(entity, False)

    found = (
        d.latest(mention, named, True, window=1)
        or _only_one_close(d, mention, pronoun, named)
        or d.latest(mention, named, True)
        or d.latest(mention, named, False, window=FAR_WINDOW_SENTENCES)
        or d.latest(mention, lambda c: fits(c, True), False)
    )
    if pronoun in {"they", "them", "their"}:
        # "Several executives have warned about it. They say ...": people named as a subject just
        # before, where no source the discourse knows was named after them.
        people = _people_before(d, mention, 1)
        last = max((p for p in found.positions if p < mention.start), default=-1) if found else -1
        if people is not None and people.start > last:
            group = d.link(people)
            if group is not None and group.entity is not None:
                return group.but(gender=None)
    if found is None and wanted:
        # Far back, a pronoun still finds the last person known to be of its gender (the only woman
        # quoted in a long feature), but not one whose gender is merely unknown.
        found = d.latest(
            mention, lambda c: c.kind == "person" and c.known_gender == wanted, False, window=None
        )
    return None if found is None else Link(found, SPEAKER_PRONOUN, None, gender=wanted)


def _only_one_close(
    d: Discourse, mention: Span, pronoun: str, fits: Callable[[Entity], bool]
) -> Entity | None:
    """ "... a photograph of Van der Kolk’s late wife. He is quiet": where no subject in this sentence or
    the one before fits, the one entity the sentence before names that does (in any role), if only one
    does; never where that sentence's subject is a pronoun like this one or a description of a person,
    which carries a chain of its own on ("In defeat, the president appeared cowed. Campaigning against
    Mitt Romney, he ...")."""
    if pronoun not in MALE_PRONOUNS | FEMALE_PRONOUNS:
        return None
    start = d.window_start(mention.start, 1)
    sentence = d.window_start(mention.start, 0)
    same = MALE_PRONOUNS if pronoun in MALE_PRONOUNS else FEMALE_PRONOUNS
    for token in d.doc[start:sentence]:
        if token.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        if token.lower_ in same or (token.pos_ == "NOUN" and names_person(token.lemma_.lower())):
            return None
    close = {e.index: e for _, e in d.named_between(start, sentence) if fits(e)}
    return next(iter(close.values())) if len(close) == 1 else None


def _pronoun_how(pronoun: str, link: Link | None) -> str:
    """How a pronoun found its antecedent, in a reader's words."""
    entity = link.entity if link is not None else None
    if link is None or entity is None:
        return f"pronoun: {pronoun!r}, nobody before it fits"
    if pronoun in PLURAL_PRONOUNS:
        what = "group" if entity.group else "organisation"
        return f"pronoun: {pronoun!r} → the nearest {what} named before"
    gender = entity.gender or link.gender or entity.name_gender
    who = {"f": "woman", "m": "man"}.get(gender or "", "person")
    return f"pronoun: {pronoun!r} → the nearest {who} named before, {entity.name}"


def pronoun(d: Discourse, mention: Span) -> Link | None:
    """ "he", "she", "they": the antecedent; with nobody before it that fits, the pronoun itself, as a
    speaker whose name the article does not give ("“…,” he conceded" as a whole article)."""
    root = mention.root
    lower = root.lower_
    if root.pos_ != "PRON" and lower not in MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS:
        return None
    found = antecedent(d, mention, lower)
    if found is not None:
        return found.but(confidence=SPEAKER_PRONOUN, how=_pronoun_how(lower, found))
    if lower not in MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS:
        return Link(None, SPEAKER_PRONOUN, _pronoun_how(lower, None))  # "it", "this": nobody
    gender = "m" if lower in MALE_PRONOUNS else "f" if lower in FEMALE_PRONOUNS else None
    unknown = Entity(
        index=NEW,
        kind="unknown",
        aliases=(mention.text,),
        gender=gender,
        personal=gender is not None,
        group=gender is None,
    )
    how = f"{_pronoun_how(lower, None)}: kept as the speaker, name unknown"
    return Link(unknown, SPEAKER_UNRESOLVED, how, noted=(mention.start,))


def _title_or_source(entity: Entity) -> str:
    """What a description matched: a title the article gave the person, or the unnamed source met before."""
    return f"titled {entity.titles[0]!r}" if entity.titles else "met before"


def _described_before(d: Discourse, mention: Span, *, same_words: bool = False) -> Entity | None:
    """ "a justice official said ... the official said": the unnamed source met before with that head.

    With ``same_words``, only one met with all the mention's words ("the justice official" after "a
    justice official"), which is asked before any titled person ("Justice Minister X") is.
    """
    if mention[0].lower_ not in {"the", "this", "that"} or mention.root.tag_ != "NN":
        return None
    head = mention.root.lower_
    words = description(mention).lower().split()[1:]

    def fits(alias: str) -> bool:
        said = alias.lower().split()
        return said[1:] == words if same_words else said[-1] == head or said[1:2] == [head]

    return d.latest(
        mention,
        lambda c: c.kind == "unknown" and not c.names and any(fits(a) for a in c.aliases),
        False,
        window=FAR_WINDOW_SENTENCES,
    )


def _by_title(d: Discourse, mention: Span) -> Entity | None:
    """ "the president", "the US leader": the person whose learned titles share the most words."""
    root = mention.root
    if root.lower_ not in ROLE_NOUNS or root.tag_ in {"NNS", "NNPS"}:
        return None
    if mention[0].lower_ in SPEAKER_INDEFINITE_DETERMINERS:
        return None  # "a justice official" is somebody new, not the justice minister
    head = plain(root.text)
    modifiers = {plain(t.text) for t in mention if t.lower_ not in SPEAKER_DETERMINERS and t.pos_ != "PUNCT"}
    modifiers -= {head}
    best: tuple[float, int, Entity] | None = None
    for entity in d.entities:
        if entity.kind != "person":
            continue
        for title in entity.titles:
            title_words = {plain(w) for w in title.split()}
            shared = modifiers & title_words
            if head in SPEAKER_GENERIC_HEADS and modifiers and not shared:
                continue  # "the US leader" is not "North Korean leader"
            if head not in title_words and (not shared or head not in SPEAKER_GENERIC_HEADS):
                continue  # "the Chief Economist" is not the "Police Chief": a specific role must be the title's
            score = 2.0 * len(shared) + (1.0 if head in title_words else 0.0)
            recency = max((p for p in entity.positions if p < mention.start), default=-1)
            if best is None or (score, recency) > (best[0], best[1]):
                best = (score, recency, entity)
    return best[2] if best else None


def titled_description(d: Discourse, mention: Span) -> Link | None:
    """ "the justice official" again, or "the president" whom the article titled so."""
    found = _described_before(d, mention, same_words=True) or _by_title(d, mention)
    if found is None:
        return None
    words = description(mention)
    how = f"description: {words!r} → {found.name}, {_title_or_source(found)}"
    return Link(found, SPEAKER_DESCRIPTION, how, aliases=(words,), noted=(mention.start,))


def _issuer_of(d: Discourse, mention: Span) -> Link | None:
    """Who issued the document a mention names: "a statement from X", "a study by X", "a statement
    e-mailed by the association", "X's statement", else the latest issuer named before it."""
    root = mention.root
    for token in root.subtree:
        target = token
        if token.dep_ in {"prep", "agent"} and token.lower_ in {"from", "by", "of"}:
            target = next((c for c in token.children if c.dep_ == "pobj"), token)
        elif not (token.dep_ == "poss" and token.head.i == root.i):
            continue
        if (known := d.named_at(target.i)) is not None:
            return Link(known, SPEAKER_REFERENCE, None)
        if (
            target is not token
            and token.lower_ != "of"
            and target.pos_ == "NOUN"
            and target.lower_ not in MEDIUM_NOUNS
        ):
            # "a statement issued by the association": whoever "the association" is
            issuer = d.link(d.doc[target.left_edge.i : target.i + 1])
            if issuer is not None and issuer.entity is not None and issuer.entity.issuer:
                return issuer
    if (named_by := _named_issuer(d, mention)) is not None:
        return named_by
    if any(t.pos_ == "PROPN" and t.lower_ not in TIME_WORDS and t.i != root.i for t in mention):
        return None  # "the Fraser Institute report": a name of its own, read as such
    found = d.latest(mention, lambda c: c.issuer, True) or d.latest(mention, lambda c: c.issuer, False)
    return None if found is None else Link(found, SPEAKER_REFERENCE, None)


def _named_issuer(d: Discourse, mention: Span) -> Link | None:
    """ "A Treasury statement", "a Pentagon memo": a proper noun before a statement names its issuer, a
    known entity or an organisation of that name."""
    root = mention.root
    if root.lemma_.lower() not in SPEAKER_STATEMENT_NOUNS:
        return None  # "a Bloomberg poll", "the IMF report": a finding speaks as itself
    words = [t for t in root.children if t.dep_ == "compound" and t.pos_ == "PROPN" and t.i >= mention.start]
    if len(words) != 1 or words[0].lower_ in TIME_WORDS:
        return None
    word = words[0]
    known = d.named_at(word.i)
    if known is not None:
        return Link(known, SPEAKER_REFERENCE, None) if known.issuer else None
    name = d.doc[word.left_edge.i : word.i + 1]
    if any(t.pos_ != "PROPN" for t in name):
        return None
    found = d.find_org(name_key([t.text for t in name]))
    organisation = found or Entity(index=NEW, kind="organisation", names=(name.text,), aliases=(name.text,))
    return Link(organisation, SPEAKER_REFERENCE, None)


def _organisation(entity: Entity) -> bool:
    return entity.kind == "organisation" and not entity.place


def _referent(d: Discourse, mention: Span) -> Link | None:
    """ "the agency", "the diocese", "the city", "the company": the organisation or place before it.

    A definite organisation or place noun goes to the latest organisation (or place) whose name has that
    word ("the diocese": "the Diocese of Covington"), else to the organisation the passage is about.
    """
    root = mention.root
    head = root.lemma_.lower()
    if any(t.pos_ == "PROPN" and t.i != root.i for t in mention):
        return None
    if mention[0].lower_ not in {"the", "this"} or root.tag_ == "NNS":
        return None
    if head in PLACE_NOUNS:
        found = d.latest(mention, lambda c: c.place and head in c.key, False, window=FAR_WINDOW_SENTENCES)
        found = found or d.latest(mention, lambda c: c.place, False, window=FAR_WINDOW_SENTENCES)
        return None if found is None else Link(found, SPEAKER_REFERENCE, None)
    # "the utility": an organisation whose name says so ("Lavelle Power & Light") before any other
    kind_words = UTILITY_NAME_WORDS if head == "utility" else frozenset({head})
    found = d.latest(
        mention,
        lambda c: c.kind == "organisation" and bool(kind_words & set(c.key)),
        False,
        window=FAR_WINDOW_SENTENCES,
    )
    if found is None:
        # "the regional district said" in the first line, its name given later in the article
        found = next(
            (c for c in d.entities if c.kind == "organisation" and not c.place and head in c.key), None
        )
    if found is None and head in SPEAKER_COMPANY_NOUNS:
        # "Shares in Halvorsen Minerals fell ... after the lithium producer said": a company described by
        # what it makes or does, named in this sentence or the one before
        found = d.latest(mention, _organisation, False, window=1)
    if found is not None or head not in ORGANISATION_NOUNS:
        return None if found is None else Link(found, SPEAKER_REFERENCE, None)
    # "the company": the organisation the passage is about, named as a subject, before the latest one
    # named in passing ("Calloway Freight, the port's largest tenant, ... The company warned");
    # "Kelsbridge have sold their allocation, the club said": the subject of its own sentence first
    found = d.latest(mention, lambda c: _organisation(c) or c.unsure_person, True, window=0)
    if found is not None and found.kind == "person":
        return Link(found, SPEAKER_REFERENCE, None, kind="organisation")
    found = (
        found
        or d.latest(mention, _organisation, True)
        or d.latest(mention, _organisation, False)
        or d.latest(mention, _organisation, True, window=FAR_WINDOW_SENTENCES)
    )
    if found is not None:
        return Link(found, SPEAKER_REFERENCE, None)
    # "Fundy Link Marine ... posted the schedule. The company said": a name the tagger read as a
    # person's, with no first name and nothing that gives it a gender, is that organisation
    sentence = d.window_start(mention.start, 0)
    found = d.latest(
        mention,
        lambda c: c.unsure_person and (len(c.key) > 1 or max(c.positions, default=-1) >= sentence),
        True,
        window=1,
    )
    return None if found is None else Link(found, SPEAKER_REFERENCE, None, kind="organisation")


def reference(d: Discourse, mention: Span) -> Link | None:
    """A document speaks for whoever issued it; "the company", "the city" for the one before."""
    root = mention.root
    if root.tag_ not in {"NN", "NNP", "NNS"}:
        return None
    head = root.lower_ if root.lower_ in ISSUED_DOCUMENTS else root.lemma_.lower()  # "data": lemma "datum"
    document = head in ISSUED_DOCUMENTS
    found = _issuer_of(d, mention) if document else _referent(d, mention)
    if found is None or found.entity is None:
        return None
    entity = found.entity
    words = description(mention)
    if root.lemma_.lower() in ISSUED_DOCUMENTS:
        how = f"document: {words!r} speaks for whoever issued it, {entity.name}"
    else:
        what = "place" if entity.place else (found.kind or entity.kind)
        how = f"description: {words!r} → the {what} named before, {entity.name}"
    noted = found.noted if root.lemma_.lower() in ISSUED_DOCUMENTS else (*found.noted, mention.start)
    return found.but(confidence=SPEAKER_REFERENCE, how=how, aliases=(*found.aliases, words), noted=noted)


def source_met_before(d: Discourse, mention: Span) -> Link | None:
    """ "the official" after "a justice official said": the unnamed source met before with that head."""
    found = _described_before(d, mention)
    if found is None:
        return None
    how = f"description: {description(mention)!r} → the unnamed source met before"
    return Link(found, SPEAKER_REFERENCE, how, noted=(mention.start,))


def salient_person(d: Discourse, mention: Span) -> Link | None:
    """ "The finance minister spoke to us ... the minister said", "the 26-year-old winger said": no title
    in the article says who, so the most salient person before it, like a pronoun."""
    if not definite_description(mention) or full_description(mention) is not None:
        return None  # "the Chief Economist at Harbour Bank": introduced by where they work, somebody new
    found = antecedent(d, mention, "")
    if found is None or found.entity is None:
        return None
    words = description(mention)
    how = f"description: {words!r} → the most salient person before"
    return found.but(
        confidence=SPEAKER_SALIENT,
        how=how,
        aliases=(*found.aliases, words),
        noted=(*found.noted, mention.start),
    )


def named_next(d: Discourse, mention: Span) -> Link | None:
    """ "A spokeswoman for the mayor said ... “...,” said Ana Ruiz.": news introduces a source by a
    description, then names her in the next sentence as the subject of a verb of saying.

    The person must be named there for the first time and with no title, or have been named before
    with a title of the description's head ("Coach Ana Ruiz" for "a hockey coach"), and not be of
    the other gender.
    """
    root = mention.root
    if (
        mention[0].lower_ not in {"a", "an"}
        or root.tag_ != "NN"
        or not names_person(root.lemma_.lower())
        or anonymous(root)
    ):
        return None
    starts = d.mentions.sentence_starts
    sentence = bisect.bisect_right(starts, mention.start) - 1
    if sentence + 1 >= len(starts):
        return None
    start = starts[sentence + 1]
    end = starts[sentence + 2] if sentence + 2 < len(starts) else len(d.doc)
    role = genders.role_gender(t.text for t in mention)
    for position, entity in d.named_between(start, end):
        if not d.says(position, entity) or entity.kind != "person" or entity.lone:
            continue
        first = min(entity.positions)
        # named there first and with no title ("Trump lawyer X" is not "a lawyer for the outlets"), or
        # met before with a title of the description's head
        titled = first < mention.start and any(root.lower_ in t.lower().split() for t in entity.titles)
        untitled = first >= start and not entity.titles
        if (untitled or titled) and (role is None or entity.known_gender in (None, role[0])):
            words = description(mention)
            how = f"description: {words!r} → named in the next sentence"
            return Link(entity, SPEAKER_SALIENT, how, aliases=(words,), noted=(mention.start,))
        return None  # the next sentence's speaker is somebody else
    return None


def _placed(d: Discourse, mention: Span, words: str) -> str:
    """ "city staff", "town officials": the staff of the place the article is about, so the place's
    name stands for the noun ("Brampton staff" after "the City of Brampton")."""
    modifier = next(
        (
            t
            for t in mention
            if t.dep_ == "compound" and t.head.i == mention.root.i and t.lower_ in PLACE_NOUNS
        ),
        None,
    )
    if modifier is None or modifier.i != mention.start or mention.root.pos_ != "NOUN":
        return words
    noun = modifier.lower_
    place = d.latest(mention, lambda c: c.place and noun in c.key, False, window=FAR_WINDOW_SENTENCES)
    if place is None:
        return words
    short = re.sub(rf"^(?:the\s+)?{noun}\s+of\s+", "", place.name, flags=re.IGNORECASE)
    if not short or short.lower() == noun or short == place.name:
        return words
    return short + words[len(modifier.text) :]


def unnamed_source(d: Discourse, mention: Span) -> Link | None:
    """A description nobody in the article carries ("sources", "a senior official"): a source of its
    own, named by its full description ("a spokesperson for the Port Authority", not "A spokesperson")."""
    root = mention.root
    words = description(without_medium(mention))
    if not words or root.lower_ in SPEAKER_EMPTY_PRONOUNS:
        return None
    words = _placed(d, mention, words)
    fuller = full_description(mention)
    if fuller is not None and not definite(mention):
        words = description(fuller)
    kind: SpeakerKind = "organisation" if root.lemma_.lower() in ORGANISATION_NOUNS else "unknown"
    found = next((c for c in d.entities if c.kind == kind and c.aliases[:1] == (words,)), None)
    if found is None:
        plural = root.tag_ in {"NNS", "NNPS"}
        personal = kind == "unknown" and names_person(root.lemma_.lower()) and not plural
        found = Entity(
            index=NEW, kind=kind, aliases=(words,), group=kind == "unknown" and plural, personal=personal
        )
    return Link(found, SPEAKER_REFERENCE, "unnamed source: its own description", noted=(mention.start,))
