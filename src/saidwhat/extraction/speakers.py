"""In-article entity resolution: every way the article names a source becomes one Speaker.

Names cluster by their last word ("Trump", "President Trump", "Donald Trump"); titles are learned from
the article itself (pre-name titles and appositives), so "the US leader" finds the person the article
called "US President Donald Trump"; pronouns go to the most salient compatible person before them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from saidwhat.extraction import gender as genders
from saidwhat.extraction.confidence import (
    SPEAKER_DEFAULT,
    SPEAKER_DESCRIPTION,
    SPEAKER_NAME,
    SPEAKER_PRONOUN,
    SPEAKER_PROPER,
    SPEAKER_REFERENCE,
    SPEAKER_SALIENT,
)
from saidwhat.extraction.gazetteer import is_first_name, is_place
from saidwhat.extraction.names import PERSON, find_names, kind_of
from saidwhat.extraction.text.loading import doc_text
from saidwhat.lexicon import (
    ADDRESSEE_VERBS,
    AFFILIATION_NOUNS,
    FAMILY_NOUNS,
    FEMALE_HONORIFICS,
    FEMALE_PRONOUNS,
    ISSUED_DOCUMENTS,
    MALE_HONORIFICS,
    MALE_PRONOUNS,
    MEDIUM_NOUNS,
    NAME_TITLES,
    ORGANISATION_NOUNS,
    PARTY_TAGS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    PLURAL_PRONOUNS,
    QUANTIFIER_PRONOUNS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TIME_WORDS,
    UTILITY_NAME_WORDS,
)
from saidwhat.model import Speaker, SpeakerKind
from saidwhat.namewords import name_words, plain

_GENERIC_HEADS = frozenset({"leader", "official", "officials", "head", "chief", "member"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their"})
_NOT_TITLES = frozenset({"the", "mr", "mrs", "ms", "miss", "mx", "jr", "sr"})  # honorifics are not roles
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_NAME_SPLIT = re.compile(r"[-\s]+")
_SLUG = re.compile(r"[^a-z0-9]+")
PRONOUN_WINDOW_SENTENCES = 4
PEOPLE_WINDOW_SENTENCES = 2  # how far back "many" or "some" still finds the people it is some of
FAR_WINDOW_SENTENCES = 4 * PRONOUN_WINDOW_SENTENCES  # how far back a named person or a name is still sought


def _strip_possessive(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if t.tag_ != "POS" and t.text not in {"'s", "’s", "‘s", "'", "’"}]


def name_key(words: Sequence[str]) -> list[str]:
    """Words of a name as compared (``namewords.name_words``, the scorer's and the store's rule)."""
    return name_words(" ".join(words))


@dataclass(frozen=True, slots=True)
class Resolved:
    """A mention's identity: the index of its cluster, and how sure the resolver is of it."""

    cluster: int
    confidence: float
    how: str | None = None  # the rule that linked it, and the words it went through


@dataclass(eq=False)
class Cluster:
    """One identity being built: the names, titles and mentions that refer to it."""

    kind: SpeakerKind
    names: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    gender: str | None = None
    evidence: dict[str, tuple[int, int]] = field(default_factory=dict)  # gender evidence: kind -> (f, m)
    place: bool = False  # an organisation cluster that names a place ("Surrey", "the City of Surrey")
    personal: bool = False  # an unnamed person ("a security guard"): a singular pronoun may refer to it
    group: bool = False  # unnamed people ("several executives"): "they" may refer to it
    subject: bool = False  # named as the subject of a clause somewhere in the article
    relative: bool = (
        False  # introduced as somebody's relative ("his wife, Deborah"): a bare surname is rarely them
    )
    honorifics: set[str] = field(default_factory=set)  # "dr", "mr" written before the name

    @property
    def name_gender(self) -> str | None:
        """ "f" or "m" where the first name is strongly one-sided (for pronouns only; see gender.py)."""
        if self.kind != "person":
            return None
        found = {genders.name_evidence(name) for name in self.names} - {None}
        return None if len(found) != 1 else ("f" if found.pop() == (1, 0) else "m")

    @property
    def lone(self) -> bool:
        """Only ever one word with no title ("Brexit", "Crohn"): a person only if it acts in the article."""
        return all(len(name_key(n.split())) == 1 for n in self.names) and not self.titles

    def note_gender(self, kind: str, gender: str) -> None:
        f, m = self.evidence.get(kind, (0, 0))
        self.evidence[kind] = (f + 1, m) if gender in {"f", genders.FEMALE} else (f, m + 1)

    @property
    def key(self) -> list[str]:
        best = max(self.names, key=lambda n: len(name_key(n.split()))) if self.names else ""
        return name_key(best.split())

    @property
    def name(self) -> str:
        if not self.names:
            return self.aliases[0] if self.aliases else "unknown"
        return max(self.names, key=lambda n: (len(name_key(n.split())), len(n)))

    def add_alias(self, alias: str) -> None:
        if alias and alias not in self.aliases:
            self.aliases.append(alias)


class SpeakerResolver:
    """Resolves speaker mentions of one document to Speakers; builds its clusters on creation."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.clusters: list[Cluster] = []
        self._by_token: dict[int, Cluster] = {}
        self._mentions: list[tuple[int, Cluster, bool]] = []  # (token index, cluster, is a cue subject)
        self._by_word: dict[str, list[Cluster]] = {}
        self._sentence_starts = [sentence.start for sentence in doc.sents]
        self._links: dict[tuple[int, int], tuple[float, str]] = {}  # mention -> (grade, how it was linked)
        self._kin: dict[tuple[int, str], Cluster] = {}  # (id of a person, "sister") -> that relative
        self._cue_subjects = {
            child.i
            for token in doc
            if token.lemma_.lower() in REPORTING_VERBS
            for child in token.children
            if child.dep_ in {"nsubj", "nsubjpass"} or _inverted_subject(token, child)
        }
        names = find_names(doc)
        self._person_tokens = {t.i for name in names if name.label_ == PERSON for t in name}
        for name in names:
            if name.label_ == PERSON:
                self._add_person(name)
            else:
                self._add_org(name)
        self._mentions.sort(key=lambda m: m[0])
        self._mention_positions = [m[0] for m in self._mentions]
        for cluster, said in genders.subject_pronouns(doc, self._by_token, REPORTING_VERBS):
            assert isinstance(cluster, Cluster)
            cluster.note_gender("pronoun", said)

    # -- building clusters -------------------------------------------------------------------------

    def _title_before(self, ent: Span) -> str | None:
        """ "US President Donald Trump" -> "US President"; "North Korean leader, Kim Jong-un" -> its role.

        Read off the words around the name rather than the parse, which often splits such phrases.
        """
        doc = self.doc
        sent = ent.sent
        i = ent.start - 1
        comma = i >= sent.start and doc[i].text == ","
        if comma:
            i -= 1
        words = _modifier_run(doc, i, sent.start, self._person_tokens)
        if (
            comma
            and words
            and doc[words[0].i - 1].pos_ in {"DET", "VERB", "ADP"}
            and words[0].i - 1 >= sent.start
        ):
            words = []  # "told the leader, Kim": the role belongs to the clause, not to the name
        if not _has_role(words):
            words = []
            j = ent.end
            if j < sent.end and doc[j].text == ",":
                run = _modifier_run_forward(doc, j + 1, sent.end, self._person_tokens)
                if _has_role(run):
                    words = run
        if not _has_role(words):
            return None
        return doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]

    def _index(self, cluster: Cluster) -> None:
        """Make a person findable by the first and last words of its current key."""
        key = cluster.key
        if cluster.kind == "person" and key:
            for word in {key[0], key[-1]}:
                bucket = self._by_word.setdefault(word, [])
                if cluster not in bucket:
                    bucket.append(cluster)

    def _find_person(
        self, key: list[str], *, by_first_name: bool = True, honorific: str = ""
    ) -> Cluster | None:
        """The person already in the table that ``key`` names, or None.

        Names agree when one's words hold the other's with the same last word ("Hughes", "Owen Hughes"),
        or a lone first name is a known person's first name. Where several people share the surname, an
        honorific decides by gender ("Mr Hughes" is never Megan Hughes) or by being written before ("Dr.
        Whitfield" is the one called Dr. before); then one introduced as somebody's relative is passed
        over ("Lin" is Marcus Lin, not "his wife, Deborah" Lin); then the latest named.
        """
        matches = []
        candidates = {id(c): c for word in {key[0], key[-1]} for c in self._by_word.get(word, [])}
        for cluster in candidates.values():
            if cluster.kind != "person" or not cluster.key:
                continue
            ck = cluster.key
            if (key[-1] == ck[-1] and (set(key) <= set(ck) or set(ck) <= set(key))) or (
                by_first_name and len(key) == 1 and key[0] == ck[0] and len(ck) > 1
            ):
                matches.append(cluster)
        if len(matches) > 1:
            matches = _same_surname_choice(matches, honorific)
        if not matches:
            return None
        return max(matches, key=lambda c: c.positions[-1] if c.positions else -1)

    def _add_person(self, ent: Span) -> Cluster:
        tokens = _strip_possessive(list(ent))
        text = " ".join(t.text for t in tokens).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
        text = (
            re.sub(r"\s+", " ", doc_text(self.doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)])
            if tokens
            else text
        )
        text = _GLUED_POSSESSIVE.sub("", text)  # "Schumer‘s", one token
        key = name_key(text.split())
        if not key:
            key = [ent.text.lower()]
        kin = self._kin_of(ent)
        relative = kin is not None or _is_relative_appositive(ent)
        before = self.doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
        if len(key) == 1 and (surname := self._shared_surname(ent)):
            # "Bill and Joan Tregear", "Marcus Lin and his wife, Deborah": the first name takes the surname
            text, key = f"{text} {surname}", [*key, plain(surname)]
        cluster = self._find_person(key, by_first_name=kin is None, honorific=before)
        if kin is not None and cluster is kin[0]:
            cluster = None  # "Elliott's father, Charles Elliott Sr.": the father, not Elliott
        org = self._find_org(key) if cluster is None else None
        if org is not None and (len(key) == 1 or org.key == key):
            # "Samsung" after "Samsung Electronics", "Carver House" after "a researcher at Carver House":
            # the organisation again, whatever the words alone look like
            org.add_alias(text)
            self._record(ent, org)
            return org
        if cluster is None:
            cluster = Cluster(kind="person")
            self.clusters.append(cluster)
        if len(key) >= len(cluster.key) and text not in cluster.names:
            cluster.names.append(text)
            self._index(cluster)
        cluster.add_alias(text)
        title = self._title_before(ent)
        if title and title not in cluster.titles:
            cluster.titles.append(title)
        cluster.relative |= relative and len(cluster.positions) == 0
        if before in MALE_HONORIFICS | FEMALE_HONORIFICS | NAME_TITLES:
            cluster.honorifics.add(before)
        if before in MALE_HONORIFICS:
            cluster.gender = "m"
            cluster.note_gender("honorific", "m")
        elif before in FEMALE_HONORIFICS:
            cluster.gender = "f"
            cluster.note_gender("honorific", "f")
        role = genders.roles_around(self.doc, ent.start, ent.end, self._person_tokens)
        if role:
            cluster.note_gender("role", role)
        if kin is not None and kin[0] is not cluster:
            self._kin[(id(kin[0]), kin[1])] = cluster
        self._record(ent, cluster)
        return cluster

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
            known = self._by_token.get(k)
            if known is not None and known.kind == "person" and len(known.key) > 1:
                return known.name.split()[-1]
        return None

    def _kin_of(self, ent: Span) -> tuple[Cluster, str] | None:
        """ "Ruiz's sister, Clara": (Ruiz's identity, "sister"); a first name given so is a relative, not
        any other Clara in the article."""
        head = ent.root.head
        if ent.root.dep_ != "appos" or head.lemma_.lower() not in FAMILY_NOUNS:
            return None
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        known = self._by_token.get(owner.i) if owner is not None else None
        return (known, head.lemma_.lower()) if known is not None and known.kind == "person" else None

    def _add_org(self, ent: Span) -> Cluster:
        tokens = [t for t in ent if t.lower_ not in _DETERMINERS and t.tag_ != "POS"]
        text = " ".join(t.text for t in tokens) or ent.text
        text = self._owned_by(ent, text)
        key = name_key(text.split())
        person = self._find_person(key) if len(key) <= 2 else None
        if person is not None:  # the tagger often calls a bare surname an organisation
            person.add_alias(text)
            self._record(ent, person)
            return person
        cluster = self._find_org(key, text)
        if cluster is None:
            cluster = Cluster(kind="organisation", place=_names_place(text))
            self.clusters.append(cluster)
        if text not in cluster.names:
            cluster.names.append(text)
            cluster.place = _names_place(cluster.name)  # "City", then "City of Surrey": a place after all
        cluster.add_alias(text)
        self._record(ent, cluster)
        return cluster

    def _owned_by(self, ent: Span, text: str) -> str:
        """ "the University of Calgary's School of Law": a school, a department or an institute of an
        organisation named just before goes by both names, the fullest the article gives."""
        at = ent.start - 1
        if at < 1 or self.doc[at].tag_ != "POS" or ent[0].lower_ not in ORGANISATION_NOUNS:
            return text
        owner = self._by_token.get(at - 1)
        if owner is None or owner.kind != "organisation" or owner.place:
            return text
        first = at - 1
        while first - 1 >= 0 and self._by_token.get(first - 1) is owner:
            first -= 1
        while first < at and self.doc[first].lower_ in _DETERMINERS:
            first += 1
        whole = doc_text(self.doc)[self.doc[first].idx : self.doc[at].idx + len(self.doc[at].text)]
        return f"{whole} {text}"

    def _find_org(self, key: list[str], name: str = "") -> Cluster | None:
        """The organisation named ``key`` before, in full, by its first words ("Samsung" and "Samsung
        Electronics Co.") or by its initials ("SMMT" and "the Society of Motor Manufacturers and
        Traders"), whichever of the two forms came first."""
        if not key:
            return None
        initials = _initials(name) if name and len(key) > 1 else ""
        for cluster in reversed(self.clusters):
            if cluster.kind != "organisation" or not cluster.key:
                continue
            known = cluster.key
            shorter, longer = sorted((known, key), key=len)
            if shorter == longer[: len(shorter)]:
                return cluster
            if len(key) == 1 and len(key[0]) >= 2 and key[0] == _initials(cluster.name):
                return cluster
            if initials and len(known) == 1 and len(initials) >= 2 and known[0] == initials:
                return cluster
        return None

    def _record(self, span: Span, cluster: Cluster) -> None:
        cluster.positions.append(span.start)
        for token in span:
            self._by_token[token.i] = cluster
        head = span.root
        while (
            (head.dep_ in {"compound", "flat"} or (head.dep_ == "appos" and head.head.pos_ == "NOUN"))
            and head.head.i != head.i
            and head.head.i < span.start
        ):
            head = head.head  # "Transport economist Dr. Farzana D'Souza said": the name of the subject
        subject = any(t.i in self._cue_subjects or t.dep_ == "nsubj" for t in (*span, head))
        cluster.subject |= subject
        self._mentions.append((span.start, cluster, subject))

    # -- resolving mentions ------------------------------------------------------------------------

    def resolve(self, mention: Span) -> Resolved | None:
        """Which identity a mention at a cue refers to, or None when nobody can be found.

        The answer names the identity by its index; its Speaker is made once every mention is resolved
        (``speakers``), since later mentions still add names, titles and gender to it.
        """
        cluster = self._resolve_cluster(mention)
        if cluster is None:
            return None
        cluster.positions.append(mention.start)
        return Resolved(self.clusters.index(cluster), self.confidence(mention), self.how(mention))

    def confidence(self, mention: Span) -> float:
        return self._links.get((mention.start, mention.end), (SPEAKER_DEFAULT, ""))[0]

    def how(self, mention: Span) -> str | None:
        """How the mention was linked to its speaker (for a reader: "why this speaker?")."""
        found = self._links.get((mention.start, mention.end))
        return found[1] if found else None

    def _resolve_as(self, key: tuple[int, int], stand_in: Span, why: str) -> Cluster | None:
        """Resolve the mention at ``key`` as the words that stand in for it (a relative pronoun's
        antecedent, a fuller appositive), graded as they are."""
        cluster = self._resolve_cluster(stand_in)
        confidence, how = self._links.get((stand_in.start, stand_in.end), (SPEAKER_DEFAULT, None))
        self._link(key, confidence, f"{why} {stand_in.text!r}: {how}" if how else f"{why} {stand_in.text!r}")
        return cluster

    def _link(self, key: tuple[int, int], confidence: float, how: str) -> None:
        """Record how the mention at ``key`` was linked: its grade, and the rule with the words it went through."""
        self._links[key] = (confidence, how)

    def _resolve_cluster(self, mention: Span) -> Cluster | None:
        key = (mention.start, mention.end)
        root = mention.root
        if (
            root.lower_ in _RELATIVE
            and root.head.dep_ == "relcl"
            and root.head.head.pos_ in {"NOUN", "PROPN"}
        ):
            antecedent = root.head.head  # "a reporter who asked": who is the reporter
            return self._resolve_as(
                key, self.doc[antecedent.left_edge.i : antecedent.i + 1], "relative pronoun:"
            )
        together = self._people_together(mention)
        if together is not None:
            self._link(key, SPEAKER_NAME, "coordinated: each name known")
            self._note(mention, together)
            return together
        owner = self._document_owner(mention)
        if owner is not None:
            self._link(key, SPEAKER_REFERENCE, f"document: speaks for its owner, {owner.name}")
            return owner
        fuller = _fuller_appositive(mention)
        if fuller is not None:
            return self._resolve_as(key, fuller, "appositive:")
        named = self._appositive_name(mention)
        if named is not None:
            person, words = named
            self._link(key, SPEAKER_NAME, f"role named right after: {_description(mention)!r}, {words}")
            self._note(mention, person)
            return person
        relative = self._relative(mention)
        if relative is not None:
            self._link(key, SPEAKER_NAME, f"kinship: the {root.lemma_.lower()} named before")
            self._note(mention, relative)
            return relative
        # An appositive name first ("Spindler's father, Joseph"; "Keeper of the Seal, Syed Ahmad"), then the
        # head, then other names inside the mention ("its chief executive, Thomas Reed"); never a name
        # that only owns the head ("McCallum's staff" is the staff, not McCallum).
        appositive = [
            t
            for t in mention
            if t.dep_ == "appos"
            and t.pos_ == "PROPN"
            and mention.start <= t.head.i < t.i
            and t.i in self._by_token
            and not _party_tag_between(mention.doc, t.head.i, t.i)
        ]
        owners = {t.i for t in mention if _is_owner(t)}
        if root.tag_ == "NNS" and _names_person(root.lemma_.lower()):
            # "Night Shelter program users" are users, not the Night Shelter
            owners |= {t.i for t in mention if _modifies(t, root)}
            # "members of the Farmers Party (FP)" are members, not the party
            owners |= {t.i for c in root.children if c.dep_ == "prep" for t in c.subtree}
            appositive = [t for t in appositive if t.i not in owners]
        others = [t for t in mention if t.i != root.i and t.i not in owners]
        # a person's name inside the mention before other proper nouns: "President of the Bankers'
        # Federation Judith Amsel" is Judith Amsel, not the federation
        name_tokens = [
            *appositive,
            root,
            *(t for t in others if t.i in self._person_tokens),
            *(
                t
                for t in others
                if root.pos_ == "PROPN" and t.pos_ == "PROPN" and t.i not in self._person_tokens
            ),
        ]
        for token in name_tokens:
            if token.i in self._by_token:
                found = self._by_token[token.i]
                rule = "appositive" if token in appositive else "name"
                if rule == "name" and (latest := self._surname_in_play(mention, found)) is not None:
                    found, rule = latest, "name, of several who share it the latest in play"
                self._link(key, SPEAKER_NAME, f"{rule}: {token.text!r} → {found.name}")
                return found
        lower = root.lower_
        if (
            len(mention) == 1
            and lower in QUANTIFIER_PRONOUNS
            and not any(c.lower_ == "of" for c in root.children)
        ):
            # "parents and teachers rallied, with many saying ...": "many" of the people just named
            people = self._people_before(mention, PEOPLE_WINDOW_SENTENCES, named=True)
            if people is not None and (group := self._resolve_cluster(people)) is not None:
                self._link(key, SPEAKER_PRONOUN, f"quantifier: some of {people.text!r} before")
                return group
        if root.pos_ == "PRON" or lower in MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS:
            cluster = self._antecedent(mention, lower)
            self._link(key, SPEAKER_PRONOUN, _pronoun_how(lower, cluster))
            return cluster
        if len(mention) == 1 and root.text[:1].isupper() and root.pos_ not in {"NOUN", "PROPN", "PRON"}:
            # "Elke says": a known person's first name the tagger took for another word
            known = self._find_person(name_key([root.text]))
            if known is not None:
                self._link(key, SPEAKER_PROPER, f"name: {root.text!r} → {known.name}")
                return known
        capitalised = [t for t in mention if t.text[:1].isupper() and t.pos_ in {"NOUN", "PROPN"}]
        if capitalised and root in capitalised:
            # The tagger sometimes calls a known surname a common noun ("Reyes said"): try the name first.
            words = name_key([t.text for t in _strip_possessive(capitalised)])
            known = self._find_person(words) if words else None
            if known is None and words and root.text.isupper() and len(root.text) >= 2:
                known = self._find_org(words)  # an acronym the tagger took for a noun ("the SMMT")
            if known is not None:
                self._link(key, SPEAKER_PROPER, "name: a known name the tagger called a noun")
                self._note(mention, known)
                return known
        proper = [t for t in mention if t.pos_ == "PROPN"]
        roles = ROLE_NOUNS | AFFILIATION_NOUNS
        # "the Kentucky Republican", "one Democrat": a description, not a name
        described = root.lower_ in roles and (
            mention[0].lower_ == "the" or all(t.lower_ in roles for t in proper)
        )
        if proper and root.pos_ == "PROPN" and not described:
            words = name_key([t.text for t in _strip_possessive(proper)])
            cluster = (self._find_person(words) or self._find_org(words)) if words else None
            if cluster is None:
                kind: SpeakerKind = (
                    "person" if kind_of(self.doc, mention.start, mention.end) == PERSON else "organisation"
                )
                cluster = Cluster(kind=kind, names=[" ".join(t.text for t in _strip_possessive(proper))])
                self.clusters.append(cluster)
                self._index(cluster)
            cluster.add_alias(mention.text)
            self._link(key, SPEAKER_PROPER, "name")
            self._note(mention, cluster)
            return cluster
        cluster = self._described_before(mention, same_words=True) or self._by_description(mention)
        if cluster is not None:
            cluster.add_alias(_description(mention))
            self._link(
                key,
                SPEAKER_DESCRIPTION,
                f"description: {_description(mention)!r} → {cluster.name}, {_title_or_source(cluster)}",
            )
            self._note(mention, cluster)
            return cluster
        cluster = self._by_reference(mention)
        if cluster is not None:
            cluster.add_alias(_description(mention))
            self._link(key, SPEAKER_REFERENCE, _reference_how(mention, cluster))
            if root.lemma_.lower() not in ISSUED_DOCUMENTS:
                self._note(mention, cluster)
            return cluster
        cluster = self._described_before(mention)
        if cluster is not None:
            self._link(
                key,
                SPEAKER_REFERENCE,
                f"description: {_description(mention)!r} → the unnamed source met before",
            )
            self._note(mention, cluster)
            return cluster
        if _definite_description(mention):
            # "The finance minister spoke to us ... the minister said", "the 26-year-old winger said": no
            # title in the article says who, so the most salient person before it, like a pronoun.
            cluster = self._antecedent(mention, "")
            if cluster is not None:
                cluster.add_alias(_description(mention))
                self._link(
                    key,
                    SPEAKER_SALIENT,
                    f"description: {_description(mention)!r} → the most salient person before",
                )
                self._note(mention, cluster)
                return cluster
        cluster = self._named_next(mention)
        if cluster is not None:
            cluster.add_alias(_description(mention))
            self._link(
                key, SPEAKER_SALIENT, f"description: {_description(mention)!r} → named in the next sentence"
            )
            self._note(mention, cluster)
            return cluster
        # A description nobody in the article carries ("sources", "a senior official"): keep its words.
        words = _description(_without_medium(mention))
        if not words or lower in {"it", "this", "that", "which", "who", "what", "whom"}:
            return None
        words = self._placed(mention, words)
        fuller = _full_description(mention)
        if fuller is not None and mention[0].lower_ not in _DEFINITE:
            words = _description(fuller)  # "a spokesperson for the Port Authority", not "A spokesperson"
        kind: SpeakerKind = "organisation" if root.lemma_.lower() in ORGANISATION_NOUNS else "unknown"
        cluster = next((c for c in self.clusters if c.kind == kind and c.aliases[:1] == [words]), None)
        if cluster is None:
            cluster = Cluster(kind=kind, aliases=[words])
            if kind == "unknown" and _names_person(root.lemma_.lower()):
                cluster.group = root.tag_ in {"NNS", "NNPS"}
                cluster.personal = not cluster.group  # "a security guard": "he" may be them
            elif kind == "unknown" and root.tag_ in {"NNS", "NNPS"}:
                cluster.group = True
            self.clusters.append(cluster)
        self._link(key, SPEAKER_REFERENCE, "unnamed source: its own description")
        self._note(mention, cluster)
        return cluster

    def _document_owner(self, mention: Span) -> Cluster | None:
        """ "the city's Annual Shelter Survey", "Acme's Quarterly Review": a named document speaks for its
        owner, as "TransLink's statement" does; the name itself is a title, not a source."""
        root = mention.root
        if root.pos_ != "PROPN" or root.lower_ not in ISSUED_DOCUMENTS | {"assessment", "census"}:
            return None
        owner = next((c for c in root.children if c.dep_ == "poss" and c.i >= mention.start), None)
        if owner is None or owner.lower_ in MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS | {"its"}:
            return None
        phrase = self.doc[owner.left_edge.i : owner.i + 1]
        return self._resolve_cluster(phrase)

    def _surname_in_play(self, mention: Span, found: Cluster) -> Cluster | None:
        """ "Her husband said ... Sandhu, who works at the sawmill, said": a bare surname that several people
        share is, of those an honorific and kinship allow, the one mentioned last (by name or not); None
        when it is the person the name was given to anyway, or the surname is nobody else's."""
        words = [t for t in mention if t.pos_ == "PROPN"]
        if found.kind != "person" or len(words) != 1 or len(found.key) < 2:
            return None
        surname = found.key[-1]
        sharing = [c for c in self.clusters if c.kind == "person" and len(c.key) > 1 and c.key[-1] == surname]
        if len(sharing) < 2:
            return None
        before = self.doc[mention.start - 1].lower_.rstrip(".") if mention.start > 0 else ""
        allowed = _same_surname_choice(sharing, before)
        latest = self._latest(mention, lambda c: c in allowed, False, window=FAR_WINDOW_SENTENCES)
        return latest if latest is not None and latest is not found else None

    def _appositive_name(self, mention: Span) -> tuple[Cluster, str] | None:
        """ "The Labour MP for Aldmouth, Nadia Pemberton, told", "Sunita Patel's barrister, Fergal O'Rourke,
        said", "NSW Deputy Premier and Minister for Water Felicity Darrow-Kent said": a role at the cue whose
        person is named right after it, set off by a comma or by nothing but the role's own words."""
        root = mention.root
        doc = self.doc
        role = (
            root.lower_ in ROLE_NOUNS or plain(root.text) in NAME_TITLES or _names_person(root.lemma_.lower())
        )
        if not role or root.i in self._person_tokens or root.lemma_.lower() in FAMILY_NOUNS:
            return None
        # without a comma, only a title written as one ("Minister for Regional Water Felicity Darrow-Kent"):
        # "a spokeswoman for Trudeau" works for Trudeau
        titled = root.text[:1].isupper() and mention[0].lower_ not in _DETERMINERS
        verb = root.head if root.head.i > root.i else None
        limit = min(len(doc), mention.end + 12, verb.i if verb is not None else len(doc))
        k = mention.end
        while k < limit:
            token = doc[k]
            if token.pos_ in {"VERB", "AUX"} or token.text in {";", "(", "“", '"', "”"}:
                return None
            if token.text == "," and not (k + 1 < limit and (k + 1) in self._person_tokens):
                return None  # "the minister, who ...": no name follows the comma
            person = self._by_token.get(k) if k in self._person_tokens else None
            if person is None:
                k += 1
                continue
            end = k
            while end + 1 < len(doc) and self._by_token.get(end + 1) is person:
                end += 1
            after = doc[end + 1] if end + 1 < len(doc) else None
            closes = after is None or after.text == "," or after.i == (verb.i if verb is not None else -1)
            if person.kind == "person" and closes and (doc[k - 1].text == "," or titled):
                return person, repr(doc[k : end + 1].text)
            if not titled:
                return None
            k = end + 1  # "Minister of State for Primary Care and Older People Máire Costigan": read on
        return None

    def _relative(self, mention: Span) -> Cluster | None:
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
            person = self._latest(
                mention,
                lambda c: c.kind == "person" and (c.gender or c.name_gender) in (None, wanted) and not c.lone,
                True,
            )
        else:
            person = self._by_token.get(owner.i)
        if person is None:
            return None
        if (id(person), noun) in self._kin:
            return self._kin[(id(person), noun)]
        # "Harjit and Amandeep Sandhu ... Amandeep Sandhu said. Her husband said": the one other person
        # of the owner's surname, of the relative's gender, is the relative
        gender = genders.role_gender([noun])
        wanted_kin = gender[0] if gender else None
        family = [
            c
            for c in self.clusters
            if c is not person
            and c.kind == "person"
            and len(c.key) > 1
            and person.key[-1:] == c.key[-1:]
            and (c.gender or c.name_gender) in (None, wanted_kin)
        ]
        return family[0] if len(family) == 1 else None

    def _people_before(self, mention: Span, sentences: int, *, named: bool = False) -> Span | None:
        """The latest plural subject that names people ("parents, teachers and others", "several
        executives") before ``mention``, in its sentence or the ``sentences`` before it; with ``named``,
        a named group too ("Republicans said ... Some said")."""
        floor = self._window_start(mention.start, sentences)
        for i in range(mention.start - 1, floor - 1, -1):
            token = self.doc[i]
            after = self.doc[i + 1] if i + 1 < len(self.doc) else token
            # a subject by its parse, or by a finite verb right after it, which the parse can miss
            if (
                (token.dep_ not in {"nsubj", "nsubjpass"} and after.tag_ not in {"VBP", "VBD", "MD"})
                or token.tag_ not in {"NNS", "NNPS"}
                or (
                    token.tag_ == "NNS"
                    and (not _names_person(token.lemma_.lower()) or token.i in self._by_token)
                )
                or (token.tag_ == "NNPS" and (not named or token.dep_ not in {"nsubj", "nsubjpass"}))
                or not _main_or_saying(token if token.dep_ in {"nsubj", "nsubjpass"} else after)
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
            while start >= floor + 2 and self.doc[start - 1].lower_ == "of" and self.doc[start - 2].is_title:
                start -= 2
                while start > floor and self.doc[start - 1].is_title:
                    start -= 1
            return self.doc[start : end + 1]
        return None

    def _people_together(self, mention: Span) -> Cluster | None:
        """ "Sandmann and Phillips said": both people, one source named by both their full names."""
        root = mention.root
        conjuncts = [
            _named_relative(t) or t
            for t in root.children  # the cue's words may stop short: "Marcus Lin [and his wife, Deborah,] said"
            if t.dep_ == "conj" and (t.pos_ == "PROPN" or _named_relative(t) is not None)
        ]
        if not conjuncts or root.pos_ != "PROPN":
            return None
        members = [self._by_token.get(t.i) for t in (root, *conjuncts)]
        people = [m for m in members if m is not None and m.kind == "person"]
        if len(people) != len(members) or len({id(m) for m in people}) != len(people):
            return None
        name = " and ".join(m.name for m in people)
        cluster = next((c for c in self.clusters if c.group and c.aliases[:1] == [name]), None)
        if cluster is None:
            cluster = Cluster(kind="unknown", aliases=[name], group=True)
            self.clusters.append(cluster)
        return cluster

    def _note(self, mention: Span, cluster: Cluster) -> None:
        at = bisect.bisect_right(self._mention_positions, mention.start)
        self._mention_positions.insert(at, mention.start)
        self._mentions.insert(at, (mention.start, cluster, True))

    def _antecedent(self, mention: Span, pronoun: str) -> Cluster | None:
        plural = pronoun in PLURAL_PRONOUNS
        wanted_gender = "m" if pronoun in MALE_PRONOUNS else "f" if pronoun in FEMALE_PRONOUNS else None

        def fits(cluster: Cluster, unnamed: bool) -> bool:
            if plural:  # "they": an organisation or a group of people, never a place
                return (cluster.kind == "organisation" and not cluster.place) or cluster.group
            if not (cluster.kind == "person" or (unnamed and cluster.personal)):
                return False  # "he" is never "Canadians", "a statement" or a place
            if cluster.kind == "person" and cluster.lone and not cluster.subject and cluster.gender is None:
                return False  # "Crohn's disease", "after Brexit": a word, not somebody who speaks
            if wanted_gender is None:
                return True
            if cluster.gender is not None:
                return cluster.gender == wanted_gender
            return cluster.name_gender in (None, wanted_gender)  # "he" is not "Michelle Rempel"

        def named(cluster: Cluster) -> bool:
            return fits(cluster, False)

        # A named subject close before, a named person further back, and an unnamed one ("a security
        # guard") only where no named person fits.
        cluster = (
            self._latest(mention, named, True)
            or self._latest(mention, named, False, window=FAR_WINDOW_SENTENCES)
            or self._latest(mention, lambda c: fits(c, True), False)
        )
        if pronoun in {"they", "them", "their"}:
            # "Several executives have warned about it. They say ...": people named as a subject just
            # before, where no source the resolver knows was named after them.
            people = self._people_before(mention, 1)
            last = max((p for p in cluster.positions if p < mention.start), default=-1) if cluster else -1
            if people is not None and people.start > last:
                cluster = self._resolve_cluster(people) or cluster
        if cluster is not None:
            if wanted_gender and cluster.gender is None:
                cluster.gender = wanted_gender
        elif wanted_gender:
            # Far back, a pronoun still finds the last person known to be of its gender (the only woman
            # quoted in a long feature), but not one whose gender is merely unknown.
            cluster = self._latest(
                mention,
                lambda c: c.kind == "person" and (c.gender or c.name_gender) == wanted_gender,
                False,
                window=None,
            )
        if cluster is not None and wanted_gender:
            cluster.note_gender("pronoun", wanted_gender)
        return cluster

    def _by_reference(self, mention: Span) -> Cluster | None:
        """ "the agency", "the diocese", "the city", "a statement": the organisation, place or issuer before it.

        A definite organisation or place noun goes to the latest organisation (or place) whose name has
        that word ("the diocese": "the Diocese of Covington"), else to the latest one named for generic
        heads ("the agency": TransLink). A document ("a statement said", "the report found") speaks
        for whoever issued it: the name it is "from" or "by", or its owner ("TransLink's statement"),
        else the latest organisation or person named as a subject close before it.
        """
        root = mention.root
        head = root.lemma_.lower()
        if root.tag_ not in {"NN", "NNP", "NNS"}:
            return None
        if root.lower_ in ISSUED_DOCUMENTS:
            head = root.lower_  # "data": spaCy's lemma is "datum"
        if head in ISSUED_DOCUMENTS:
            # "a statement from X", "a study by X", "a statement e-mailed by X", "X's statement"
            for token in root.subtree:
                target = token
                if token.dep_ in {"prep", "agent"} and token.lower_ in {"from", "by", "of"}:
                    target = next((c for c in token.children if c.dep_ == "pobj"), token)
                elif not (token.dep_ == "poss" and token.head.i == root.i):
                    continue
                if target.i in self._by_token:
                    return self._by_token[target.i]
                if (
                    target is not token
                    and token.lower_ != "of"
                    and target.pos_ == "NOUN"
                    and target.lower_ not in MEDIUM_NOUNS
                ):
                    # "a statement issued by the association": whoever "the association" is
                    issuer = self._resolve_cluster(self.doc[target.left_edge.i : target.i + 1])
                    if issuer is not None and _issuer(issuer):
                        return issuer
            if any(t.pos_ == "PROPN" and t.lower_ not in TIME_WORDS and t.i != root.i for t in mention):
                return None  # "the Fraser Institute report": a name of its own, read as such
            return self._latest(mention, _issuer, True) or self._latest(mention, _issuer, False)
        if any(t.pos_ == "PROPN" and t.i != root.i for t in mention):
            return None
        if mention[0].lower_ not in {"the", "this"} or root.tag_ == "NNS":
            return None
        if head in PLACE_NOUNS:
            named_place = self._latest(
                mention, lambda c: c.place and head in c.key, False, window=FAR_WINDOW_SENTENCES
            )
            return named_place or self._latest(mention, lambda c: c.place, False, window=FAR_WINDOW_SENTENCES)
        # "the utility": an organisation whose name says so ("Lavelle Power & Light") before any other
        kind_words = UTILITY_NAME_WORDS if head == "utility" else frozenset({head})
        named = self._latest(
            mention,
            lambda c: c.kind == "organisation" and bool(kind_words & set(c.key)),
            False,
            window=FAR_WINDOW_SENTENCES,
        )
        if named is None:
            # "the regional district said" in the first line, its name given later in the article
            named = next(
                (c for c in self.clusters if c.kind == "organisation" and not c.place and head in c.key), None
            )
        if named is not None or head not in ORGANISATION_NOUNS:
            return named

        # "the company": the organisation the passage is about, named as a subject, before the latest one
        # named in passing ("Calloway Freight, the port's largest tenant, ... The company warned")
        def issuer(c: Cluster) -> bool:
            return c.kind == "organisation" and not c.place

        # "Kelsbridge have sold their allocation, the club said": the subject of its own sentence first
        found = self._latest(mention, lambda c: issuer(c) or _unsure_person(c), True, window=0)
        if found is not None and found.kind == "person":
            found.kind = "organisation"
        found = (
            found
            or self._latest(mention, issuer, True)
            or self._latest(mention, issuer, False)
            or self._latest(mention, issuer, True, window=FAR_WINDOW_SENTENCES)
        )
        if found is None:
            # "Fundy Link Marine ... posted the schedule. The company said": a name the tagger read as a
            # person's, with no first name and nothing that gives it a gender, is that organisation
            sentence = self._window_start(mention.start, 0)
            found = self._latest(
                mention,
                lambda c: _unsure_person(c) and (len(c.key) > 1 or max(c.positions, default=-1) >= sentence),
                True,
                window=1,
            )
            if found is not None:
                found.kind = "organisation"
        return found

    def _placed(self, mention: Span, words: str) -> str:
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
        place = self._latest(mention, lambda c: c.place and noun in c.key, False, window=FAR_WINDOW_SENTENCES)
        if place is None:
            return words
        short = re.sub(rf"^(?:the\s+)?{noun}\s+of\s+", "", place.name, flags=re.IGNORECASE)
        if not short or short.lower() == noun or short == place.name:
            return words
        return short + words[len(modifier.text) :]

    def _named_next(self, mention: Span) -> Cluster | None:
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
            or not _names_person(root.lemma_.lower())
            or _anonymous(root)
        ):
            return None
        sentence = bisect.bisect_right(self._sentence_starts, mention.start) - 1
        if sentence + 1 >= len(self._sentence_starts):
            return None
        start = self._sentence_starts[sentence + 1]
        end = (
            self._sentence_starts[sentence + 2]
            if sentence + 2 < len(self._sentence_starts)
            else len(self.doc)
        )
        role = genders.role_gender(t.text for t in mention)
        at = bisect.bisect_left(self._mention_positions, start)
        for position, cluster, _subject in self._mentions[at:]:
            if position >= end:
                break
            if not self._says(position, cluster) or cluster.kind != "person" or cluster.lone:
                continue
            first = min(cluster.positions)
            # named there first and with no title ("Trump lawyer X" is not "a lawyer for the outlets"), or
            # met before with a title of the description's head
            titled = first < mention.start and any(root.lower_ in t.lower().split() for t in cluster.titles)
            untitled = first >= start and not cluster.titles
            gender = cluster.gender or cluster.name_gender
            if (untitled or titled) and (role is None or gender in (None, role[0])):
                return cluster
            return None  # the next sentence's speaker is somebody else
        return None

    def _says(self, position: int, cluster: Cluster) -> bool:
        """Whether the name of ``cluster`` at ``position`` is the subject of a verb of saying."""
        i = position
        while i < len(self.doc) and self._by_token.get(i) is cluster:
            if i in self._cue_subjects:
                return True
            i += 1
        return False

    def _described_before(self, mention: Span, *, same_words: bool = False) -> Cluster | None:
        """ "a justice official said ... the official said": the unnamed source met before with that head.

        With ``same_words``, only one met with all the mention's words ("the justice official" after "a
        justice official"), which is asked before any titled person ("Justice Minister X") is.
        """
        if mention[0].lower_ not in {"the", "this", "that"} or mention.root.tag_ != "NN":
            return None
        head = mention.root.lower_
        words = _description(mention).lower().split()[1:]

        def fits(alias: str) -> bool:
            said = alias.lower().split()
            return said[1:] == words if same_words else said[-1] == head or said[1:2] == [head]

        return self._latest(
            mention,
            lambda c: c.kind == "unknown" and not c.names and any(fits(a) for a in c.aliases),
            False,
            window=FAR_WINDOW_SENTENCES,
        )

    def _window_start(self, position: int, sentences: int) -> int:
        """The first token of the sentence ``sentences`` before the one holding token ``position``."""
        index = max(bisect.bisect_right(self._sentence_starts, position) - 1, 0)
        return self._sentence_starts[max(0, index - sentences)]

    def _latest(
        self,
        mention: Span,
        fits: Callable[[Cluster], bool],
        subject_only: bool,
        *,
        window: int | None = PRONOUN_WINDOW_SENTENCES,
    ) -> Cluster | None:
        """The cluster mentioned last before ``mention`` that ``fits``, looking back ``window`` sentences
        (None: to the article's start), as a subject only where ``subject_only``."""
        start = 0 if window is None else self._window_start(mention.start, window)
        for k in range(bisect.bisect_left(self._mention_positions, mention.start) - 1, -1, -1):
            position, cluster, subject = self._mentions[k]
            if position < start:
                break
            if (subject or not subject_only) and fits(cluster):
                return cluster
        return None

    def _by_description(self, mention: Span) -> Cluster | None:
        """ "the president", "the US leader": the person whose learned titles share the most words."""
        root = mention.root
        if root.lower_ not in ROLE_NOUNS or root.tag_ in {"NNS", "NNPS"}:
            return None
        if mention[0].lower_ in _INDEFINITE:
            return None  # "a justice official" is somebody new, not the justice minister
        head = plain(root.text)
        modifiers = {plain(t.text) for t in mention if t.lower_ not in _DETERMINERS and t.pos_ != "PUNCT"} - {
            head
        }
        best: tuple[float, int, Cluster] | None = None
        for cluster in self.clusters:
            if cluster.kind != "person":
                continue
            for title in cluster.titles:
                title_words = {plain(w) for w in title.split()}
                shared = modifiers & title_words
                if head in _GENERIC_HEADS and modifiers and not shared:
                    continue  # "the US leader" is not "North Korean leader"
                if head not in title_words and not shared:
                    continue
                score = 2.0 * len(shared) + (1.0 if head in title_words else 0.0)
                recency = max((p for p in cluster.positions if p < mention.start), default=-1)
                if best is None or (score, recency) > (best[0], best[1]):
                    best = (score, recency, cluster)
        return best[2] if best else None

    # -- the result ----------------------------------------------------------------------------------

    def speakers(self, used: Collection[int]) -> dict[int, Speaker]:
        """The final Speaker of each identity in ``used`` (indices from ``resolve``), in article order,
        each with a stable id and its final aliases, titles and gender."""
        final: dict[int, Speaker] = {}
        taken: set[str] = set()
        for index, cluster in enumerate(self.clusters):
            if index not in used:
                continue
            base = _SLUG.sub("-", plain(cluster.name)).strip("-") or "speaker"
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            aliases = tuple(a for a in cluster.aliases if a != cluster.name)
            counts = _gender_counts(cluster) if _maybe_person(self.doc, cluster) else {}
            gender, evidence = genders.decide(counts, names=False)
            final[index] = Speaker(
                id=slug,
                name=cluster.name,
                kind=cluster.kind,
                aliases=aliases,
                titles=tuple(cluster.titles),
                gender=gender,
                gender_evidence=evidence,
                gender_counts=genders.as_rows(counts),
            )
        return final


def _title_or_source(cluster: Cluster) -> str:
    """What a description matched: a title the article gave the person, or the unnamed source met before."""
    return f"titled {cluster.titles[0]!r}" if cluster.titles else "met before"


def _unsure_person(cluster: Cluster) -> bool:
    """A "person" only by default: no first name, no title, nothing that gave it a gender."""
    return (
        cluster.kind == "person"
        and bool(cluster.names)
        and not cluster.titles
        and not cluster.evidence
        and cluster.gender is None
        and not any(is_first_name(name.split()[0]) for name in cluster.names)
    )


def _named_relative(token: Token) -> Token | None:
    """ "his wife, Deborah": the name in apposition to a kinship noun, or None."""
    if token.lemma_.lower() not in FAMILY_NOUNS:
        return None
    return next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def _is_relative_appositive(ent: Span) -> bool:
    """ "his wife, Deborah", "Ruiz's sister, Clara": a name given as somebody's relative."""
    return ent.root.dep_ == "appos" and ent.root.head.lemma_.lower() in FAMILY_NOUNS


def _same_surname_choice(matches: list[Cluster], honorific: str) -> list[Cluster]:
    """Of several people sharing a surname, those a bare mention with ``honorific`` may name (see
    ``SpeakerResolver._find_person``); never empty when ``matches`` is not."""
    wanted = "m" if honorific in MALE_HONORIFICS else "f" if honorific in FEMALE_HONORIFICS else None
    if wanted is not None:
        fitting = [c for c in matches if (c.gender or c.name_gender) in (None, wanted)]
        known = [c for c in fitting if (c.gender or c.name_gender) == wanted]
        return [c for c in known or fitting if not c.relative] or known or fitting  # none: somebody new
    elif honorific and (titled := [c for c in matches if honorific in c.honorifics]):
        matches = titled
    return [c for c in matches if not c.relative] or matches


def _pronoun_how(pronoun: str, cluster: Cluster | None) -> str:
    """How a pronoun found its antecedent, in a reader's words."""
    if cluster is None:
        return f"pronoun: {pronoun!r}, nobody before it fits"
    if pronoun in PLURAL_PRONOUNS:
        what = "group" if cluster.group else "organisation"
        return f"pronoun: {pronoun!r} → the nearest {what} named before"
    gender = cluster.gender or cluster.name_gender
    who = {"f": "woman", "m": "man"}.get(gender or "", "person")
    return f"pronoun: {pronoun!r} → the nearest {who} named before, {cluster.name}"


def _reference_how(mention: Span, cluster: Cluster) -> str:
    """How a description or a document found whom it stands for."""
    words = _description(mention)
    if mention.root.lemma_.lower() in ISSUED_DOCUMENTS:
        return f"document: {words!r} speaks for whoever issued it, {cluster.name}"
    what = "place" if cluster.place else cluster.kind
    return f"description: {words!r} → the {what} named before, {cluster.name}"


def _is_owner(token: Token) -> bool:
    """A possessor inside a phrase ("Spindler" in "Spindler's father"), or a word of its name."""
    owner = token
    while owner.dep_ == "compound" and owner.head.i != owner.i:
        owner = owner.head
    return owner.dep_ == "poss" and any(c.tag_ == "POS" for c in owner.children)


def _party_tag_between(doc: Doc, start: int, end: int) -> bool:
    """ "Sen. Paul Ortega, D-Conn. Kessler": a party tag ends the name, and its full stop the sentence,
    which the parse missed; what follows is no appositive."""
    return any(
        doc[k].lower_ in PARTY_TAGS and doc[k + 1].text == "-" and doc[k + 2].text.endswith(".")
        for k in range(start + 1, end - 2)
    )


def _inverted_subject(verb: Token, child: Token) -> bool:
    """ ", insists 15-year-old Milo Brandt, in ...": a name the parse calls the object of a parenthetical
    verb of saying is who says it (never so after "told", "asked", whose object is who was told)."""
    doc = verb.doc
    return (
        child.dep_ == "dobj"
        and child.pos_ == "PROPN"
        and child.i > verb.i
        and verb.i > 0
        and doc[verb.i - 1].text in {",", "”", '"', "’", "'"}
        and verb.lemma_.lower() in SPEECH_VERBS - ADDRESSEE_VERBS - {"ask", "call", "thank", "urge"}
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)  # ", Jr., knew Ali" has one
    )


def _fuller_appositive(mention: Span) -> Span | None:
    """ "their allies, members of the Farmers Party (FP), said": the appositive after a possessed
    description says who they are, by a name the bare description lacks."""
    root = mention.root
    if root.pos_ != "NOUN":
        return None
    if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in root.children):
        if mention[0].lower_ not in {"a", "an"}:
            return None
        # "A lawyer for the outlets, David Schulz, said": the name in apposition
        return next(
            (
                mention.doc[c.left_edge.i : c.i + 1]
                for c in root.children
                if c.dep_ == "appos"
                and c.pos_ == "PROPN"
                and c.i >= mention.end
                and c.i - mention.end < 8
                and mention.doc[c.left_edge.i - 1].text == ","
            ),
            None,
        )
    bare_list = not any(c.dep_ == "cc" for c in root.children)  # "their allies, members of" parsed as a list
    appositive = next(
        (
            c
            for c in root.children
            if c.i >= mention.end
            and (c.dep_ == "appos" or (c.dep_ == "conj" and bare_list and mention.doc[c.i - 1].text == ","))
        ),
        None,
    )
    if appositive is None or appositive.pos_ != "NOUN":
        return None
    words = [t for t in appositive.subtree if t.pos_ != "PUNCT" or t.text in {"(", ")"}]
    if not any(t.pos_ == "PROPN" for t in words):
        return None
    return mention.doc[appositive.left_edge.i : appositive.right_edge.i + 1]


def _main_or_saying(token: Token) -> bool:
    """Whether ``token`` (a subject, an auxiliary or a verb) belongs to a main clause or to a verb of
    saying: "lower earners spend more" inside another clause is no antecedent for "they"."""
    verb = token if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"aux", "auxpass"} else token.head
    return verb.dep_ in {"ROOT", "conj"} or verb.lemma_.lower() in REPORTING_VERBS


def _modifies(token: Token, root: Token) -> bool:
    """A word of a compound that modifies ``root`` ("Night Shelter" in "Night Shelter program users")."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
        if token.i == root.i:
            return True
    return False


def _maybe_person(doc: Doc, cluster: Cluster) -> bool:
    """False for a "person" whose name is a group, a place or a day ("Canadians", "Christmas Day"):
    whatever pronoun the resolver gave it, that is no person's gender."""
    tagged = [doc[p] for p in cluster.positions if p < len(doc) and doc[p].pos_ == "PROPN"]
    if tagged and all(t.tag_ == "NNPS" for t in tagged):
        return False
    return genders.could_be_person(cluster.name)


def _gender_counts(cluster: Cluster) -> dict[str, tuple[int, int]]:
    """A person's gender evidence, with the role nouns of descriptions it was called by ("the spokeswoman")."""
    if cluster.kind != "person":
        return {}
    counts = dict(cluster.evidence)
    for alias in cluster.aliases:
        if alias[:1].islower() and (role := genders.role_gender(alias.split())):
            counts = genders.merge(
                genders.as_rows(counts), [("role", *((1, 0) if role == "female" else (0, 1)))]
            )
    return counts


def _is_modifier(token: Token) -> bool:
    return token.pos_ in {"PROPN", "ADJ", "NOUN"} or token.tag_ == "POS" or token.text in {"-"}


def _modifier_run(doc: Doc, i: int, floor: int, names: set[int]) -> list[Token]:
    """The run of name-like modifiers ending at token ``i`` and reaching back at most six tokens."""
    words: list[Token] = []
    while i >= floor and len(words) < 6 and _is_modifier(doc[i]) and i not in names:
        words.insert(0, doc[i])
        i -= 1
    return words


def _modifier_run_forward(doc: Doc, i: int, ceiling: int, names: set[int]) -> list[Token]:
    while i < ceiling and doc[i].lower_ in _DETERMINERS:
        i += 1
    words: list[Token] = []
    while i < ceiling and len(words) < 8 and i not in names:
        token = doc[i]
        if (
            _is_modifier(token)
            or (token.lower_ in {"of", "for", "at"} and words)
            or (token.pos_ == "DET" and words and words[-1].lower_ in {"of", "for", "at"})
        ):
            words.append(token)
            i += 1
        else:
            break
    while words and (words[-1].lower_ in {"of", "for", "at"} or words[-1].pos_ == "DET"):
        words.pop()
    return words


def _has_role(words: Sequence[Token]) -> bool:
    return any(w.lower_ in ROLE_NOUNS or plain(w.text) in NAME_TITLES - _NOT_TITLES for w in words)


def _definite_description(mention: Span) -> bool:
    """ "the minister", "the rookie defenceman", "the Kentucky Republican": one person, not "officials".

    A singular definite description at a cue names someone the reader already met; organisations,
    places and documents are taken before this is asked.
    """
    root = mention.root
    first = mention[0].lower_
    head = root.lemma_.lower()
    aged = "year-old" in mention.text.lower()
    if first != "the" or head in ORGANISATION_NOUNS | PLACE_NOUNS | ISSUED_DOCUMENTS:
        return False
    if head in FAMILY_NOUNS and not aged:
        return False  # "the father" is somebody's father, not the last person named
    if root.tag_ == "NNP":
        return root.lower_ in ROLE_NOUNS | AFFILIATION_NOUNS
    # "the 31-year-old left wing": only people are described by their age, whatever the noun
    return root.tag_ == "NN" and (_names_person(head) or aged)


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_CLAUSE_BREAKS = frozenset({",", ";", "(", "—", "–", '"', "“"})
_QUALIFIERS = frozenset({"for", "with", "at", "from", "in", "on", "of", "close", "familiar", "briefed"})


_ANONYMITY = frozenset({"anonymity", "anonymous", "name", "authorize", "authorise", "identify", "familiar"})


def _anonymous(root: Token) -> bool:
    """ "a person familiar with the talks", "an official who asked not to be named": a source the article
    keeps unnamed on purpose, so the next person named is somebody else."""
    return any(t.lemma_.lower() in _ANONYMITY for t in root.subtree)


def _full_description(mention: Span) -> Span | None:
    """ "A person familiar with the company's talks", "one nurse at the hospital": an unnamed source with the
    words after its head that say whose or where it is, up to a comma; None when there are none."""
    root = mention.root
    doc = mention.doc
    last = mention.end - 1
    for child in root.rights:
        if child.i < mention.end - 1 and child.dep_ != "prep":
            continue
        if child.dep_ in {"prep", "amod", "acl"} and child.lower_ in _QUALIFIERS:
            if any(t.text == "," for t in doc[last + 1 : child.i]):
                break
            edge = child.right_edge.i
            stop = next((t.i for t in doc[child.i : edge + 1] if t.text in _CLAUSE_BREAKS), None)
            edge = edge if stop is None else stop - 1  # "with the association, who asked not to be named"
            if edge - root.i > 14:
                break
            last = max(last, edge)
            if stop is not None:
                break
        elif child.i > last:
            break
    return doc[mention.start : last + 1] if last >= mention.end else None


_GLUED_POSSESSIVE = re.compile(r"['’‘]s?$")
_INDEFINITE = frozenset({"a", "an", "one", "another", "some", "several", "many", "two", "three"})
_INITIALS_SKIP = frozenset({"of", "and", "the", "for", "on", "de", "&"})


def _initials(name: str) -> str:
    """ "Society of Motor Manufacturers and Traders" -> "smmt"."""
    return "".join(w[0] for w in name.split() if w.lower() not in _INITIALS_SKIP and w[:1].isalpha()).lower()


_PERSON_ENDINGS = ("er", "or", "ist", "ian", "man", "woman", "person", "ent", "ant")


def _names_person(noun: str) -> bool:
    """Whether a common noun names a person: a role or person noun, or an agent ending ("proprietor")."""
    if noun in ROLE_NOUNS or noun in PERSON_NOUNS:
        return True
    return noun.endswith(_PERSON_ENDINGS) and not noun.endswith(("ment", "ter", "ber", "der", "ure"))


def _issuer(cluster: Cluster) -> bool:
    """Who can issue a statement or a report: an organisation or a person, not a place."""
    return cluster.kind in {"organisation", "person"} and not cluster.place


def _names_place(text: str) -> bool:
    words = text.split()
    return is_place(text) or (len(words) > 1 and words[0].lower() in PLACE_NOUNS and is_place(words[-1]))


def _without_medium(mention: Span) -> Span:
    """The mention without a closing "in the video", "on Twitter": where it was said, not who said it."""
    for token in mention:
        if (
            token.dep_ == "prep"
            and token.lower_ in {"in", "on"}
            and token.i > mention.start + 1
            and token.right_edge.i == mention.end - 1
            and any(c.dep_ == "pobj" and c.lower_ in MEDIUM_NOUNS for c in token.children)
        ):
            return mention.doc[mention.start : token.i]
    return mention


def _description(mention: Span) -> str:
    """The mention's words as the article prints them ("Crane's staff"), without punctuation at its ends."""
    tokens = [t for t in mention if t.pos_ != "PUNCT"]
    if not tokens:
        return ""
    after = tokens[-1].i + 1
    if after < len(mention.doc) and mention.doc[after].text == ")" and "(" in mention.text:
        tokens.append(mention.doc[after])  # "the Farmers Party (FP)": keep the bracket closed
    return re.sub(r"\s+", " ", doc_text(mention.doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)])
