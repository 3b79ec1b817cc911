"""What sort of report a quote is: ``speech``, ``writing``, ``thought`` or ``finding`` (EVAL.md).

Decided from the cue and the source it names: "wrote", "tweeted" and "a statement said" are writing;
"believes", "hopes" and "is worried that" are thought; "a study found", "data show", "according
to the report" and "the agency estimated" are findings; everything else (said, told, added, according
to a person) is speech.
"""

from __future__ import annotations

from spacy.tokens import Doc

from saidwhat.extraction.handoff import Attribution
from saidwhat.extraction.text.offsets import span_at, token_at
from saidwhat.lexicon import (
    FINDING_SOURCES,
    FINDING_VERBS,
    THOUGHT_VERBS,
    WRITING_NOUNS,
    WRITING_PREPOSITIONS,
    WRITING_VERBS,
)
from saidwhat.model import QuoteKind, Span


def _source_word(doc: Doc, speaker: Span | None) -> str | None:
    """The head word of a source mention, lower-cased: "the new study" -> "study"."""
    words = span_at(doc, speaker.start, speaker.end) if speaker is not None else None
    if words is None or not len(words):
        return None
    return words.root.lemma_.lower() if words.root.pos_ == "NOUN" else None


def _in_writing(doc: Doc, attribution: Attribution) -> bool:
    """ "said in a statement", "wrote", "posted on Twitter that": the words were written."""
    if attribution.cue_lemma in WRITING_NOUNS and attribution.kind == "noun":
        return True
    cue = token_at(doc, attribution.cue_start)
    return any(
        child.dep_ == "prep"
        and child.lower_ in WRITING_PREPOSITIONS
        and any(g.dep_ == "pobj" and g.lemma_.lower() in WRITING_NOUNS for g in child.children)
        for child in cue.children
    )


def report_kind(doc: Doc, attribution: Attribution | None) -> QuoteKind:
    """The kind of report an attribution makes; quotes without a cue are speech."""
    if attribution is None or attribution.kind in {"label", "credit", "colon", "headline"}:
        return "speech"
    source = _source_word(doc, attribution.speaker)
    if source in FINDING_SOURCES:
        return "finding"
    if source in WRITING_NOUNS:
        return "writing"
    lemma = attribution.cue_lemma
    if lemma in FINDING_VERBS and attribution.kind == "verb":
        return "finding"
    if attribution.kind == "stance" or lemma in THOUGHT_VERBS:
        return "thought"
    if lemma in WRITING_VERBS or _in_writing(doc, attribution):
        return "writing"
    return "speech"
