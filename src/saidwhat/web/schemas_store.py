"""Pydantic shapes of the store-backed API; they mirror ``saidwhat.store.queries`` and feed OpenAPI."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from saidwhat.web.schemas import QuoteKindName, QuoteTypeName, SpeakerKindName


class StoredSpeakerRef(BaseModel):
    id: int
    name: str
    kind: SpeakerKindName


class Mark(BaseModel):
    text: str | None
    start: int
    end: int


HOW_HELP = (
    "why this speaker: the rule that linked the speaker mention and the words it went through, or"
    " 'corrected by a reader'; null when the quote has no speaker"
)


class StoredQuote(BaseModel):
    id: int
    text: str
    type: QuoteTypeName
    kind: QuoteKindName = "speech"
    start: int
    end: int
    spans: list[list[int]]
    confidence: float
    cue: str | None
    mention: str | None
    speaker: StoredSpeakerRef | None
    article_id: int
    article_ext_id: str
    article_title: str | None
    article_url: str | None
    article_date: str | None
    article_source: str | None
    how: str | None = Field(None, description=HOW_HELP)


class QuotePage(BaseModel):
    """One page of matching quotes; ``total`` counts every match."""

    items: list[StoredQuote]
    total: int
    page: int
    page_size: int
    pages: int


GenderName = Literal["female", "male"]
GENDER_HELP = "female, male or null (unknown): from the articles' evidence, or a reader's correction"
EVIDENCE_HELP = (
    "what decided the gender: pronoun, honorific, role or name; conflict when the evidence disagrees;"
    " corrected when a reader set it (saidwhat speakers set-gender)"
)


class SpeakerSummaryOut(BaseModel):
    id: int
    name: str
    kind: SpeakerKindName
    quotes: int
    articles: int
    gender: GenderName | None = Field(None, description=GENDER_HELP)
    gender_evidence: str | None = Field(None, description=EVIDENCE_HELP)
    gender_corrected: bool = Field(False, description="whether a reader corrected the gender")


class SpeakerList(BaseModel):
    items: list[SpeakerSummaryOut]
    page: int
    page_size: int
    has_more: bool


class NameCount(BaseModel):
    name: str
    count: int


class DayCount(BaseModel):
    date: str | None = Field(description="YYYY-MM-DD; null gathers quotes from undated articles")
    quotes: int


class GenderCount(BaseModel):
    """How often the articles gave one kind of evidence for each gender (all articles added up)."""

    evidence: str = Field(description="pronoun, honorific, role or name")
    female: int
    male: int


class GenderFound(BaseModel):
    gender: GenderName | None
    evidence: str | None


class SpeakerDetailOut(BaseModel):
    id: int
    name: str
    kind: SpeakerKindName
    quotes: int
    articles: int
    gender: GenderName | None = Field(description=GENDER_HELP)
    gender_evidence: str | None = Field(description=EVIDENCE_HELP)
    gender_corrected: bool = Field(description="whether a reader corrected the gender")
    gender_found: GenderFound = Field(
        description="what the articles' evidence alone decides, correction aside"
    )
    gender_counts: list[GenderCount]
    aliases: list[NameCount]
    titles: list[NameCount]
    per_day: list[DayCount]


class ArticleQuote(StoredQuote):
    """A quote inside its article, with where its speaker mention and cue are in the text."""

    mention_span: Mark | None
    cue_span: Mark | None


class ArticleOut(BaseModel):
    id: int
    ext_id: str
    title: str | None
    url: str | None
    date: str | None
    source: str | None
    byline: str | None
    text: str
    quotes: list[ArticleQuote]


class StatsOut(BaseModel):
    articles: int
    quotes: int
    speakers: int
    descriptions: int
    failures: int
    attributed_quotes: int
    schema_version: int
    per_day: list[DayCount]
    top_speakers: list[SpeakerSummaryOut]
