"""The scorer of ``../shared/EVAL.md``, so the project's numbers compare with the reference ones.

Quotes match one-to-one, best overlap first, when the Jaccard overlap of the alphanumeric character
positions their spans cover is at least 0.5. Everything is micro-averaged over the documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from saidwhat.lexicon import PERSONAL_PRONOUNS
from saidwhat.namewords import name_words

MATCH_THRESHOLD = 0.5
EXACT_THRESHOLD = 0.95

Doc = Mapping[str, Any]
QuoteDict = Mapping[str, Any]


def quote_spans(quote: QuoteDict) -> list[tuple[int, int]]:
    """A quote's spans, or its envelope where the gold gives none."""
    spans = quote.get("spans")
    if spans:
        return [(int(s), int(e)) for s, e in spans]
    return [(int(quote["start"]), int(quote["end"]))]


def alnum_positions(text: str, spans: Sequence[tuple[int, int]]) -> frozenset[int]:
    """Positions of alphanumeric characters covered by ``spans``: marks and spaces never decide a match."""
    return frozenset(i for s, e in spans for i in range(max(s, 0), min(e, len(text))) if text[i].isalnum())


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def match_quotes(
    text: str, gold: Sequence[QuoteDict], pred: Sequence[QuoteDict]
) -> list[tuple[int, int, float]]:
    """One-to-one matching of gold and predicted quotes, best overlap first.

    Returns ``(gold_index, pred_index, overlap)`` triples for every pair at or over the threshold.
    """
    gold_sets = [alnum_positions(text, quote_spans(q)) for q in gold]
    pred_sets = [alnum_positions(text, quote_spans(q)) for q in pred]
    candidates: list[tuple[float, int, int]] = []
    for gi, gs in enumerate(gold_sets):
        for pi, ps in enumerate(pred_sets):
            if gs & ps:
                overlap = jaccard(gs, ps)
                if overlap >= MATCH_THRESHOLD:
                    candidates.append((overlap, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for overlap, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi, overlap))
    return pairs


def names_match(gold: str | None, pred: str | None, *, lenient: bool) -> bool:
    """Strict: the same set of name words. Lenient: one inside the other with the same last word."""
    g, p = name_words(gold), name_words(pred)
    if not g or not p:
        return False
    if set(g) == set(p):
        return True
    if not lenient or g[-1] != p[-1]:
        return False
    return set(g) <= set(p) or set(p) <= set(g)


def _pred_speaker_name(quote: QuoteDict) -> str | None:
    speaker = quote.get("speaker")
    if isinstance(speaker, Mapping):
        name = speaker.get("name")
        return str(name) if name else None
    return str(speaker) if speaker else None


def _pred_mention_span(quote: QuoteDict) -> tuple[int, int] | None:
    speaker = quote.get("speaker")
    if isinstance(speaker, Mapping) and speaker.get("start") is not None and speaker.get("end") is not None:
        return int(speaker["start"]), int(speaker["end"])
    return None


@dataclass
class Counts:
    """Running totals for one score set."""

    gold: int = 0
    pred: int = 0
    matched: int = 0
    exact: int = 0
    strict: int = 0
    lenient: int = 0
    mention_total: int = 0
    mention_hit: int = 0
    not_speech_total: int = 0
    not_speech_output: int = 0
    not_speech_hits: list[str] = field(default_factory=list)
    by_mention: dict[str, list[int]] = field(default_factory=dict)  # kind -> [strict right, matched]
    by_tag: dict[str, list[int]] = field(default_factory=dict)  # gold tag -> [strict right, matched]


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


_PRONOUNS = PERSONAL_PRONOUNS | {"who"}  # a gold mention may be the relative pronoun the cue follows


def mention_kind(gold_quote: QuoteDict) -> str:
    """The kind of the gold words at the cue: ``name``, ``pronoun``, ``description``, or ``floating``."""
    if gold_quote.get("speaker_start") is None:
        return "floating"
    mention = str(gold_quote.get("speaker_mention") or "")
    if mention.lower() in _PRONOUNS:
        return "pronoun"
    if any(word[:1].isupper() for word in mention.split()):
        return "name"
    return "description"


def _filter(quotes: Iterable[QuoteDict], types: frozenset[str] | None) -> list[QuoteDict]:
    return [q for q in quotes if types is None or q.get("type") in types]


def split_pieces(quotes: Iterable[QuoteDict]) -> list[QuoteDict]:
    """EVAL.md's ``--pieces``: a quote with several spans becomes one quote per span, same speaker and type."""
    pieces: list[QuoteDict] = []
    for quote in quotes:
        spans = quote.get("spans") or []
        if len(spans) <= 1:
            pieces.append(quote)
            continue
        for start, end in spans:
            pieces.append({**quote, "start": int(start), "end": int(end), "spans": [[int(start), int(end)]]})
    return pieces


def score_document(
    gold_doc: Doc,
    pred_doc: Doc | None,
    counts: Counts,
    types: frozenset[str] | None,
    *,
    pieces: bool = False,
) -> None:
    """Add one document's gold and predictions to ``counts``."""
    text: str = gold_doc["text"]
    gold = _filter(gold_doc.get("quotes", []), types)
    pred_quotes = pred_doc.get("quotes", []) if pred_doc else []
    if pieces:
        pred_quotes = split_pieces(pred_quotes)
    pred = _filter(pred_quotes, types)
    counts.gold += len(gold)
    counts.pred += len(pred)
    for gi, pi, overlap in match_quotes(text, gold, pred):
        counts.matched += 1
        counts.exact += overlap >= EXACT_THRESHOLD
        g, p = gold[gi], pred[pi]
        pred_name = _pred_speaker_name(p)
        right = names_match(g.get("speaker"), pred_name, lenient=False)
        counts.strict += right
        tally = counts.by_mention.setdefault(mention_kind(g), [0, 0])
        tally[0] += right
        tally[1] += 1
        for tag in g.get("tags") or []:
            tagged = counts.by_tag.setdefault(str(tag), [0, 0])
            tagged[0] += right
            tagged[1] += 1
        counts.lenient += names_match(g.get("speaker"), pred_name, lenient=True)
        if g.get("speaker_start") is not None and g.get("speaker_end") is not None:
            counts.mention_total += 1
            span = _pred_mention_span(p)
            gs, ge = int(g["speaker_start"]), int(g["speaker_end"])
            counts.mention_hit += span is not None and span[0] < ge and gs < span[1]
    all_pred = pred_quotes
    for item in gold_doc.get("not_speech", []) or []:
        counts.not_speech_total += 1
        positions = alnum_positions(text, [(int(item["start"]), int(item["end"]))])
        if any(
            jaccard(positions, alnum_positions(text, quote_spans(q))) >= MATCH_THRESHOLD for q in all_pred
        ):
            counts.not_speech_output += 1
            counts.not_speech_hits.append(str(item.get("text", "")))


def report(counts: Counts) -> dict[str, Any]:
    """The report of one score set, as ``saidwhat eval --json`` prints it."""
    return {
        "gold": counts.gold,
        "predicted": counts.pred,
        "matched": counts.matched,
        "quote": prf(counts.matched, counts.pred, counts.gold),
        "exact": prf(counts.exact, counts.pred, counts.gold),
        "who_said_what_strict": prf(counts.strict, counts.pred, counts.gold),
        "who_said_what_lenient": prf(counts.lenient, counts.pred, counts.gold),
        "speaker_accuracy_strict": round(counts.strict / counts.matched, 4) if counts.matched else 0.0,
        "speaker_accuracy_lenient": round(counts.lenient / counts.matched, 4) if counts.matched else 0.0,
        "mention_accuracy": round(counts.mention_hit / counts.mention_total, 4)
        if counts.mention_total
        else None,
        "mention_scored": counts.mention_total,
        "speaker_accuracy_by_mention": {
            kind: {"accuracy": round(right / total, 4), "matched": total}
            for kind, (right, total) in sorted(counts.by_mention.items())
        },
        # Only for gold whose quotes carry ``tags`` (the phenomenon each shows): where speakers go wrong.
        **(
            {
                "speaker_accuracy_by_tag": {
                    tag: {"accuracy": round(right / total, 4), "matched": total}
                    for tag, (right, total) in sorted(counts.by_tag.items())
                }
            }
            if counts.by_tag
            else {}
        ),
        "not_speech": {
            "total": counts.not_speech_total,
            "output": counts.not_speech_output,
            "hits": counts.not_speech_hits,
        },
    }


@dataclass
class SourceCounts:
    """Running totals for *who was quoted* and *gender of sources* (EVAL.md), summed over articles."""

    documents: int = 0
    people: list[int] = field(default_factory=lambda: [0, 0, 0])  # matched, predicted, gold
    female: list[int] = field(default_factory=lambda: [0, 0, 0])
    male: list[int] = field(default_factory=lambda: [0, 0, 0])
    pred_female: int = 0
    pred_gendered: int = 0
    gold_female: int = 0
    gold_gendered: int = 0


def match_names(gold: Sequence[str], pred: Sequence[str]) -> int:
    """How many names pair one-to-one by the strict rule (each gold name taken by the first free match)."""
    used: set[int] = set()
    hits = 0
    for gold_name in gold:
        for index, pred_name in enumerate(pred):
            if index not in used and names_match(gold_name, pred_name, lenient=False):
                used.add(index)
                hits += 1
                break
    return hits


def _quoted_people(pred_doc: Doc | None) -> list[tuple[str, str | None]]:
    """The distinct people a prediction quotes: (name, gender) of speakers of kind ``person`` it cites."""
    if not pred_doc:
        return []
    quoted_ids = {
        q["speaker"].get("id")
        for q in pred_doc.get("quotes", [])
        if isinstance(q.get("speaker"), Mapping) and q["speaker"].get("kind", "person") == "person"
    }
    people: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for speaker in pred_doc.get("speakers", []) or []:
        name = speaker.get("name")
        if speaker.get("kind", "person") != "person" or not name or speaker.get("id") not in quoted_ids:
            continue
        key = " ".join(sorted(name_words(name)))
        if key in seen:
            continue
        seen.add(key)
        people.append((str(name), speaker.get("gender")))
    return people


def _add(totals: list[int], gold: Sequence[str], pred: Sequence[str]) -> None:
    totals[0] += match_names(gold, pred)
    totals[1] += len(pred)
    totals[2] += len(gold)


def score_sources(gold_doc: Doc, pred_doc: Doc | None, counts: SourceCounts) -> None:
    """Add one article's quoted people and their gender, where the gold lists its sources."""
    meta = gold_doc.get("meta") or {}
    if "sourcesFemale" not in meta:
        return
    counts.documents += 1
    gold_female = list(meta.get("sourcesFemale") or [])
    gold_male = list(meta.get("sourcesMale") or [])
    gold_all = gold_female + gold_male + list(meta.get("sourcesUnknown") or [])
    people = _quoted_people(pred_doc)
    pred_female = [name for name, gender in people if gender == "female"]
    pred_male = [name for name, gender in people if gender == "male"]
    _add(counts.people, gold_all, [name for name, _ in people])
    _add(counts.female, gold_female, pred_female)
    _add(counts.male, gold_male, pred_male)
    counts.pred_female += len(pred_female)
    counts.pred_gendered += len(pred_female) + len(pred_male)
    counts.gold_female += len(gold_female)
    counts.gold_gendered += len(gold_female) + len(gold_male)


def sources_report(counts: SourceCounts) -> dict[str, Any]:
    """*Who was quoted* and *gender of sources*, as ``saidwhat eval --json`` prints them."""

    def share(female: int, gendered: int) -> float | None:
        return round(female / gendered, 4) if gendered else None

    return {
        "documents": counts.documents,
        "people": prf(*counts.people),
        "female": prf(*counts.female),
        "male": prf(*counts.male),
        "female_share": {
            "predicted": share(counts.pred_female, counts.pred_gendered),
            "gold": share(counts.gold_female, counts.gold_gendered),
        },
    }


def evaluate(
    gold_docs: Sequence[Doc],
    pred_docs: Mapping[str, Doc],
    types: Iterable[str] | None = None,
    *,
    pieces: bool = False,
) -> dict[str, Any]:
    """Score predictions against gold: one report for all types and one for ``types`` when given.

    ``pieces`` splits multi-span predictions first (the GGT protocol). Gold whose ``meta`` lists its
    sources also gets ``sources``: who was quoted and the gender of sources.
    """
    results: dict[str, Any] = {"documents": len(gold_docs)}
    type_sets: dict[str, frozenset[str] | None] = {"all": None}
    if types:
        wanted = frozenset(types)
        type_sets[",".join(sorted(wanted))] = wanted
    else:
        type_sets["direct,mixed"] = frozenset({"direct", "mixed"})
    for label, wanted_types in type_sets.items():
        counts = Counts()
        for gold_doc in gold_docs:
            score_document(gold_doc, pred_docs.get(str(gold_doc["id"])), counts, wanted_types, pieces=pieces)
        results[label] = report(counts)
    sources = SourceCounts()
    for gold_doc in gold_docs:
        score_sources(gold_doc, pred_docs.get(str(gold_doc["id"])), sources)
    if sources.documents:
        results["sources"] = sources_report(sources)
    return results
