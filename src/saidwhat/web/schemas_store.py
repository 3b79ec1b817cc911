"""Pydantic shapes of the store-backed API where its JSON is not a store row as it is: pages (items with
their paging), quotes without the search-only fields, an article's quotes with their marks, a speaker
with their gender's evidence, and the counts with quotes per day. Rows that are returned as they are
(``SpeakerSummary``) are the store's own dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from saidwhat.store.queries import EVIDENCE_HELP, GENDER_HELP, ArticleDetail, QuoteHit, SpeakerSummary
from saidwhat.web.schemas import SpeakerKindName


@dataclass(frozen=True, slots=True)
class Mark:
    """Where a quote's speaker mention or cue is in its article's text."""

    text: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ArticleQuote(QuoteHit):
    """A quote inside its article, with where its speaker mention and cue are in the text."""

    mention_span: Mark | None = None
    cue_span: Mark | None = None


class QuotePage(BaseModel):
    """One page of matching quotes (the store's ``QuoteHit`` rows); ``total`` counts every match."""

    items: list[QuoteHit]
    total: int
    page: int
    page_size: int
    pages: int


GenderName = Literal["female", "male"]


class SpeakerList(BaseModel):
    """One page of speakers (the store's ``SpeakerSummary`` rows)."""

    items: list[SpeakerSummary]
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


@dataclass(frozen=True, slots=True)
class ArticleOut(ArticleDetail):
    """An article (the store's ``ArticleDetail``) whose quotes carry their speaker mention's and cue's place."""

    quotes: list[ArticleQuote]  # type: ignore[assignment]


class StatsOut(BaseModel):
    articles: int
    quotes: int
    speakers: int
    descriptions: int
    failures: int
    attributed_quotes: int
    schema_version: int
    per_day: list[DayCount]
    top_speakers: list[SpeakerSummary]
