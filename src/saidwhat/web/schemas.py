"""Pydantic shapes of the HTTP API: they validate input and write the OpenAPI description.

The extraction shapes follow the output contract of ../shared/EVAL.md field for field.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

QuoteTypeName = Literal["direct", "mixed", "indirect"]
QuoteKindName = Literal["speech", "writing", "thought", "finding"]
SpeakerKindName = Literal["person", "organisation", "unknown"]


class ErrorBody(BaseModel):
    """Every error the API returns: a machine-readable code, the status and a sentence for people."""

    error: str = Field(description="short code, e.g. not_found, invalid_parameters, too_large")
    status: int
    message: str
    details: list[dict[str, object]] = Field(default_factory=list)


class ExtractRequest(BaseModel):
    """An article to extract from: plain text or an HTML page (its main text is found first)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(default="article", max_length=200, description="echoed back as the result's id")
    text: str | None = Field(default=None, min_length=1, description="plain article text")
    html: str | None = Field(
        default=None, min_length=1, description="an HTML page; its main text is extracted"
    )

    @model_validator(mode="after")
    def _one_input(self) -> ExtractRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


class CueOut(BaseModel):
    text: str
    start: int
    end: int


class QuoteSpeakerOut(BaseModel):
    id: str
    name: str
    kind: SpeakerKindName
    mention: str | None
    start: int | None
    end: int | None


class QuoteOut(BaseModel):
    start: int
    end: int
    spans: list[list[int]]
    text: str
    type: QuoteTypeName
    kind: QuoteKindName = "speech"
    speaker: QuoteSpeakerOut | None
    cue: CueOut | None
    confidence: float


class SpeakerOut(BaseModel):
    id: str
    name: str
    kind: SpeakerKindName
    aliases: list[str]
    titles: list[str]


class ExtractResponse(BaseModel):
    """The EVAL.md contract, plus the text the offsets point into (for HTML input, the extracted text)."""

    id: str
    quotes: list[QuoteOut]
    speakers: list[SpeakerOut]
    text: str
    title: str | None = None
