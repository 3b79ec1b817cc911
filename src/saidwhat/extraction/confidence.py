"""Every confidence constant of extraction, and how a quote's confidence is made from them.

A quote's confidence starts at what its pairing rule is worth (``Candidate.confidence``), is averaged
with the cue model's probability for verb cues, scaled down for indirect reports and for quotes without
a speaker, and multiplied by how sure the speaker resolution is (``SPEAKER_*``). Chosen on PolNeAR dev.
"""

from __future__ import annotations

# -- what a pairing rule is worth (candidates.pairing, cues.special) --------------------------------------------
DIRECT = 0.9  # a quotation that is a cue's whole content, or stands next to a content-less cue
MIXED = 0.85  # a content clause that holds quoted parts
INDIRECT = 0.75  # a content clause without marks
NOT_SPEECH_VERB = 0.15  # taken off a clause whose verb cue is not a verb of speech ("believes")
MIXED_NEXT_TO_CUE = 0.8  # words between the cue and the marks ("called Trump a “liar”")
UNCUED = 0.5  # a quotation with no cue at all
NOT_SPEECH = 0.2  # a quotation judged not speech, kept on request (--keep-not-speech)
SPEAKER_LABEL = 0.8  # "WALLACE: ..."
DASH_CREDIT = 0.8  # “...” ― Name
COLON = 0.6  # "The reply was blunt: “...”"
HEADLINE = 0.6  # "Senator Reed: Tariffs Will Hurt Farmers"

# -- joining --------------------------------------------------------------------------------------
CONTINUATION_BONUS = 0.1  # a cue-less quote that continues the speaker just before it
CONTINUATION_CAP = 0.7  # ... is never surer than this

# -- speaker resolution (speakers): how the mention at the cue was resolved --------------------------
SPEAKER_NAME = 1.0  # the mention holds a name of the article
SPEAKER_PROPER = 0.95  # a proper noun, matched to a known name or a new one
SPEAKER_PRONOUN = 0.85  # a pronoun, to its antecedent
SPEAKER_DESCRIPTION = 0.85  # a description that a title of the article matches ("the president")
SPEAKER_REFERENCE = 0.7  # a reference to an earlier mention, or an unresolved description
SPEAKER_SALIENT = 0.6  # a definite description no title matches: the most salient person before it
SPEAKER_DEFAULT = 0.7  # a mention resolution did not grade
SPEAKER_UNRESOLVED = 0.4  # a pronoun nobody before it fits: kept as the speaker, its name unknown

# -- the quote ------------------------------------------------------------------------------------
# An indirect report is right less often than a quotation, whatever its cue: its confidence is scaled
# by this so that it ranks below quotations of like cues (chosen on PolNeAR dev, ROC AUC 0.674 -> 0.705).
INDIRECT_SHARE = 0.7
NO_SPEAKER_SHARE = 0.5  # a quote whose speaker nobody can find
# A content of a few words is more often a fragment the parse cut wrong ("they are", "could save money")
# than a statement: right 72% of the time on PolNeAR dev against 82% for longer ones.
SHORT_CONTENT_WORDS = 5
SHORT_CONTENT_SHARE = 0.7
# "said", "told", "according to" report a statement nearly every time they report anything; rarer verbs
# (signalled, ordered, cited) as often report an act. Indirect reports by a plain verb of saying rank
# above the rest (PolNeAR dev ROC AUC 0.705 -> 0.739 with the short-content share, GGT dev 0.78 -> 0.83).
PLAIN_SAYING_BONUS = 1.25
# An organisation's indirect report is more often the paraphrase of an act or a document ("the city
# signalled", "Ottawa suggested") than a person's: right 50% of the time on GGT dev against 86% for
# people (PolNeAR dev: 75% against 76%).
ORGANISATION_INDIRECT_SHARE = 0.85
FLOOR, CEILING = 0.01, 0.99


def quote_confidence(
    base: float,
    *,
    cue_probability: float | None,
    indirect: bool,
    speaker_found: bool,
    speaker_confidence: float | None,
    words: int = SHORT_CONTENT_WORDS,
    plain_saying: bool = False,
    organisation: bool = False,
) -> float:
    """A quote's confidence: ``base`` from its pairing rule, ``cue_probability`` for a verb cue,
    ``speaker_confidence`` when a mention at the cue was resolved, the ``words`` of its content, whether
    its cue is a plain verb of saying and whether its speaker is an organisation."""
    confidence = base
    if cue_probability is not None:
        confidence = (confidence + cue_probability) / 2  # how sure the cue model is of this cue
    if indirect:
        confidence *= INDIRECT_SHARE * (PLAIN_SAYING_BONUS if plain_saying else 1.0)
        confidence *= ORGANISATION_INDIRECT_SHARE if organisation else 1.0
    if words < SHORT_CONTENT_WORDS:
        confidence *= SHORT_CONTENT_SHARE
    if not speaker_found:
        confidence *= NO_SPEAKER_SHARE
    elif speaker_confidence is not None:
        confidence *= speaker_confidence
    return max(FLOOR, min(confidence, CEILING))
