"""Who gets a voice: speakers' gender across the store, readers' corrections, and the diversity report.

A canonical speaker's gender is decided from the evidence of every article that quotes it or one of
its partial names (``saidwhat.gender.decide``: a pronoun anywhere outweighs first-name statistics); a
reader's correction (``set_gender``) overrides it and is reported as ``corrected``. Corrections are kept
by identity key, so re-ingesting, or re-attaching partial names, keeps them. Reading a speaker's
gender lives in ``saidwhat.store.gender``, which the speaker list and pages share.

The report counts quotes and distinct people by gender among *named people*, and splits all quotes
between named people, organisations, unnamed sources ("officials", "a spokesperson") and quotes with no
speaker; optionally per source, per month or both.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from saidwhat.errors import InputError, NotFoundError
from saidwhat.spreadsheet import CsvWriter
from saidwhat.store.gender import CANONICAL, GENDER_LABELS, check_gender, speaker_genders
from saidwhat.store.queries import article_filter

SOURCE_KINDS: tuple[str, ...] = ("people", "organisations", "unnamed", "unattributed")
GROUPINGS: tuple[str, ...] = ("source", "month")
NO_SOURCE = "(no source)"
UNDATED = "(undated)"


def set_gender(conn: sqlite3.Connection, speaker_id: int, gender: str) -> tuple[int, str]:
    """Record a reader's correction of a speaker's gender (female, male or unknown) on a writable
    connection; return the canonical id and name it applies to."""
    gender = check_gender(gender.strip().lower())
    row = conn.execute(
        f"SELECT c.id, c.key, c.name FROM speakers s JOIN speakers c ON c.id = {CANONICAL} WHERE s.id = ?",
        (speaker_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no speaker with id {speaker_id}")
    conn.execute(
        "INSERT INTO speaker_gender_corrections (key, gender) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET"
        " gender = excluded.gender, corrected_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        (row["key"], gender),
    )
    return int(row["id"]), str(row["name"])


def read_corrections(text: str) -> list[tuple[str, str]]:
    """``(speaker, gender)`` pairs from a CSV with a header naming an ``id`` (or ``speaker``) column and a
    ``gender`` column; the speaker is an id or a name."""
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower(): c for c in reader.fieldnames or []}
    who = columns.get("id") or columns.get("speaker_id") or columns.get("speaker") or columns.get("name")
    if who is None or "gender" not in columns:
        raise InputError(
            "the corrections CSV needs a header with an id (or speaker) column and a gender column"
        )
    pairs = []
    for row in reader:
        speaker = (row.get(who) or "").strip()
        if speaker:
            pairs.append((speaker, (row.get(columns["gender"]) or "").strip()))
    return pairs


# -- the report ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Tally:
    """Counts for one group (or the whole selection)."""

    quotes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GENDER_LABELS, 0))
    people: dict[str, set[int]] = field(default_factory=lambda: {g: set() for g in GENDER_LABELS})
    kinds: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SOURCE_KINDS, 0))

    def to_dict(self) -> dict[str, Any]:
        people = {g: len(ids) for g, ids in self.people.items()}
        return {
            "quotes": dict(self.quotes),
            "people": people,
            "female_share_people": _share(people["female"], people["male"]),
            "female_share_quotes": _share(self.quotes["female"], self.quotes["male"]),
            "sources": dict(self.kinds),
        }


def _share(female: int, male: int) -> float | None:
    return round(female / (female + male), 4) if female + male else None


@dataclass(frozen=True, slots=True)
class Voice:
    """One of the most-quoted women or men."""

    id: int
    name: str
    quotes: int
    evidence: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "quotes": self.quotes, "evidence": self.evidence}


@dataclass(frozen=True, slots=True)
class DiversityReport:
    by: tuple[str, ...]
    filters: dict[str, str | None]
    total: dict[str, Any]
    groups: list[dict[str, Any]]
    top_women: list[Voice]
    top_men: list[Voice]

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": list(self.by),
            "filters": self.filters,
            "total": self.total,
            "groups": self.groups,
            "top_women": [v.to_dict() for v in self.top_women],
            "top_men": [v.to_dict() for v in self.top_men],
        }

    def csv_rows(self) -> list[dict[str, Any]]:
        """One flat row per group, then the total (group fields ``(all)``)."""
        rows = []
        for group in [*self.groups, {**dict.fromkeys(self.by, "(all)"), **self.total}]:
            row: dict[str, Any] = {key: group[key] for key in self.by}
            for gender in GENDER_LABELS:
                row[f"quotes_{gender}"] = group["quotes"][gender]
            for gender in GENDER_LABELS:
                row[f"people_{gender}"] = group["people"][gender]
            row["female_share_people"] = group["female_share_people"]
            row["female_share_quotes"] = group["female_share_quotes"]
            for kind in SOURCE_KINDS:
                row[f"quotes_{kind}"] = group["sources"][kind]
            rows.append(row)
        return rows

    def to_csv(self) -> str:
        rows = self.csv_rows()
        out = io.StringIO()
        writer = CsvWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()


def parse_by(value: str | None) -> tuple[str, ...]:
    """``"source"``, ``"month"``, ``"source,month"`` (or blank: no grouping) as a tuple of fields."""
    fields_ = tuple(part.strip().lower() for part in (value or "").split(",") if part.strip())
    bad = [f for f in fields_ if f not in GROUPINGS]
    if bad or len(set(fields_)) != len(fields_):
        raise InputError(f"--by takes source, month or source,month, not {value!r}")
    return fields_


def diversity(
    conn: sqlite3.Connection,
    *,
    by: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    top: int = 10,
) -> DiversityReport:
    """Quotes and people by gender, and quotes by kind of source, for the articles the filters select."""
    where, params = article_filter(since=since, until=until, source=source)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    rows = conn.execute(
        f"SELECT c.id AS cid, c.name, c.kind, c.is_description, a.source, substr(a.date, 1, 7) AS month,"
        " count(*) AS n"
        " FROM quotes_corrected q JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN speakers s ON s.id = q.speaker_id"
        f" LEFT JOIN speakers c ON c.id = {CANONICAL}"
        f"{clause} GROUP BY c.id, a.source, month",
        params,
    ).fetchall()
    calls = speaker_genders(conn)
    total = Tally()
    groups: dict[tuple[str, ...], Tally] = {}
    voices: dict[int, list[Any]] = {}
    for row in rows:
        key = tuple((row["source"] or NO_SOURCE) if f == "source" else (row["month"] or UNDATED) for f in by)
        tallies = [total, groups.setdefault(key, Tally())] if by else [total]
        kind = _kind(row)
        n = int(row["n"])
        call = calls.get(int(row["cid"])) if row["cid"] is not None else None
        gender = (call.gender if call else None) or "unknown"
        for tally in tallies:
            tally.kinds[kind] += n
            if kind == "people":
                tally.quotes[gender] += n
                tally.people[gender].add(int(row["cid"]))
        if kind == "people" and gender != "unknown":
            voice = voices.setdefault(
                int(row["cid"]), [row["name"], 0, gender, call.evidence if call else None]
            )
            voice[1] += n
    ranked = sorted(voices.items(), key=lambda item: (-item[1][1], item[1][0]))
    women = [Voice(cid, v[0], v[1], v[3]) for cid, v in ranked if v[2] == "female"][:top]
    men = [Voice(cid, v[0], v[1], v[3]) for cid, v in ranked if v[2] == "male"][:top]
    return DiversityReport(
        by=tuple(by),
        filters={"since": since, "until": until, "source": source},
        total=total.to_dict(),
        groups=[{**dict(zip(by, key, strict=True)), **groups[key].to_dict()} for key in sorted(groups)],
        top_women=women,
        top_men=men,
    )


def _kind(row: sqlite3.Row) -> str:
    if row["cid"] is None:
        return "unattributed"
    if row["is_description"]:
        return "unnamed"
    if row["kind"] == "organisation":
        return "organisations"
    if row["kind"] == "person":
        return "people"
    return "unnamed"


def apply_corrections(conn: sqlite3.Connection, pairs: Iterable[tuple[str, str]]) -> list[str]:
    """Apply ``(speaker id or name, gender)`` corrections in one transaction; a name must find exactly one
    speaker. Returns a line per correction; raises InputError (applying none) if any cannot be applied."""
    from saidwhat.store.queries import find_speakers

    done: list[str] = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for n, (who, gender) in enumerate(pairs, start=2):
            if who.isdigit():
                speaker_id = int(who)
            else:
                found = find_speakers(conn, who)
                if len(found) != 1:
                    raise InputError(f"line {n}: {who!r} names {len(found)} speakers; give an id instead")
                speaker_id = found[0]
            try:
                cid, name = set_gender(conn, speaker_id, gender)
            except (InputError, NotFoundError) as exc:
                raise InputError(f"line {n}: {exc}") from exc
            done.append(f"{cid}\t{name}\t{gender.strip().lower()}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return done
