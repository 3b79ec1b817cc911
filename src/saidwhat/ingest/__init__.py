"""Reading a corpus into Articles and storing who-said-what from it.

Readers (``text``, ``html``, ``records``, ``warc``, ``urls``) turn inputs into a stream of
``Article`` (or ``Failure`` for what cannot be read); ``sources.read_inputs`` picks the reader for
each input; ``runner.ingest`` extracts with one model per worker and writes with one writer.

The names below are imported on first use: ``extract`` reads an HTML page with ``ingest.files`` and
must not load the runner, the store writer and what they import (the families' datasketch, rich).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from saidwhat.ingest.options import FieldMap, IngestOptions
    from saidwhat.ingest.runner import IngestSummary, ingest

__all__ = ["FieldMap", "IngestOptions", "IngestSummary", "ingest"]

_HOMES = {
    "FieldMap": "saidwhat.ingest.options",
    "IngestOptions": "saidwhat.ingest.options",
    "IngestSummary": "saidwhat.ingest.runner",
    "ingest": "saidwhat.ingest.runner",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'saidwhat.ingest' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
