"""Every knob of an ingest in one place, each with its default and a line of why."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from saidwhat.formats import FORMATS, FieldMap
from saidwhat.settings import Settings

__all__ = ["DEFAULT_USER_AGENT", "FORMATS", "FetchOptions", "FieldMap", "IngestOptions"]

INGEST_BATCH_SIZE = 8
DEFAULT_USER_AGENT = "saidwhat/0.1 (who-said-what research crawler; polite, honours robots.txt)"


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How URL lists are fetched: few requests at a time, bounded waits, a few retries, a named agent."""

    concurrency: int = 4  # requests in flight over all hosts
    per_host: int = 2  # requests in flight to one host
    timeout: float = 20.0  # seconds for connect, read and write each
    # Seconds one URL may take in all (robots.txt, every attempt, the whole body): a server that drips a
    # byte a second never trips the per-read timeout, and would hold the run as long as it liked.
    deadline: float = 60.0
    retries: int = 2  # extra attempts on timeouts, connection errors, 429 and 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    user_agent: str = DEFAULT_USER_AGENT
    robots: bool = True  # skip URLs that the site's robots.txt disallows for our agent


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """What to read and how to process it."""

    format: str = "auto"  # one of FORMATS; auto goes by file extension and a sniff of .txt files
    fields: FieldMap = field(default_factory=FieldMap)
    fetch: FetchOptions = field(default_factory=FetchOptions)
    max_bytes: int = 8_000_000  # one article (file, record, page) larger than this is a failure
    workers: int = 1  # extraction processes; each loads its own model
    # How to extract (model, scope, name gender, time budget). Its batch size is also the articles per batch
    # sent to a worker, and ingest's is smaller than extract's: small enough that workers finish together
    # (with 16, PolNeAR dev's 84 articles made 6 batches, and one of two workers idled while the other
    # parsed the last; the parse is as fast with 4 to 16 articles a batch).
    settings: Settings = field(default_factory=lambda: Settings(batch_size=INGEST_BATCH_SIZE))
    source: str | None = None  # the outlet of every article (a JSONL/CSV source field still wins)
    date: str | None = None  # YYYY-MM-DD of every article (a JSONL/CSV date field still wins)
    year: int | None = None  # the year of a .txt dateline or date line that gives none ("Oct. 14 —")

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"bad format {self.format!r}: allowed are {', '.join(FORMATS)}")
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.date is not None:
            date.fromisoformat(self.date)  # ValueError for anything but YYYY-MM-DD
        if self.fetch.deadline <= 0 or self.fetch.timeout <= 0:
            raise ValueError("fetch timeout and deadline must be positive")
