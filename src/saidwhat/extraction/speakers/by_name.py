"""Linking rules for mentions that name their speaker, or stand in for a name the article gives.

Each rule reads the discourse and returns a ``Link`` (with the words it went through) or None, never
changing anything; ``rules.RULES`` orders them from the most precise to the least.
"""

from __future__ import annotations

from spacy.tokens import Span

from saidwhat.extraction.confidence import SPEAKER_DEFAULT, SPEAKER_NAME, SPEAKER_PROPER, SPEAKER_REFERENCE
from saidwhat.extraction.speakers import gender as genders
from saidwhat.extraction.speakers.discourse import FAR_WINDOW_SENTENCES, Discourse
from saidwhat.extraction.speakers.entity import NEW, Entity, Link, name_key
from saidwhat.extraction.speakers.matching import same_surname_choice
from saidwhat.extraction.speakers.names import PERSON, kind_of
from saidwhat.extraction.speakers.phrases import (
    description,
    fuller_appositive,
    is_owner,
    modifies,
    named_relative,
    names_person,
    party_tag_between,
    strip_possessive,
)
from saidwhat.lexicon import (
    AFFILIATION_NOUNS,
    FAMILY_NOUNS,
    FEMALE_PRONOUNS,
    ISSUED_DOCUMENTS,
    MALE_PRONOUNS,
    NAME_TITLES,
    PLURAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
    SPEAKER_DETERMINERS,
    SPEAKER_GROUP_NOUNS,
)
from saidwhat.model import SpeakerKind
from saidwhat.namewords import plain


def stand_in(d: Discourse, words: Span, why: str) -> Link:
    """The link of the words that stand in for a mention (a relative pronoun's antecedent, a fuller
    appositive), graded as they are; nobody when they link to nobody."""
    found = d.link(words)
    if found is None:
        return Link(None, SPEAKER_DEFAULT, f"{why} {words.text!r}")
    return found.but(how=f"{why} {words.text!r}: {found.how}" if found.how else f"{why} {words.text!r}")


def relative_pronoun(d: Discourse, mention: Span) -> Link | None:
    """ "a reporter who asked": who is the reporter."""
    root = mention.root
    if not (
        root.lower_ in RELATIVE_PRONOUNS
        and root.head.dep_ == "relcl"
        and root.head.head.pos_ in {"NOUN", "PROPN"}
    ):
        return None
    antecedent = root.head.head
    return stand_in(d, d.doc[antecedent.left_edge.i : antecedent.i + 1], "relative pronoun:")


def coordinated(d: Discourse, mention: Span) -> Link | None:
    """ "Sandmann and Phillips said": both people, one source named by both their full names."""
    root = mention.root
    conjuncts = [
        named_relative(t) or t
        for t in root.children  # the cue's words may stop short: "Marcus Lin [and his wife, Deborah,] said"
        if t.dep_ == "conj" and (t.pos_ == "PROPN" or named_relative(t) is not None)
    ]
    if not conjuncts or root.pos_ != "PROPN":
        return None
    members = [d.named_at(t.i) for t in (root, *conjuncts)]
    people = [m for m in members if m is not None and m.kind == "person"]
    if len(people) != len(members) or len({m.index for m in people}) != len(people):
        return None
    name = " and ".join(m.name for m in people)
    group = next((c for c in d.entities if c.group and c.aliases[:1] == (name,)), None)
    group = group or Entity(index=NEW, kind="unknown", aliases=(name,), group=True)
    return Link(group, SPEAKER_NAME, "coordinated: each name known", noted=(mention.start,))


def document_owner(d: Discourse, mention: Span) -> Link | None:
    """ "the city's Annual Shelter Survey", "Acme's Quarterly Review": a named document speaks for its
    owner, as "TransLink's statement" does; the name itself is a title, not a source."""
    root = mention.root
    if root.pos_ != "PROPN" or root.lower_ not in ISSUED_DOCUMENTS | {"assessment", "census"}:
        return None
    owner = next((c for c in root.children if c.dep_ == "poss" and c.i >= mention.start), None)
    if owner is None or owner.lower_ in MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS | {"its"}:
        return None
    found = d.link(d.doc[owner.left_edge.i : owner.i + 1])
    if found is None or found.entity is None:
        return None
    return found.but(confidence=SPEAKER_REFERENCE, how=f"document: speaks for its owner, {found.entity.name}")


def appositive_description(d: Discourse, mention: Span) -> Link | None:
    """ "their allies, members of the Farmers Party (FP)", "A lawyer for the outlets, David Schulz": the
    appositive says who."""
    fuller = fuller_appositive(mention)
    return None if fuller is None else stand_in(d, fuller, "appositive:")


def role_named_after(d: Discourse, mention: Span) -> Link | None:
    """ "The Labour MP for Aldmouth, Nadia Pemberton, told", "Sunita Patel's barrister, Fergal O'Rourke,
    said", "NSW Deputy Premier and Minister for Water Felicity Darrow-Kent said": a role at the cue whose
    person is named right after it, set off by a comma or by nothing but the role's own words."""
    root = mention.root
    doc = d.doc
    person_tokens = d.mentions.person_tokens
    role = root.lower_ in ROLE_NOUNS or plain(root.text) in NAME_TITLES or names_person(root.lemma_.lower())
    if not role or root.i in person_tokens or root.lemma_.lower() in FAMILY_NOUNS:
        return None
    # without a comma, only a title written as one ("Minister for Regional Water Felicity Darrow-Kent"):
    # "a spokeswoman for Trudeau" works for Trudeau
    titled = root.text[:1].isupper() and mention[0].lower_ not in SPEAKER_DETERMINERS
    verb = root.head if root.head.i > root.i else None
    limit = min(len(doc), mention.end + 12, verb.i if verb is not None else len(doc))
    k = mention.end
    while k < limit:
        token = doc[k]
        if token.pos_ in {"VERB", "AUX"} or token.text in {";", "(", "“", '"', "”"}:
            return None
        if token.text == "," and not (k + 1 < limit and (k + 1) in person_tokens):
            return None  # "the minister, who ...": no name follows the comma
        person = d.named_at(k) if k in person_tokens else None
        if person is None:
            k += 1
            continue
        end = k
        while end + 1 < len(doc) and d.table.by_token.get(end + 1) == person.index:
            end += 1
        after = doc[end + 1] if end + 1 < len(doc) else None
        closes = after is None or after.text == "," or after.i == (verb.i if verb is not None else -1)
        if person.kind == "person" and closes and (doc[k - 1].text == "," or titled):
            how = f"role named right after: {description(mention)!r}, {doc[k : end + 1].text!r}"
            return Link(person, SPEAKER_NAME, how, noted=(mention.start,))
        if not titled:
            return None
        k = end + 1  # "Minister of State for Primary Care and Older People Máire Costigan": read on
    return None


def kinship(d: Discourse, mention: Span) -> Link | None:
    """ "his sister", "Ruiz's sister": the relative the article named so before ("Ruiz's sister, Clara")."""
    root = mention.root
    noun = root.lemma_.lower()
    if noun not in FAMILY_NOUNS:
        return None
    owner = next((c for c in root.children if c.dep_ == "poss" and c.i >= mention.start), None)
    if owner is None:
        return None
    lower = owner.lower_
    if lower in MALE_PRONOUNS | FEMALE_PRONOUNS:
        wanted = "m" if lower in MALE_PRONOUNS else "f"
        person = d.latest(
            mention, lambda c: c.kind == "person" and c.known_gender in (None, wanted) and not c.lone, True
        )
    else:
        person = d.named_at(owner.i)
    if person is None:
        return None
    relative: Entity | None
    if (person.index, noun) in d.table.kin:
        relative = d.entities[d.table.kin[(person.index, noun)]]
    else:
        # "Harjit and Amandeep Sandhu ... Amandeep Sandhu said. Her husband said": the one other person
        # of the owner's surname, of the relative's gender, is the relative
        gender = genders.role_gender([noun])
        wanted_kin = gender[0] if gender else None
        family = [
            c
            for c in d.entities
            if c.index != person.index
            and c.kind == "person"
            and len(c.key) > 1
            and person.key[-1:] == c.key[-1:]
            and c.known_gender in (None, wanted_kin)
        ]
        relative = family[0] if len(family) == 1 else None
    if relative is None:
        return None
    return Link(relative, SPEAKER_NAME, f"kinship: the {noun} named before", noted=(mention.start,))


def _surname_in_play(d: Discourse, mention: Span, found: Entity) -> Entity | None:
    """ "Her husband said ... Sandhu, who works at the sawmill, said": a bare surname that several people
    share is, of those an honorific and kinship allow, the one mentioned last (by name or not); None
    when it is the person the name was given to anyway, or the surname is nobody else's."""
    words = [t for t in mention if t.pos_ == "PROPN"]
    if found.kind != "person" or len(words) != 1 or len(found.key) < 2:
        return None
    surname = found.key[-1]
    sharing = [c for c in d.entities if c.kind == "person" and len(c.key) > 1 and c.key[-1] == surname]
    if len(sharing) < 2:
        return None
    before = d.doc[mention.start - 1].lower_.rstrip(".") if mention.start > 0 else ""
    allowed = {c.index for c in same_surname_choice(sharing, before)}
    latest = d.latest(mention, lambda c: c.index in allowed, False, window=FAR_WINDOW_SENTENCES)
    return latest if latest is not None and latest.index != found.index else None


def name_inside(d: Discourse, mention: Span) -> Link | None:
    """A name of the table inside the mention: an appositive name first ("Spindler's father, Joseph";
    "Keeper of the Seal, Syed Ahmad"), then the head, then other names ("its chief executive, Thomas
    Reed"); never a name that only owns the head ("McCallum's staff" is the staff, not McCallum)."""
    root = mention.root
    by_token = d.table.by_token
    person_tokens = d.mentions.person_tokens
    appositive = [
        t
        for t in mention
        if t.dep_ == "appos"
        and t.pos_ == "PROPN"
        and mention.start <= t.head.i < t.i
        and t.i in by_token
        and not party_tag_between(mention.doc, t.head.i, t.i)
    ]
    owners = {t.i for t in mention if is_owner(t)}
    if (
        root.tag_ == "NNS" and names_person(root.lemma_.lower())
    ) or root.lemma_.lower() in SPEAKER_GROUP_NOUNS:
        # "Night Shelter program users" are users, not the Night Shelter; "the family of Tom Reid" a family
        owners |= {t.i for t in mention if modifies(t, root)}
        # "members of the Farmers Party (FP)" are members, not the party
        owners |= {t.i for c in root.children if c.dep_ == "prep" for t in c.subtree}
        appositive = [t for t in appositive if t.i not in owners]
    others = [t for t in mention if t.i != root.i and t.i not in owners]
    # a person's name inside the mention before other proper nouns: "President of the Bankers'
    # Federation Judith Amsel" is Judith Amsel, not the federation
    name_tokens = [
        *appositive,
        root,
        *(t for t in others if t.i in person_tokens),
        *(t for t in others if root.pos_ == "PROPN" and t.pos_ == "PROPN" and t.i not in person_tokens),
    ]
    for token in name_tokens:
        found = d.named_at(token.i)
        if found is None:
            continue
        rule = "appositive" if token in appositive else "name"
        if rule == "name" and (latest := _surname_in_play(d, mention, found)) is not None:
            found, rule = latest, "name, of several who share it the latest in play"
        return Link(found, SPEAKER_NAME, f"{rule}: {token.text!r} → {found.name}")
    return None


def mistagged_name(d: Discourse, mention: Span) -> Link | None:
    """ "Elke says": a known person's first name the tagger took for another word."""
    root = mention.root
    if len(mention) != 1 or not root.text[:1].isupper() or root.pos_ in {"NOUN", "PROPN", "PRON"}:
        return None
    known = d.find_person(name_key([root.text]))
    return None if known is None else Link(known, SPEAKER_PROPER, f"name: {root.text!r} → {known.name}")


def name_called_noun(d: Discourse, mention: Span) -> Link | None:
    """ "Reyes said" with "Reyes" tagged a common noun, "the SMMT": a known name first."""
    root = mention.root
    capitalised = [t for t in mention if t.text[:1].isupper() and t.pos_ in {"NOUN", "PROPN"}]
    if not capitalised or root not in capitalised:
        return None
    words = name_key([t.text for t in strip_possessive(capitalised)])
    known = d.find_person(words) if words else None
    if known is None and words and root.text.isupper() and len(root.text) >= 2:
        known = d.find_org(words)  # an acronym the tagger took for a noun ("the SMMT")
    if known is None:
        return None
    return Link(known, SPEAKER_PROPER, "name: a known name the tagger called a noun", noted=(mention.start,))


def proper_name(d: Discourse, mention: Span) -> Link | None:
    """A proper noun at the cue: the person or organisation it names, or a new one."""
    root = mention.root
    proper = [t for t in mention if t.pos_ == "PROPN"]
    roles = ROLE_NOUNS | AFFILIATION_NOUNS
    # "the Kentucky Republican", "one Democrat": a description, not a name
    described = root.lower_ in roles and (
        mention[0].lower_ == "the" or all(t.lower_ in roles for t in proper)
    )
    if not proper or root.pos_ != "PROPN" or described or all(t.lower_ in FAMILY_NOUNS for t in proper):
        return None  # "Mum said": a kinship word, a description
    words = name_key([t.text for t in strip_possessive(proper)])
    found = (d.find_person(words) or d.find_org(words)) if words else None
    if found is None:
        kind: SpeakerKind = (
            "person" if kind_of(d.doc, mention.start, mention.end) == PERSON else "organisation"
        )
        found = Entity(index=NEW, kind=kind, names=(" ".join(t.text for t in strip_possessive(proper)),))
    return Link(found, SPEAKER_PROPER, "name", aliases=(mention.text,), noted=(mention.start,))
