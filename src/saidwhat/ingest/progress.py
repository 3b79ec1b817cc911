"""The ingest progress bar (bytes read, rate, ETA, running counts) and the closing summary."""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from saidwhat.store.writer import WriteCounts


def describe(counts: WriteCounts) -> str:
    """The progress bar's running counts, short enough for an 80-column terminal (articles already
    stored are counted in the closing summary)."""
    return f"{counts.articles:,} art · {counts.quotes:,} quotes · {counts.failures:,} failed"


class IngestProgress:
    """A rich progress bar over input bytes, with articles/s and counts in its description.

    Off (``enabled=False``) it does nothing, so the runner never asks whether to report.
    """

    def __init__(self, total_bytes: int | None, *, enabled: bool, console: Console | None = None) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._last = 0.0
        if enabled:
            # Fits 80 columns with room to spare: short counts, a short bar, bytes and the time left
            # (elapsed time and the rate are in the closing summary).
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(bar_width=10),
                DownloadColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(compact=True),
                console=console or Console(stderr=True),
                transient=False,
            )
            self._task = self._progress.add_task("ingest", total=total_bytes or None)

    def __enter__(self) -> IngestProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def update(self, done_bytes: int, counts: WriteCounts, *, force: bool = False) -> None:
        """Show progress; at most ten redraws a second."""
        if self._progress is None or self._task is None:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        description = describe(counts)
        self._progress.update(self._task, completed=done_bytes, description=description)
