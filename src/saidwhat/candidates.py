"""A quote being assembled, before its speaker is resolved."""

from __future__ import annotations

from dataclasses import dataclass, field

from saidwhat.attribution import Attribution
from saidwhat.model import QuoteType
from saidwhat.quotes import Quoted


@dataclass(slots=True)
class Candidate:
    """A quote being assembled: its content ranges, marks inside it and where its speaker comes from."""

    spans: list[tuple[int, int]]
    type: QuoteType
    attribution: Attribution | None
    confidence: float
    continuation_of: Candidate | None = None
    quoted: list[Quoted] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]
