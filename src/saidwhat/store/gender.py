"""A canonical speaker's gender as the store knows it: decided from every article's evidence, unless a
reader corrected it.

The speaker list and page, the API, the diversity report and exports all read it here, so they all
show the same answer. Kept apart from ``queries`` and ``diversity`` so that both can use it without
importing each other. Gender is decided in Python (``saidwhat.identity.decide``, the rule the extraction
uses too, kept spaCy-free), not in SQL, so a filter by gender is a list of canonical ids handed to SQLite
as one JSON parameter.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Protocol, TypeVar

from saidwhat.errors import InputError, NotFoundError
from saidwhat.identity import CORRECTED, EVIDENCE_KINDS, decide, merge

CANONICAL = "coalesce(s.canonical_id, s.id)"
GENDER_LABELS: tuple[str, ...] = ("female", "male", "unknown")


@dataclass(frozen=True, slots=True)
class GenderCall:
    """A canonical speaker's gender (None: unknown) and what decided it (``corrected``: a reader)."""

    gender: str | None
    evidence: str | None
    corrected: bool = False


UNKNOWN = GenderCall(None, None)


class _SpeakerRow(Protocol):
    """What ``with_genders`` needs of a row (``queries.SpeakerSummary``): its canonical id and the
    gender fields (a dataclass, so that ``replace`` can fill them in)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def id(self) -> int: ...


Row = TypeVar("Row", bound=_SpeakerRow)


@dataclass(frozen=True, slots=True)
class GenderDetail:
    """What a speaker page shows: the store's answer, what the articles alone say, and their evidence."""

    call: GenderCall
    found: GenderCall  # from the articles' evidence only, the correction left out
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind -> (female, male), summed


def check_gender(gender: str) -> str:
    """A gender as a reader may give it (female, male or unknown), or an InputError saying which are."""
    if gender not in GENDER_LABELS:
        raise InputError(f"gender must be one of {', '.join(GENDER_LABELS)}, not {gender!r}")
    return gender


def has_gender_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'speaker_gender_evidence'"
    ).fetchone()
    return row is not None


def _members(ids: Collection[int] | None) -> tuple[str, list[str]]:
    """A condition on speaker rows ``s``: they are, or are partial names of, these canonical ids."""
    if ids is None:
        return "", []
    doc = json.dumps(sorted({int(i) for i in ids}))
    return (
        " WHERE (s.id IN (SELECT value FROM json_each(?)) OR s.canonical_id IN (SELECT value FROM json_each(?)))",
        [doc, doc],
    )


def _evidence(conn: sqlite3.Connection, ids: Collection[int] | None) -> dict[int, dict[str, tuple[int, int]]]:
    where, params = _members(ids)
    rows: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for cid, kind, female, male in conn.execute(
        f"SELECT {CANONICAL} AS cid, e.evidence, sum(e.female), sum(e.male)"
        f" FROM speaker_gender_evidence e JOIN speakers s ON s.id = e.speaker_id{where} GROUP BY cid, e.evidence",
        params,
    ):
        rows[int(cid)].append((kind, int(female), int(male)))
    return {cid: merge(found) for cid, found in rows.items()}


def _corrections(conn: sqlite3.Connection, ids: Collection[int] | None) -> dict[int, str]:
    where, params = _members(ids)
    out: dict[int, str] = {}
    for cid, gender in conn.execute(
        f"SELECT {CANONICAL} AS cid, g.gender FROM speaker_gender_corrections g JOIN speakers s ON s.key = g.key"
        f"{where} ORDER BY s.canonical_id IS NULL",  # the canonical's own correction last, so it wins
        params,
    ):
        out[int(cid)] = str(gender)
    return out


def _corrected(gender: str) -> GenderCall:
    return GenderCall(None if gender == "unknown" else gender, CORRECTED, corrected=True)


def speaker_genders(
    conn: sqlite3.Connection, *, names: bool = True, ids: Collection[int] | None = None
) -> dict[int, GenderCall]:
    """The gender of every canonical speaker that has evidence or a correction, by canonical id;
    ``ids`` (canonical ids) limits the work to those, so a page of speakers need not decide for all."""
    if not has_gender_tables(conn) or (ids is not None and not ids):
        return {}
    calls = {cid: GenderCall(*decide(counts, names=names)) for cid, counts in _evidence(conn, ids).items()}
    for cid, gender in _corrections(conn, ids).items():
        calls[cid] = _corrected(gender)
    return calls


def canonical_id(conn: sqlite3.Connection, speaker_id: int) -> int:
    row = conn.execute(f"SELECT {CANONICAL} FROM speakers s WHERE s.id = ?", (speaker_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no speaker with id {speaker_id}")
    return int(row[0])


def gender_detail(conn: sqlite3.Connection, speaker_id: int) -> GenderDetail:
    """One speaker's gender with the evidence behind it, for the speaker page and its API record."""
    cid = canonical_id(conn, speaker_id)
    if not has_gender_tables(conn):
        return GenderDetail(UNKNOWN, UNKNOWN)
    counts = _evidence(conn, [cid]).get(cid, {})
    found = GenderCall(*decide(counts)) if counts else UNKNOWN
    correction = _corrections(conn, [cid]).get(cid)
    ordered = {k: counts[k] for k in EVIDENCE_KINDS if k in counts and any(counts[k])}
    return GenderDetail(_corrected(correction) if correction else found, found, ordered)


def with_genders(conn: sqlite3.Connection, rows: Sequence[Row]) -> list[Row]:
    """``rows`` with their gender, its evidence and whether a reader corrected it filled in."""
    # A long list (a download) decides for the whole store at once, a page only for its own rows.
    ids = [s.id for s in rows]
    calls = speaker_genders(conn, ids=ids if len(ids) <= 1000 else None)
    out = []
    for s in rows:
        call = calls.get(s.id, UNKNOWN)
        out.append(
            replace(s, gender=call.gender, gender_evidence=call.evidence, gender_corrected=call.corrected)
        )
    return out


def gender_filter(conn: sqlite3.Connection, gender: str) -> tuple[str, list[str]]:
    """A condition on canonical speakers ``c`` keeping those of ``gender``: female, male, or unknown
    (people with no gender: the ones a reader may want to correct; organisations are left out)."""
    check_gender(gender)
    calls = speaker_genders(conn)
    if gender == "unknown":
        known = json.dumps(sorted(cid for cid, call in calls.items() if call.gender))
        return "c.kind = 'person' AND c.id NOT IN (SELECT value FROM json_each(?))", [known]
    chosen = json.dumps(sorted(cid for cid, call in calls.items() if call.gender == gender))
    return "c.id IN (SELECT value FROM json_each(?))", [chosen]


__all__ = [
    "GENDER_LABELS",
    "UNKNOWN",
    "GenderCall",
    "GenderDetail",
    "canonical_id",
    "check_gender",
    "gender_detail",
    "gender_filter",
    "has_gender_tables",
    "speaker_genders",
    "with_genders",
]
