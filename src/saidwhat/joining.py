"""Quotes that belong together: halves of an interrupted quote, and quotes that continue a speaker."""

from __future__ import annotations

import bisect

from spacy.tokens import Span

from saidwhat.candidates import Candidate

CONTINUATION_SENTENCES = 3  # how far back a cue-less quote may look for its speaker


def join_interrupted(text: str, candidates: list[Candidate], sentence_starts: list[int]) -> list[Candidate]:
    """“A,” he said. “B.”: a cue-less quote in the attribution's sentence or the next one continues it."""
    joined: list[Candidate] = []
    for candidate in candidates:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and candidate.attribution in (None, previous.attribution)
            and previous.attribution is not None
            and previous.type == "direct"
            and candidate.type == "direct"
            and previous.attribution.cue_start > previous.end
            and candidate.start >= previous.end
            and "\n" not in text[previous.end : candidate.start]
            and bisect.bisect_right(sentence_starts, candidate.start)
            - bisect.bisect_right(sentence_starts, previous.attribution.cue_start)
            <= 1
            and previous.attribution.cue_end <= candidate.start
        ):
            previous.spans.extend(candidate.spans)
            previous.quoted.extend(candidate.quoted)
            continue
        if (
            previous is not None
            and previous.attribution is None
            and candidate.attribution is not None
            and previous.type == candidate.type == "direct"
            and candidate.attribution.speaker is not None
            and previous.end < candidate.attribution.speaker.start_char < candidate.start
            and previous.end < candidate.attribution.cue_start < candidate.start
            and "\n" not in text[previous.end : candidate.start]
        ):
            # “A,” he said, “B.” where the parser gave the cue to B: A is the quote's first part.
            candidate.spans[:0] = previous.spans
            candidate.quoted[:0] = previous.quoted
            joined[-1] = candidate
            continue
        joined.append(candidate)
    return joined


def link_continuations(candidates: list[Candidate], sentence_starts: list[int]) -> None:
    """A quote with no cue of its own belongs to the speaker of the quote just before it, if close."""
    last: Candidate | None = None
    for candidate in candidates:
        attribution = candidate.attribution
        speakerless = attribution is None or (attribution.speaker is None and attribution.kind != "passive")
        if speakerless and last is not None:
            here = bisect.bisect_right(sentence_starts, candidate.start)
            there = bisect.bisect_right(sentence_starts, last.end)
            if here - there <= CONTINUATION_SENTENCES:
                candidate.continuation_of = last
                candidate.confidence = min(candidate.confidence + 0.1, 0.7)
        if (
            candidate.attribution is not None and candidate.attribution.speaker is not None
        ) or candidate.continuation_of is not None:
            last = candidate


def speaker_mention(candidate: Candidate) -> Span | None:
    seen = 0
    current: Candidate | None = candidate
    while current is not None and seen < 20:
        if current.attribution is not None and current.attribution.speaker is not None:
            return current.attribution.speaker
        current = current.continuation_of
        seen += 1
    return None
