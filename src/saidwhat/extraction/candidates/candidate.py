"""The hand-off from pairing to joining and speakers: a quote whose speaker is not resolved yet."""

from __future__ import annotations

from dataclasses import dataclass

from saidwhat.extraction.cues.reporting import Attribution
from saidwhat.extraction.quotes.marks import Quoted
from saidwhat.model import QuoteType


@dataclass(frozen=True, slots=True, eq=False)
class Candidate:
    """A proposed quote: its content ranges, the marks inside it and where its speaker comes from.

    Frozen: a stage that changes one (joining halves, linking a continuation) makes a new one.
    """

    spans: tuple[tuple[int, int], ...]
    type: QuoteType
    attribution: Attribution | None
    confidence: float  # what its pairing rule is worth (``confidence``)
    continuation_of: Candidate | None = None  # the quote whose speaker a cue-less quote continues
    quoted: tuple[Quoted, ...] = ()

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]
