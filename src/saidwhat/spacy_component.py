"""saidwhat as a spaCy pipeline component: ``nlp.add_pipe("saidwhat")``.

Installing saidwhat registers the factory (the ``spacy_factories`` entry point), so any English
pipeline with a tagger and parser can run it. It stores what it finds in ``doc.user_data`` as plain
data (``saidwhat.plaindata``), which ``Doc.to_bytes``, ``DocBin(store_user_data=True)`` and
``nlp.pipe(..., n_process=2)`` carry, and shows it through getters:

- ``doc._.quotes``: one ``DocQuote`` per quote, with spaCy ``Span``s for its content (one per piece),
  cue and speaker mention, its type, kind, confidence and canonical speaker;
- ``doc._.speakers``: the article's speakers (``saidwhat.Speaker``);
- ``doc._.saidwhat``: the whole ``saidwhat.Extraction`` (for ``saidwhat.render`` and ``to_frame``).

Its settings (scope, name gender, keep not-speech) are the component's config, so a saved pipeline
keeps them. The work after the parse is the Extractor's own (``pipeline.from_doc``); the factory also
puts saidwhat's ``paragraph_sentences`` before the parser (a line break ends a sentence), as the
Extractor's pipeline has it. With the same model and components (no NER, as ``saidwhat.extract``
loads it: ``load_pipeline()``), the results are those of ``saidwhat.extract``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from saidwhat.extraction.text.loading import TEXT_KEY, open_model
from saidwhat.extraction.text.offsets import span_at
from saidwhat.extraction.text.sentences import SENTENCES_KEY
from saidwhat.model import Article, Extraction, Quote, Speaker
from saidwhat.pipeline import Settings, from_doc
from saidwhat.plaindata import extraction_data, extraction_from

DATA_KEY = "saidwhat.extraction"  # doc.user_data key of the plain results
ARTICLE_ID = "article"  # the id saidwhat.extract gives an article given as text
_DEFAULTS = Settings()


@dataclass(frozen=True, slots=True)
class DocQuote:
    """One quote as spaCy spans over the Doc, with the character-offset ``Quote`` it was made from."""

    content: tuple[DocSpan, ...]  # one span per piece: an interrupted quote has two
    cue: DocSpan | None
    mention: DocSpan | None  # the words naming the speaker
    type: str  # direct, mixed or indirect
    kind: str  # speech, writing, thought or finding
    confidence: float
    speaker: Speaker | None  # the article's canonical speaker (fullest name, aliases, gender)
    quote: Quote

    @property
    def text(self) -> str:
        return self.quote.text

    def __repr__(self) -> str:
        who = self.speaker.name if self.speaker else None
        return f"DocQuote({self.type}, {who!r}: {self.text[:60]!r})"


def _span(doc: Doc, start: int, end: int) -> DocSpan:
    """The tokens covering characters ``[start, end)``: quote marks and cues need not fall on token
    boundaries, so the span grows to whole tokens."""
    span = span_at(doc, start, end)
    return span if span is not None else doc[0:0]


def get_extraction(doc: Doc) -> Extraction | None:
    """``doc._.saidwhat``: None until the component has run on the Doc."""
    data = doc.user_data.get(DATA_KEY)
    if data is None:
        return None
    return extraction_from(data, Article(id=ARTICLE_ID, text=doc.text))


def get_quotes(doc: Doc) -> list[DocQuote]:
    """``doc._.quotes``: empty until the component has run."""
    extraction = get_extraction(doc)
    if extraction is None:
        return []
    return [
        DocQuote(
            content=tuple(_span(doc, s.start, s.end) for s in q.spans),
            cue=_span(doc, q.cue.start, q.cue.end) if q.cue else None,
            mention=_span(doc, q.mention.start, q.mention.end) if q.mention else None,
            type=q.type,
            kind=q.kind,
            confidence=q.confidence,
            speaker=q.speaker,
            quote=q,
        )
        for q in extraction.quotes
    ]


def get_speakers(doc: Doc) -> list[Speaker]:
    """``doc._.speakers``: empty until the component has run."""
    extraction = get_extraction(doc)
    return [] if extraction is None else list(extraction.speakers)


_EXTENSIONS = {"saidwhat": get_extraction, "quotes": get_quotes, "speakers": get_speakers}


def _register_extensions() -> None:
    """Add the ``doc._`` getters once; a name another library holds is an error, not overwritten."""
    for name, getter in _EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=getter)
        elif Doc.get_extension(name)[2] is not getter:
            raise ValueError(f"Doc extension {name!r} is already registered by another library")


class SaidWhat:
    """The pipeline component: runs saidwhat on each Doc and stores the result in its user data."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        extraction = from_doc(doc, Article(id=ARTICLE_ID, text=text), self.settings)
        if doc.user_data.get(TEXT_KEY) == text:  # only the stages' cache of doc.text: not worth storing
            del doc.user_data[TEXT_KEY]
        doc.user_data.pop(SENTENCES_KEY, None)  # the stages' sentence index: spans, which cannot be stored
        doc.user_data[DATA_KEY] = extraction_data(extraction)
        return doc


@Language.factory(
    "saidwhat",
    default_config={
        "scope": _DEFAULTS.scope,
        "name_gender": _DEFAULTS.name_gender,
        "keep_not_speech": _DEFAULTS.keep_not_speech,
    },
    requires=["token.tag", "token.pos", "token.dep", "token.lemma", "token.is_sent_start"],
    assigns=["doc._.saidwhat", "doc._.quotes", "doc._.speakers"],
)
def make_saidwhat(nlp: Language, name: str, scope: str, name_gender: bool, keep_not_speech: bool) -> SaidWhat:
    """Create the component (spaCy calls this for ``nlp.add_pipe("saidwhat", config={...})``)."""
    if "parser" not in nlp.pipe_names:
        raise ValueError(f"saidwhat needs a pipeline with a parser; this one has {nlp.pipe_names}")
    if "paragraph_sentences" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_sentences", before="parser")
    _register_extensions()
    settings = Settings(scope=scope, name_gender=name_gender, keep_not_speech=keep_not_speech)  # type: ignore[arg-type]
    return SaidWhat(settings)


def load_pipeline(model: str | None = None, **config: Any) -> Language:
    """A new copy of the spaCy pipeline ``saidwhat.extract`` parses with (``model``, or the default
    English model), with the saidwhat component at its end; ``config`` sets the component's settings
    (``scope``, ``name_gender``, ``keep_not_speech``)."""
    allowed = {"scope", "name_gender", "keep_not_speech"}
    unknown = sorted(set(config) - allowed)
    if unknown:
        raise TypeError(f"unknown saidwhat setting {unknown[0]!r}: allowed are {', '.join(sorted(allowed))}")
    nlp = open_model(model, cached_components=False)
    nlp.add_pipe("saidwhat", config=config)
    return nlp


_register_extensions()

__all__ = ["DATA_KEY", "DocQuote", "SaidWhat", "load_pipeline", "make_saidwhat"]
