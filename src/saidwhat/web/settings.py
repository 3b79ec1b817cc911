"""Every knob of the web app in one place, each with a default chosen for a laptop on loopback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"  # loopback: the store is not published unless the user asks
DEFAULT_PORT = 8000


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Limits and paths for one app instance."""

    db_path: Path | None = None  # the SQLite store; None serves only extraction and the paste page
    max_body_bytes: int = 1_000_000  # request bodies over this answer 413 before any parsing
    max_extract_chars: int = 200_000  # article text over this answers 413 (longer than any news story)
    max_pending_extractions: int = 64  # live extractions allowed to wait; more answer 503 (try again)
    model: str | None = None  # spaCy pipeline for live extraction; None uses the project default
    # Seconds one live extraction may take; past it, a 422. Far below a batch's budget: a page waits on it.
    extract_time_budget: float | None = 5.0
    extract_process: bool = False  # live extraction in worker processes (saidwhat serve); else a thread
    # Worker processes for live extraction (extract_process): one slow article holds one, not all.
    extract_workers: int = 2
    header_timeout: float = 10.0  # seconds a connection may take to send its request line and headers
    body_timeout: float = 30.0  # seconds a request may take to send its body
    max_idle_per_client: int = 32  # connections of one address waiting for headers; the oldest goes first
    stalled_after: float = 1.0  # ... once it has waited this long (a burst of new clients is not stalled)
    max_connections: int = 1_000  # all connections; more are answered 503 and closed
    max_requests: int = 200  # requests being answered at once; more are answered 503
    query_threads: int = 8  # threads answering store queries and pages at once; more requests wait
    # Host headers answered (saidwhat.web.hosts); None answers any, as for in-process test clients.
    # ``saidwhat serve`` sets the bound address, localhost, 127.0.0.1, ::1 and each --allow-host.
    allowed_hosts: tuple[str, ...] | None = None
    # ``saidwhat serve --edit``: the token a correction must bring (saidwhat.web.editing); None: read-only.
    edit_token: str | None = None
