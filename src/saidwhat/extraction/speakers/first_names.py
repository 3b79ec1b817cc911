"""When two first names may be one person's: the same name, a nickname of it ("Bob" and Robert, from
the curated ``nicknames`` table), or a clipped form ("Xander" and Alexander) of the same gender."""

from __future__ import annotations

from functools import cache

from saidwhat.extraction.speakers import gender as genders

MIN_CLIPPED = 5  # letters a clipped first name keeps: "Xander" (Alexander), never "Anne" (Joanne)


@cache
def _nicknamer() -> object:
    from nicknames import NickNamer  # a table of some 2,700 lines: read on first use, not at start-up

    return NickNamer()


def _related(a: str, b: str) -> bool:
    namer = _nicknamer()
    return b in namer.nicknames_of(a) or a in namer.nicknames_of(b)  # type: ignore[attr-defined]


def same_first_name(a: str, b: str) -> bool:
    """Whether first names ``a`` and ``b`` (lower case) may name one person."""
    if a == b:
        return True
    if not (a.isalpha() and b.isalpha()):
        return False
    shorter, longer = sorted((a, b), key=len)
    clipped = len(shorter) >= MIN_CLIPPED and longer.endswith(shorter)
    if not (clipped or _related(a, b)):
        return False
    one, other = genders.name_evidence(a), genders.name_evidence(b)
    return one is None or other is None or one == other  # "Daniel" is never "Daniela"
