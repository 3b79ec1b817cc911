"""Build one article's Extraction from its parsed Doc: the stages run in the order
``saidwhat.extraction`` lists (text, quotes, cues, candidates, speakers, report).

Doc -> ``Quoted`` and ``Attribution`` -> ``Candidate`` (paired, then joined and continued) -> each
mention resolved to a ``Speaker`` -> the guideline's quotes (scope) -> ``Quote`` with its kind and
confidence -> ``Extraction``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from saidwhat.extraction.candidates.joining import join_interrupted, link_continuations, speaker_mention
from saidwhat.extraction.candidates.pairing import pair
from saidwhat.extraction.confidence import quote_confidence
from saidwhat.extraction.cues.reporting import find_attributions
from saidwhat.extraction.handoff import Candidate
from saidwhat.extraction.quotes.marks import find_quoted
from saidwhat.extraction.report.kinds import report_kind
from saidwhat.extraction.report.scope import in_scope
from saidwhat.extraction.speakers import Resolved, SpeakerLinker
from saidwhat.extraction.text.loading import doc_text
from saidwhat.extraction.text.offsets import span_at
from saidwhat.lexicon import PLAIN_SAYING_VERBS
from saidwhat.model import Article, Extraction, Mention, Quote, Speaker, spans_text
from saidwhat.model import Span as CharSpan
from saidwhat.scopes import DEFAULT_SCOPE, Scope


def assemble(
    doc: Doc, article: Article, *, keep_not_speech: bool = False, scope: Scope = DEFAULT_SCOPE
) -> Extraction:
    """Everything saidwhat finds in one parsed article, under the chosen guideline (``scope``)."""
    text = doc_text(doc)
    quoted = sorted(find_quoted(text), key=lambda q: q.start)
    candidates = pair(doc, quoted, find_attributions(doc), keep_not_speech=keep_not_speech)
    sentence_starts = [s.start_char for s in doc.sents]
    candidates = join_interrupted(text, candidates, sentence_starts)
    candidates = link_continuations(candidates, sentence_starts)
    resolver = SpeakerLinker(doc)
    # The speaker stage reads the parse: each mention's characters back to its words.
    mentions = [_words(doc, speaker_mention(candidate)) for candidate in candidates]
    # Every candidate's speaker is resolved, in or out of scope: a person first named in a report the
    # guideline leaves out is still the "he" of the next one.
    resolved = [resolver.resolve(span) if span is not None else None for span in mentions]
    kept = [
        (candidate, span, found)
        for candidate, span, found in zip(candidates, mentions, resolved, strict=True)
        if in_scope(doc, candidate, scope)
    ]
    speakers = resolver.speakers({found.entity for _, _, found in kept if found is not None})
    quotes = tuple(
        _quote(doc, candidate, span, speakers[found.entity] if found else None, found)
        for candidate, span, found in kept
    )
    return Extraction(article=article, quotes=quotes, speakers=tuple(speakers.values()))


def _words(doc: Doc, mention: CharSpan | None) -> Span | None:
    return span_at(doc, mention.start, mention.end) if mention is not None else None


def _content_tokens(doc: Doc, candidate: Candidate) -> list[Token]:
    """The words of a candidate's content, over all its pieces."""
    pieces = (span_at(doc, s.start, s.end) for s in candidate.spans)
    return [token for piece in pieces if piece is not None for token in piece]


def _quote(
    doc: Doc, candidate: Candidate, mention_span: Span | None, speaker: Speaker | None, found: Resolved | None
) -> Quote:
    text = doc_text(doc)
    spans = candidate.spans
    attribution = candidate.attribution
    cue = (
        Mention(text[attribution.cue_start : attribution.cue_end], attribution.cue_start, attribution.cue_end)
        if (attribution is not None)
        else None
    )
    mention = None
    if speaker is not None and mention_span is not None:
        mention = Mention(mention_span.text, mention_span.start_char, mention_span.end_char)
    confidence = quote_confidence(
        candidate.confidence,
        cue_probability=attribution.probability
        if attribution is not None and attribution.kind == "verb"
        else None,
        indirect=candidate.type == "indirect",
        speaker_found=speaker is not None,
        speaker_confidence=found.confidence if found is not None and mention is not None else None,
        words=sum(1 for token in _content_tokens(doc, candidate) if not token.is_punct),
        plain_saying=attribution is not None
        and (attribution.kind == "according" or attribution.cue_lemma in PLAIN_SAYING_VERBS),
        organisation=speaker is not None and speaker.kind == "organisation",
    )
    return Quote(
        spans=spans,
        text=spans_text(text, spans),
        type=candidate.type,
        speaker=speaker,
        mention=mention,
        cue=cue,
        confidence=confidence,
        kind=report_kind(doc, attribution),
        how=found.how if found is not None and speaker is not None else None,
    )
