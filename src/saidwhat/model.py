"""Plain data of saidwhat: what flows from an article to the store.

Every offset is a Python ``str`` index into the original article text. Objects are frozen so that a
stage can hand its result to the next one without fear of it being changed behind its back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

QuoteType = Literal["direct", "mixed", "indirect"]
QuoteKind = Literal["speech", "writing", "thought", "finding"]
QUOTE_KINDS: tuple[str, ...] = ("speech", "writing", "thought", "finding")
SpeakerKind = Literal["person", "organisation", "unknown"]
QUOTE_TYPES: tuple[str, ...] = ("direct", "mixed", "indirect")
SPEAKER_KINDS: tuple[str, ...] = ("person", "organisation", "unknown")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end}): need 0 <= start <= end")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def to_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from any source, before extraction."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    source: str | None = None
    byline: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """Words in the text: a speaker mention or a cue."""

    text: str
    start: int
    end: int

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Speaker:
    """One identity within an article: all the ways the article refers to one source."""

    id: str
    name: str
    kind: SpeakerKind = "unknown"
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    gender: str | None = None  # "female", "male" or None (saidwhat.extraction.speakers.gender)
    gender_evidence: str | None = None  # what decided it: "pronoun", "honorific", "role", "name", "conflict"
    gender_counts: tuple[tuple[str, int, int], ...] = ()  # (evidence kind, female, male), for stores

    def __post_init__(self) -> None:
        if self.kind not in SPEAKER_KINDS:
            raise ValueError(f"bad speaker kind {self.kind!r}: allowed are {', '.join(SPEAKER_KINDS)}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "titles": list(self.titles),
            "gender": self.gender,
            "gender_evidence": self.gender_evidence,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """A piece of reported content with its cue and, where found, its speaker."""

    spans: tuple[Span, ...]
    text: str
    type: QuoteType
    speaker: Speaker | None = None
    mention: Mention | None = None
    cue: Mention | None = None
    confidence: float = 0.0
    kind: QuoteKind = "speech"  # what sort of report: speech, writing, thought or finding
    # how the mention was linked to the speaker: the rule and the words it went through
    how: str | None = None

    def __post_init__(self) -> None:
        if not self.spans:
            raise ValueError("a quote needs at least one span")
        if self.type not in QUOTE_TYPES:
            raise ValueError(f"bad quote type {self.type!r}: allowed are {', '.join(QUOTE_TYPES)}")
        if self.kind not in QUOTE_KINDS:
            raise ValueError(f"bad quote kind {self.kind!r}: allowed are {', '.join(QUOTE_KINDS)}")

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end

    def to_dict(self) -> dict[str, Any]:
        speaker: dict[str, Any] | None = None
        if self.speaker is not None:
            speaker = {"id": self.speaker.id, "name": self.speaker.name, "kind": self.speaker.kind}
            if self.mention is not None:
                speaker.update(mention=self.mention.text, start=self.mention.start, end=self.mention.end)
            else:
                speaker.update(mention=None, start=None, end=None)
            speaker["how"] = self.how
        return {
            "start": self.start,
            "end": self.end,
            "spans": [s.to_list() for s in self.spans],
            "text": self.text,
            "type": self.type,
            "kind": self.kind,
            "speaker": speaker,
            "cue": self.cue.to_dict() if self.cue else None,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything saidwhat found in one article."""

    article: Article
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()

    def __repr__(self) -> str:
        """Short: an article's text and quotes would fill the screen (``render`` shows them)."""
        from saidwhat.notebook import summary

        return summary(self)

    def _repr_html_(self) -> str:
        """How Jupyter shows an Extraction: as the web app's article page (``saidwhat.render``)."""
        from saidwhat.notebook import render

        return render(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.article.id,
            "quotes": [q.to_dict() for q in self.quotes],
            "speakers": [s.to_dict() for s in self.speakers],
        }


@dataclass(frozen=True, slots=True)
class Failure:
    """An article that could not be processed, and why; batch runs record these and go on."""

    article_id: str
    stage: str
    reason: str
    source: str | None = field(default=None)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.article_id, "stage": self.stage, "reason": self.reason, "source": self.source}


def spans_text(text: str, spans: Sequence[Span]) -> str:
    """The text a quote's spans cover, pieces joined by an ellipsis marker."""
    return " … ".join(text[s.start : s.end] for s in spans)
