"""Which entity a name names: the rules both the table builder and the linking rules ask.

Only attributes that agree match: a surname and a first name that fit, an honorific of the right
gender, the initials of an organisation. Where several people share a surname, the honorific, then
kinship, then recency decide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from saidwhat.extraction.speakers.entity import Entity
from saidwhat.extraction.speakers.first_names import same_first_name
from saidwhat.lexicon import FEMALE_HONORIFICS, MALE_HONORIFICS, SPEAKER_INITIALS_SKIP


def initials(name: str) -> str:
    """ "Society of Motor Manufacturers and Traders" -> "smmt"."""
    return "".join(
        w[0] for w in name.split() if w.lower() not in SPEAKER_INITIALS_SKIP and w[:1].isalpha()
    ).lower()


def same_surname_choice(matches: Sequence[Entity], honorific: str) -> list[Entity]:
    """Of several people sharing a surname, those a bare mention with ``honorific`` may name; never empty
    when ``matches`` is not.

    An honorific's gender decides ("Mr Hughes" is never Megan Hughes), or a non-gendered one carried
    before ("Dr. Whitfield"); then one introduced as somebody's relative is passed over ("Lin" is Marcus
    Lin, not "his wife, Deborah" Lin).
    """
    wanted = "m" if honorific in MALE_HONORIFICS else "f" if honorific in FEMALE_HONORIFICS else None
    if wanted is not None:
        fitting = [c for c in matches if c.known_gender in (None, wanted)]
        known = [c for c in fitting if c.known_gender == wanted]
        return [c for c in known or fitting if not c.relative] or known or fitting  # none: somebody new
    chosen = list(matches)
    if honorific and (titled := [c for c in chosen if honorific in c.honorifics]):
        chosen = titled
    return [c for c in chosen if not c.relative] or chosen


def find_person(
    entities: Sequence[Entity],
    by_word: Mapping[str, Sequence[int]],
    key: list[str],
    *,
    by_first_name: bool = True,
    honorific: str = "",
) -> Entity | None:
    """The person already known that ``key`` names, or None.

    Names agree when one's words hold the other's with the same last word ("Hughes", "Owen Hughes"),
    or a lone first name is a known person's first name or nickname, or two full names differ only by
    first names that may be one ("Bob Doe" and "Robert Doe"); of several, ``same_surname_choice``,
    then the latest named.
    """
    indices = dict.fromkeys(i for word in {key[0], key[-1]} for i in by_word.get(word, ()))
    matches = []
    for index in indices:
        entity = entities[index]
        if entity.kind != "person" or not entity.key:
            continue
        known = entity.key
        forms = {*known, *entity.nicknames}
        if (
            (key[-1] == known[-1] and (set(key) <= forms or set(known) <= set(key)))
            or (
                by_first_name and len(key) == 1 and key[0] in {known[0], *entity.nicknames} and len(known) > 1
            )
            or _first_names_differ_only(key, known)
        ):
            matches.append(entity)
    if len(matches) > 1:
        matches = same_surname_choice(matches, honorific)
    if not matches:
        return None
    return max(matches, key=lambda c: c.positions[-1] if c.positions else -1)


def _first_names_differ_only(key: list[str], known: list[str]) -> bool:
    """ "Xander Wise" and "Alexander Wise": the same surname and other words, first names that may be one."""
    if len(key) < 2 or len(known) < 2 or key[-1] != known[-1] or key[0] == known[0]:
        return False
    rest, known_rest = set(key[1:]), set(known[1:])
    return (rest <= known_rest or known_rest <= rest) and same_first_name(key[0], known[0])


def find_org(entities: Sequence[Entity], key: list[str], name: str = "") -> Entity | None:
    """The organisation named ``key`` before, in full, by its first words ("Samsung" and "Samsung
    Electronics Co.") or by its initials ("SMMT" and "the Society of Motor Manufacturers and
    Traders"), the latest first."""
    if not key:
        return None
    own_initials = initials(name) if name and len(key) > 1 else ""
    for entity in reversed(entities):
        if entity.kind != "organisation" or not entity.key:
            continue
        known = entity.key
        shorter, longer = sorted((known, key), key=len)
        if shorter == longer[: len(shorter)]:
            return entity
        if len(key) == 1 and len(key[0]) >= 2 and key[0] == initials(entity.name):
            return entity
        if own_initials and len(known) == 1 and len(own_initials) >= 2 and known[0] == own_initials:
            return entity
    return None


def index_words(by_word: dict[str, list[int]], entity: Entity) -> None:
    """Make a person findable by the first and last words of its current key."""
    key = entity.key
    if entity.kind == "person" and key:
        for word in {key[0], key[-1], *entity.nicknames}:
            bucket = by_word.setdefault(word, [])
            if entity.index not in bucket:
                bucket.append(entity.index)
