"""Quotes that belong together: halves of an interrupted quote, and quotes that continue a speaker."""

from __future__ import annotations

import bisect
from dataclasses import replace

from saidwhat.extraction.confidence import CONTINUATION_BONUS, CONTINUATION_CAP
from saidwhat.extraction.handoff import Candidate
from saidwhat.model import Span

CONTINUATION_SENTENCES = 3  # how far back a cue-less quote may look for its speaker
MAX_ASIDES = 2  # participle clauses of a cue that may stand between the halves of its quote


def join_interrupted(text: str, candidates: list[Candidate], sentence_starts: list[int]) -> list[Candidate]:
    """“A,” he said. “B.”: a cue-less quote in the attribution's sentence or the next one continues it."""
    joined: list[Candidate] = []
    for candidate in candidates:
        at = _anchor(joined, candidate) if candidate.attribution is None else None
        if at is None and joined:
            at = len(joined) - 1
        previous = joined[at] if at is not None else None
        if (
            previous is not None
            and candidate.attribution in (None, previous.attribution)
            and previous.attribution is not None
            and previous.type in {"direct", "mixed"}
            and candidate.type == "direct"
            and previous.attribution.cue_start > previous.end
            and candidate.start >= previous.end
            and previous.attribution.cue_end <= candidate.start
            and (
                (
                    "\n" not in text[previous.end : candidate.start]
                    and bisect.bisect_right(sentence_starts, candidate.start)
                    - bisect.bisect_right(sentence_starts, previous.attribution.cue_start)
                    <= 1
                )
                or _next_paragraph(text, previous, candidate)
            )
        ):
            assert at is not None
            joined[at] = replace(
                previous, spans=previous.spans + candidate.spans, quoted=previous.quoted + candidate.quoted
            )
            continue
        if (
            previous is not None
            and previous.attribution is None
            and candidate.attribution is not None
            and previous.type == candidate.type == "direct"
            and candidate.attribution.speaker is not None
            and previous.end < candidate.attribution.speaker.start < candidate.start
            and previous.end < candidate.attribution.cue_start < candidate.start
            and "\n" not in text[previous.end : candidate.start]
        ):
            # “A,” he said, “B.” where the parser gave the cue to B: A is the quote's first part.
            joined[-1] = replace(
                candidate, spans=previous.spans + candidate.spans, quoted=previous.quoted + candidate.quoted
            )
            continue
        joined.append(candidate)
    return joined


def _next_paragraph(text: str, previous: Candidate, candidate: Candidate) -> bool:
    """“A,” he said.¶“B.”: a paragraph that is one cue-less quotation goes on with the one before it."""
    assert previous.attribution is not None
    gap = text[previous.attribution.cue_end : candidate.start]
    if gap.count("\n") == 0 or "\n" in text[previous.end : previous.attribution.cue_end]:
        return False
    first, _, rest = gap.partition("\n")
    if any(c in first for c in '“"‘'):
        return False
    line_end = text.find("\n", candidate.end)
    tail = text[candidate.end : line_end if line_end >= 0 else len(text)]
    return not rest.strip(" \n\t“\"'‘") and not any(c.isalnum() for c in tail)


def _anchor(joined: list[Candidate], candidate: Candidate) -> int | None:
    """Where in ``joined`` the direct quote stands that a cue-less quote may continue across the cue's
    own participle clause: “A,” said Caddell, speaking of her health. “B.”"""
    for k in range(len(joined) - 1, max(len(joined) - 2 - MAX_ASIDES, -1), -1):
        earlier = joined[k]
        attribution = earlier.attribution
        if attribution is None:
            return None
        if earlier.type == "direct":
            asides = joined[k + 1 :]
            if asides and all(
                c.attribution is not None
                and c.attribution.cue_head == attribution.cue_start
                and c.start > earlier.end
                for c in asides
            ):
                return k
            return None
    return None


def link_continuations(candidates: list[Candidate], sentence_starts: list[int]) -> list[Candidate]:
    """A quote with no cue of its own belongs to the speaker of the quote just before it, if close."""
    linked: list[Candidate] = []
    last: Candidate | None = None
    for candidate in candidates:
        attribution = candidate.attribution
        speakerless = attribution is None or (attribution.speaker is None and attribution.kind != "passive")
        if speakerless and last is not None:
            here = bisect.bisect_right(sentence_starts, candidate.start)
            there = bisect.bisect_right(sentence_starts, last.end)
            if here - there <= CONTINUATION_SENTENCES:
                confidence = min(candidate.confidence + CONTINUATION_BONUS, CONTINUATION_CAP)
                candidate = replace(candidate, continuation_of=last, confidence=confidence)
        if (
            candidate.attribution is not None and candidate.attribution.speaker is not None
        ) or candidate.continuation_of is not None:
            last = candidate
        linked.append(candidate)
    return linked


def speaker_mention(candidate: Candidate) -> Span | None:
    """The characters of the words that name a candidate's speaker: at its own cue, or at the cue of
    the quote it continues."""
    seen = 0
    current: Candidate | None = candidate
    while current is not None and seen < 20:
        if current.attribution is not None and current.attribution.speaker is not None:
            return current.attribution.speaker
        current = current.continuation_of
        seen += 1
    return None
