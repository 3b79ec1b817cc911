"""A speaker's gender from evidence counts: the rule that decides, and how counts add up.

spaCy-free, so that the store (which adds up what many articles say about one person) and the
extraction (which finds the evidence in one article: ``saidwhat.extraction.speakers.gender``) decide with the
same rule without the store importing a module that loads spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

FEMALE = "female"
MALE = "male"
GENDERS: tuple[str, ...] = (FEMALE, MALE)
TEXT_EVIDENCE: tuple[str, ...] = ("pronoun", "honorific", "role")  # strongest first
EVIDENCE_KINDS: tuple[str, ...] = (*TEXT_EVIDENCE, "name")
CONFLICT = "conflict"  # gender_evidence of a person whose textual evidence disagrees
CORRECTED = "corrected"  # gender_evidence of a person a reader has corrected (stores only)

# How much one piece of evidence counts: an honorific is printed by the writer and never mis-resolved.
WEIGHTS: Mapping[str, float] = {"pronoun": 1.0, "honorific": 3.0, "role": 1.0}
AGREEMENT = 0.75  # share of the weighted textual evidence the winning side needs

Counts = Mapping[str, tuple[int, int]]  # evidence kind -> (female, male)


def decide(counts: Counts, *, names: bool = True) -> tuple[str | None, str | None]:
    """``(gender, evidence)`` from evidence counts; ``names=False`` ignores the ``name`` kind."""
    female = sum(WEIGHTS[k] * counts[k][0] for k in TEXT_EVIDENCE if k in counts)
    male = sum(WEIGHTS[k] * counts[k][1] for k in TEXT_EVIDENCE if k in counts)
    if female or male:
        if female >= AGREEMENT * (female + male):
            winner, side = FEMALE, 0
        elif male >= AGREEMENT * (female + male):
            winner, side = MALE, 1
        else:
            return None, CONFLICT
        # What decided it: the kind that gave the winner the most weight, strongest kind on a tie.
        best = max(
            (k for k in TEXT_EVIDENCE if k in counts and counts[k][side]),
            key=lambda k: (WEIGHTS[k] * counts[k][side], -TEXT_EVIDENCE.index(k)),
        )
        return winner, best
    if names and "name" in counts:
        f, m = counts["name"]
        if f and not m:
            return FEMALE, "name"
        if m and not f:
            return MALE, "name"
        if f or m:
            return None, CONFLICT
    return None, None


def merge(*many: Iterable[tuple[str, int, int]]) -> dict[str, tuple[int, int]]:
    """Add up ``(kind, female, male)`` rows into counts per kind."""
    out: dict[str, tuple[int, int]] = {}
    for rows in many:
        for kind, f, m in rows:
            old = out.get(kind, (0, 0))
            out[kind] = (old[0] + int(f), old[1] + int(m))
    return out


def as_rows(counts: Counts) -> tuple[tuple[str, int, int], ...]:
    """Counts as ``(kind, female, male)`` rows in a fixed order (what a Speaker carries)."""
    return tuple((k, *counts[k]) for k in EVIDENCE_KINDS if k in counts and any(counts[k]))
