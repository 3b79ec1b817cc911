"""Reading a corpus into Articles and storing who-said-what from it.

Readers (``text``, ``html``, ``records``, ``warc``, ``urls``) turn inputs into a stream of
``Article`` (or ``Failure`` for what cannot be read); ``sources.read_inputs`` picks the reader for
each input; ``runner.ingest`` extracts with one model per worker and writes with one writer.
"""

from saidwhat.ingest.options import FieldMap, IngestOptions
from saidwhat.ingest.runner import IngestSummary, ingest

__all__ = ["FieldMap", "IngestOptions", "IngestSummary", "ingest"]
