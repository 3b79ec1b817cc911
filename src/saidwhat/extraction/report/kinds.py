"""What sort of report a quote is: ``speech``, ``writing``, ``thought`` or ``finding`` (EVAL.md).

Decided from the cue and the source it names: "wrote", "tweeted" and "a statement said" are writing;
"believes", "hopes" and "is worried that" are thought; "a study found", "data show", "according
to the report" and "the agency estimated" are findings; everything else (said, told, added, according
to a person) is speech.
"""

from __future__ import annotations

from spacy.tokens import Span

from saidwhat.extraction.cues.reporting import Attribution
from saidwhat.lexicon import (
    FINDING_SOURCES,
    FINDING_VERBS,
    THOUGHT_VERBS,
    WRITING_NOUNS,
    WRITING_PREPOSITIONS,
    WRITING_VERBS,
)
from saidwhat.model import QuoteKind


def _source_word(speaker: Span | None) -> str | None:
    """The head word of a source mention, lower-cased: "the new study" -> "study"."""
    if speaker is None or not len(speaker):
        return None
    return speaker.root.lemma_.lower() if speaker.root.pos_ == "NOUN" else None


def _in_writing(attribution: Attribution) -> bool:
    """ "said in a statement", "wrote", "posted on Twitter that": the words were written."""
    cue = attribution.cue
    if cue.lemma_.lower() in WRITING_NOUNS and attribution.kind == "noun":
        return True
    return any(
        child.dep_ == "prep"
        and child.lower_ in WRITING_PREPOSITIONS
        and any(g.dep_ == "pobj" and g.lemma_.lower() in WRITING_NOUNS for g in child.children)
        for child in cue.children
    )


def report_kind(attribution: Attribution | None) -> QuoteKind:
    """The kind of report an attribution makes; quotes without a cue are speech."""
    if attribution is None or attribution.kind in {"label", "credit", "colon", "headline"}:
        return "speech"
    source = _source_word(attribution.speaker)
    if source in FINDING_SOURCES:
        return "finding"
    if source in WRITING_NOUNS:
        return "writing"
    lemma = attribution.cue.lemma_.lower()
    if lemma in FINDING_VERBS and attribution.kind == "verb":
        return "finding"
    if attribution.kind == "stance" or lemma in THOUGHT_VERBS:
        return "thought"
    if lemma in WRITING_VERBS or _in_writing(attribution):
        return "writing"
    return "speech"
