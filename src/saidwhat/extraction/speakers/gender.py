"""Whether a quoted person is a woman or a man, from the evidence an article gives, then from first names.

Evidence, strongest first:

* ``pronoun``: "she said", "Reyes said he would…": a pronoun resolved to the person;
* ``honorific``: "Ms Reyes", "Mr Okafor", "Sir Keir", "Dame Judi";
* ``role``: a gendered role noun the article attaches to the person ("spokeswoman Ana Reyes",
  "Tom Baker, chairman of…", "a mother of two");
* ``name``: first-name statistics from an offline dataset (nomquamgender, MIT licence), used only
  where the first name is strongly one-sided (``NAME_SHARE`` of its bearers or more) and common enough
  to trust, and only when the article itself says nothing.

Evidence is kept as counts per kind (``pronoun``: 3 female, 0 male, ...), so that a store can add up
what many articles say about one person and decide with the same rule (``decide``). Textual evidence
always outweighs the name; textual evidence that disagrees (neither side has ``AGREEMENT`` of it) gives
``None``. Gender here is binary only because the evidence is: English pronouns, honorifics and role
nouns mark two genders, and name statistics record two. It can be wrong, and a store can be corrected.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from saidwhat.extraction.text.lookup import with_lemma
from saidwhat.identity import (
    CONFLICT,
    FEMALE,
    MALE,
    as_rows,
    decide,
    merge,
)
from saidwhat.lexicon import (
    FEMALE_PRONOUNS,
    FEMALE_ROLES,
    MALE_PRONOUNS,
    MALE_ROLES,
    NAME_PARTICLE_WORDS,
    NAME_TITLES,
    NOT_PERSON_NAME_WORDS,
    ORGANISATION_NOUNS,
    PLACES,
    RELATIVE_PRONOUNS,
    ROLE_SKIP_WORDS,
    TIME_WORDS,
)
from saidwhat.model import Extraction, Speaker
from saidwhat.namewords import plain

NAME_SHARE = 0.9  # a first name decides only where this share of its bearers share a gender (nqg's default)
NAME_MIN_COUNT = 10  # ... among at least this many recorded people
NAME_MIN_SOURCES = 2  # ... in at least this many of the dataset's sources


def role_gender(words: Iterable[str]) -> str | None:
    """female/male if the words hold a gendered role noun of one gender only ("spokeswoman")."""
    found = {
        FEMALE if w in FEMALE_ROLES else MALE
        for w in (_plain(w) for w in words)
        if w in FEMALE_ROLES | MALE_ROLES
    }
    return found.pop() if len(found) == 1 else None


# -- first names ------------------------------------------------------------------------------------

_ENTRY = re.compile(r'"([a-z][a-z\'-]*)": \[(\d+), (\d+), ([0-9.]+)')
_LOCK = threading.Lock()
_TABLE: dict[str, str] | None = None
_WORD = re.compile(r"[^\W\d_][^\W\d_'’.-]*")


def _plain(word: str) -> str:
    """A word as the name tables hold it: ``namewords.plain``, without apostrophes at its ends."""
    return plain(word).strip("’'")


def _data_file() -> Path | None:
    """The dataset file inside the installed package, found without importing it (it imports pandas)."""
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    return path if path.is_file() else None


def _load() -> dict[str, str]:
    """The strongly one-sided first names: name -> female/male."""
    path = _data_file()
    if path is None:
        return {}
    table: dict[str, str] = {}
    low = 1.0 - NAME_SHARE
    # A regular expression over the text, not json.load: the whole table as Python objects is 250 MB.
    for match in _ENTRY.finditer(path.read_text(encoding="utf-8")):
        sources, count, share = int(match.group(2)), int(match.group(3)), float(match.group(4))
        if sources < NAME_MIN_SOURCES or count < NAME_MIN_COUNT:
            continue
        if share >= NAME_SHARE:
            table[match.group(1)] = FEMALE
        elif share <= low:
            table[match.group(1)] = MALE
    return table


def _cached_load() -> dict[str, str]:
    """``_load()``, kept in the table cache: deriving it reads 22 MB, a second of every start."""
    from saidwhat.tablecache import cached_table, module_file

    path = _data_file()
    if path is None:
        return {}
    return cached_table(
        "first-names",
        _load,
        kind=dict,
        sources=(path, module_file(__name__)),
        settings=(NAME_SHARE, NAME_MIN_COUNT, NAME_MIN_SOURCES),
    )


def name_table() -> dict[str, str]:
    """The first-name table, read once per process on first use."""
    global _TABLE
    if _TABLE is None:
        with _LOCK:
            if _TABLE is None:
                _TABLE = _cached_load()
    return _TABLE


def first_name(name: str) -> str | None:
    """The first name of a person's name, if it has one that can be looked up ("J. Smith" has none).

    Only names of two or more words: a lone word may be a surname ("Ford said"). Names that hold a
    place or an organisation word ("Nova Scotia", "Wall Street Journal") are no person's name.
    """
    words = [w for w in name.split() if _WORD.match(w)]  # "Al-Shabaab" is one word, not "Al" and more
    plain = [_plain(w) for w in words]
    if any(p in _NOT_NAMES or p in PLACES for p in _plain(name).replace("-", " ").split()):
        return None
    while plain and plain[0] in NAME_TITLES:
        words, plain = words[1:], plain[1:]
    if len(plain) < 2 or any(not w[:1].isupper() and _plain(w) not in _PARTICLES for w in words):
        return None
    if any(p in ORGANISATION_NOUNS or p in PLACES or p in _NOT_NAMES for p in plain):
        return None
    if " ".join(plain) in PLACES:
        return None
    first = plain[0]
    if len(first) < 2 or (words[0].isupper() and len(words[0]) <= 3):  # an initial, or initials ("JD")
        return None
    return first


_PARTICLES = NAME_PARTICLE_WORDS
_NOT_NAMES = NOT_PERSON_NAME_WORDS


def could_be_person(name: str) -> bool:
    """False for names that are a place, a day or an organisation's ("Nova Scotia", "Christmas Day")."""
    plain = [_plain(w) for w in _WORD.findall(name)]
    if not plain or " ".join(plain) in PLACES:
        return False
    return not any(
        p in _NOT_NAMES or p in PLACES or p in TIME_WORDS or p in ORGANISATION_NOUNS for p in plain
    )


@lru_cache(maxsize=16384)
def name_evidence(name: str) -> tuple[int, int] | None:
    """``(1, 0)`` for a strongly female first name, ``(0, 1)`` for a male one, else None."""
    first = first_name(name)
    if first is None:
        return None
    found = name_table().get(first)
    if found is None:
        return None
    return (1, 0) if found == FEMALE else (0, 1)


def with_names(extraction: Extraction) -> Extraction:
    """The extraction with first-name evidence added to people the article gives no textual evidence for."""
    changed: dict[str, Speaker] = {}
    for speaker in extraction.speakers:
        if speaker.kind != "person" or speaker.gender_evidence == CONFLICT:
            continue
        evidence = name_evidence(speaker.name)
        if evidence is None:
            continue
        counts = merge(speaker.gender_counts, [("name", *evidence)])
        gender, why = decide(counts)
        changed[speaker.id] = replace(
            speaker, gender=gender, gender_evidence=why, gender_counts=as_rows(counts)
        )
    if not changed:
        return extraction
    speakers = tuple(changed.get(s.id, s) for s in extraction.speakers)
    quotes = tuple(
        replace(q, speaker=changed[q.speaker.id]) if q.speaker is not None and q.speaker.id in changed else q
        for q in extraction.quotes
    )
    return replace(extraction, speakers=speakers, quotes=quotes)


# -- reading evidence off a parsed article (the entity table calls these) ------------------------------

_SKIP_BEFORE = ROLE_SKIP_WORDS
_MODIFIERS = frozenset({"NOUN", "ADJ", "NUM"})


def roles_around(doc: Doc, start: int, end: int, names: AbstractSet[int]) -> str | None:
    """female/male if a gendered role noun stands right before the name at ``[start, end)`` or in an
    appositive after it ("Toronto mother Lisa Chen", "his wife, Lisa Chen", "Lisa Chen, a mother of two,").

    Proper nouns are never read as roles ("Queen Mary University's Tim Bale"), except a capitalised title
    right before the name ("Spokeswoman Ana Reyes").
    """
    words: list[str] = []
    sent = doc[start].sent
    i = start - 1
    if i >= sent.start and doc[i].pos_ == "PROPN" and doc[i].lower_ in FEMALE_ROLES | MALE_ROLES:
        return role_gender([doc[i].lower_])
    if i >= sent.start and doc[i].text == ",":
        i -= 1
    taken = 0
    while i >= sent.start and taken < 4 and i not in names:
        token = doc[i]
        if token.pos_ in _MODIFIERS and token.tag_ != "POS":
            words.append(token.lower_)
        elif token.lower_ not in _SKIP_BEFORE:
            break
        i -= 1
        taken += 1
    j = end
    if j < sent.end and doc[j].text == ",":
        j += 1
        taken = 0
        while j < sent.end and taken < 6 and j not in names:
            token = doc[j]
            if token.is_punct or token.pos_ in {"VERB", "AUX", "PRON", "PROPN"} or token.tag_ == "POS":
                break
            if token.lower_ in RELATIVE_PRONOUNS:
                break
            words.append(token.lower_)
            j += 1
            taken += 1
    return role_gender(words)


def subject_pronouns(
    doc: Doc, cluster_of: Mapping[int, int], reporting: frozenset[str]
) -> list[tuple[int, str]]:
    """(entity, gender) for "Reyes said she would…": a gendered subject pronoun of the clause a named
    person reports, in a sentence that names no other person."""
    found: list[tuple[int, str]] = []
    for token in (doc[i] for i in with_lemma(doc, reporting)):
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i in cluster_of]
        if not subjects:
            continue
        cluster = cluster_of[subjects[0].i]
        sent = token.sent
        if any(t.i in cluster_of and cluster_of[t.i] != cluster for t in sent):
            continue
        for clause in token.children:
            if clause.dep_ not in {"ccomp", "xcomp", "advcl"}:
                continue
            for child in clause.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ in FEMALE_PRONOUNS | MALE_PRONOUNS:
                    found.append((cluster, FEMALE if child.lower_ == "she" else MALE))
    return found
