"""The values that pass between the speaker steps: an article's entities and a mention's link to one.

Both are frozen. An entity changes only by being replaced with a new value (``with_*``), and only the
code that owns a step's table does that: the table builder while it reads the article's names, the
discourse as each quote's link is applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from saidwhat.extraction.speakers import gender as genders
from saidwhat.extraction.speakers.gazetteer import is_first_name
from saidwhat.model import SpeakerKind
from saidwhat.namewords import name_words

NEW = -1  # the index of an entity a link introduces, until the discourse gives it its place


def name_key(words: tuple[str, ...] | list[str]) -> list[str]:
    """Words of a name as compared (``namewords.name_words``, the scorer's and the store's rule)."""
    return name_words(" ".join(words))


@dataclass(frozen=True, slots=True)
class Entity:
    """One identity of the article: the names, titles and mentions that refer to it, and what they say
    about it (kind, gender with its evidence, whether it is somebody's relative...)."""

    index: int
    kind: SpeakerKind
    names: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    positions: tuple[int, ...] = ()  # token indices where the article mentions it
    gender: str | None = None  # "f" or "m", given by an honorific or a pronoun that refers to it
    evidence: tuple[tuple[str, tuple[int, int]], ...] = ()  # gender evidence: (kind, (female, male))
    place: bool = False  # an organisation that names a place ("Surrey", "the City of Surrey")
    personal: bool = False  # an unnamed person ("a security guard"): a singular pronoun may refer to it
    group: bool = False  # unnamed people ("several executives"): "they" may refer to it
    subject: bool = False  # named as the subject of a clause somewhere in the article
    relative: bool = (
        False  # introduced as somebody's relative ("his wife, Deborah"): a bare surname is rarely them
    )
    honorifics: frozenset[str] = frozenset()  # "dr", "mr" written before the name
    nicknames: tuple[str, ...] = ()  # "bobby" for Robert “Bobby” Doe, compared as name words are

    @property
    def name_gender(self) -> str | None:
        """ "f" or "m" where the first name is strongly one-sided (for pronouns only; see gender.py)."""
        if self.kind != "person":
            return None
        found = {genders.name_evidence(name) for name in self.names} - {None}
        return None if len(found) != 1 else ("f" if found.pop() == (1, 0) else "m")

    @property
    def known_gender(self) -> str | None:
        """The gender an honorific or a pronoun gave, else the first name's."""
        return self.gender or self.name_gender

    @property
    def lone(self) -> bool:
        """Only ever one word with no title ("Brexit", "Crohn"): a person only if it acts in the article."""
        return all(len(name_key(n.split())) == 1 for n in self.names) and not self.titles

    _key: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        best = max(self.names, key=lambda n: len(name_key(n.split()))) if self.names else ""
        object.__setattr__(self, "_key", tuple(name_key(best.split())))  # asked for often: computed once

    @property
    def key(self) -> list[str]:
        """The words of the fullest name, as names are compared."""
        return list(self._key)

    @property
    def name(self) -> str:
        """The fullest name form, the canonical name; an unnamed source goes by its first description."""
        if not self.names:
            return self.aliases[0] if self.aliases else "unknown"
        return max(self.names, key=lambda n: (len(name_key(n.split())), len(n)))

    @property
    def unsure_person(self) -> bool:
        """A "person" only by default: no first name, no title, nothing that gave it a gender."""
        return (
            self.kind == "person"
            and bool(self.names)
            and not self.titles
            and not self.evidence
            and self.gender is None
            and not any(is_first_name(name.split()[0]) for name in self.names)
        )

    @property
    def issuer(self) -> bool:
        """Who can issue a statement or a report: an organisation or a person, not a place."""
        return self.kind in {"organisation", "person"} and not self.place

    def counts(self) -> dict[str, tuple[int, int]]:
        return dict(self.evidence)

    def with_alias(self, alias: str) -> Entity:
        return self if not alias or alias in self.aliases else replace(self, aliases=(*self.aliases, alias))

    def with_gender_note(self, kind: str, gender: str) -> Entity:
        counts = self.counts()
        f, m = counts.get(kind, (0, 0))
        counts[kind] = (f + 1, m) if gender in {"f", genders.FEMALE} else (f, m + 1)
        return replace(self, evidence=tuple(counts.items()))

    def at(self, position: int) -> Entity:
        return replace(self, positions=(*self.positions, position))


@dataclass(frozen=True, slots=True)
class Link:
    """What one rule found for a mention: the entity (an existing one, or a new one with index ``NEW``),
    how sure, and how, in a reader's words; plus what the link teaches about the entity, which the
    discourse records when it applies the link (never the rule itself)."""

    entity: Entity | None  # None: the rule decided that nobody in the article fits
    confidence: float
    how: str | None
    aliases: tuple[str, ...] = ()  # descriptions the entity is now also known by
    noted: tuple[int, ...] = ()  # mention positions that now count as the entity named as a subject
    gender: str | None = None  # a gendered pronoun referred to it
    kind: SpeakerKind | None = None  # a "person" the link shows to be an organisation

    def but(self, **changes: object) -> Link:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Resolved:
    """A mention's identity: the index of its entity, and how sure and how the linking found it."""

    entity: int
    confidence: float
    how: str | None = None
