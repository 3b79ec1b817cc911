"""Each extraction stage on its own, with hand-built sentences: what it hands the next stage.

The end-to-end tables (test_extraction, test_precision_rules, test_speaker_rules) say what comes out;
these say which stage made it, so a change in one stage shows where it is.
"""

from __future__ import annotations

import pytest

from saidwhat import Extractor
from saidwhat.extraction.candidates.joining import join_interrupted, link_continuations, speaker_mention
from saidwhat.extraction.candidates.pairing import pair
from saidwhat.extraction.confidence import (
    CONTINUATION_BONUS,
    CONTINUATION_CAP,
    INDIRECT_SHARE,
    NO_SPEAKER_SHARE,
    UNCUED,
    quote_confidence,
)
from saidwhat.extraction.cues.cue_model import passive_voice
from saidwhat.extraction.cues.reporting import find_attributions
from saidwhat.extraction.handoff import Candidate
from saidwhat.extraction.quotes.marks import find_quoted
from saidwhat.extraction.quotes.not_speech import covers, is_title, not_speech, word_list
from saidwhat.extraction.report.kinds import report_kind
from saidwhat.model import Span


def _marks(text: str) -> list[tuple[str, int | None]]:
    return [(text[q.start : q.end], q.close_at) for q in sorted(find_quoted(text), key=lambda q: q.start)]


# -- marks ---------------------------------------------------------------------------------------


def test_marks_pairs_curly_and_straight_quotes_and_skips_apostrophes():
    text = '“We’re ready,” she said. He called it "a mess" and didn\'t say more.'
    assert [t for t, _ in _marks(text)] == ["We’re ready", "a mess"]  # content, not its final comma


def test_marks_unclosed_mark_ends_with_its_paragraph():
    text = "“It is not over, she said.\n\nThe next paragraph."
    ((content, close),) = _marks(text)
    assert close is None and "\n" not in content


# -- cues ----------------------------------------------------------------------------------------


def test_cues_verb_with_that_clause_names_speaker_and_content(extractor: Extractor):
    text = "The mayor said that the bridge would reopen on Monday."
    doc = extractor.nlp(text)
    (cue,) = [a for a in find_attributions(doc) if a.kind == "verb"]
    assert text[cue.cue_start : cue.cue_end] == "said"
    assert cue.speaker is not None and text[cue.speaker.start : cue.speaker.end] == "The mayor"
    assert [text[c.start : c.end] for c in cue.content] == ["the bridge would reopen on Monday"]


@pytest.mark.parametrize(
    ("text", "verb", "voice"),
    [
        ("Kim was asked whether the talks would resume.", "asked", "marked"),
        ("Asked about the talks, the minister said they would resume.", "Asked", "reduced"),
        ("The minister has said and written that the talks would resume.", "written", "bare"),
        ("The minister said that the talks would resume.", "said", None),
    ],
)
def test_cues_passive_voice_is_decided_once(extractor: Extractor, text: str, verb: str, voice: str | None):
    token = next(t for t in extractor.nlp(text) if t.text == verb)
    assert passive_voice(token) == voice


def test_cues_a_bare_participle_keeps_its_subject_as_speaker(extractor: Extractor):
    text = "The minister has said and written that the talks would resume."
    doc = extractor.nlp(text)
    written = next(
        a for a in find_attributions(doc, threshold=0.0) if text[a.cue_start : a.cue_end] == "written"
    )
    assert written.kind != "passive"


def test_cues_according_to_is_a_cue(extractor: Extractor):
    text = "According to the agency, prices rose by four percent."
    kinds = {a.kind for a in find_attributions(extractor.nlp(text))}
    assert "according" in kinds


# -- not speech ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [("Joint Agreement Signing Ceremony", True), ("The Art of the Deal", True), ("we will win", False)],
)
def test_not_speech_titles_are_capitalised_throughout(text: str, title: bool):
    assert is_title(text) is title


def test_not_speech_word_list_drops_punctuation_only_words():
    assert word_list("“ well , then — yes ”") == ["well", "then", "yes"]


def test_not_speech_short_uncued_quote_is_a_scare_quote(extractor: Extractor):
    text = "The so-called “reform” passed on Tuesday."
    doc = extractor.nlp(text)
    (q,) = find_quoted(text)
    assert not_speech(doc, q)


def test_not_speech_covers_needs_most_of_the_clause():
    text = "she said “we will stay here”"
    (q,) = find_quoted(text)
    assert covers(text, (q.start, q.end), q)
    assert not covers(text, (0, len(text)), q)


# -- pairing -------------------------------------------------------------------------------------


def _pair(extractor: Extractor, text: str) -> list[Candidate]:
    doc = extractor.nlp(text)
    quoted = sorted(find_quoted(text), key=lambda q: q.start)
    return pair(doc, quoted, find_attributions(doc), keep_not_speech=False)


def test_pairing_types_direct_mixed_and_indirect(extractor: Extractor):
    text = (
        "“We will not move,” said Ana Ruiz. "
        "Tom Baker said the plan was “a disaster for the town”. "
        "Lena Moss said the council would vote again in June."
    )
    found = [(c.type, text[c.start : c.end]) for c in _pair(extractor, text)]
    assert found == [
        ("direct", "We will not move"),
        ("mixed", "the plan was “a disaster for the town”"),
        ("indirect", "the council would vote again in June"),
    ]


def test_pairing_returns_frozen_candidates_in_text_order(extractor: Extractor):
    text = "“First,” she said. Later he said the second thing was true."
    candidates = _pair(extractor, text)
    assert [c.start for c in candidates] == sorted(c.start for c in candidates)
    with pytest.raises(AttributeError):
        candidates[0].confidence = 1.0  # type: ignore[misc]


def test_pairing_drops_uncued_scare_quotes(extractor: Extractor):
    text = "The so-called “reform” passed on Tuesday."
    (q,) = find_quoted(text)
    assert (q.start, q.end) == (text.index("reform"), text.index("reform") + len("reform"))
    assert [c for c in _pair(extractor, text) if c.quoted or Span(q.start, q.end) in c.spans] == []


# -- joining -------------------------------------------------------------------------------------


def test_joining_interrupted_quote_becomes_one_candidate_of_two_spans(extractor: Extractor):
    text = "“We are ready,” said coach Lena Moss, “and we will win.”"
    doc = extractor.nlp(text)
    joined = join_interrupted(text, _pair(extractor, text), [s.start_char for s in doc.sents])
    assert [[text[s.start : s.end] for s in c.spans] for c in joined] == [
        ["We are ready", "and we will win."]
    ]


def test_joining_continuation_links_to_the_last_speaker_and_gains_confidence(extractor: Extractor):
    text = "“We are ready,” said coach Lena Moss.\n\nThe river rose. “The water keeps rising, and nobody knows why.”"
    doc = extractor.nlp(text)
    candidates = _pair(extractor, text)
    linked = link_continuations(candidates, [s.start_char for s in doc.sents])
    first, second = linked
    assert second is not candidates[1], "linking makes a new candidate"
    assert candidates[1].continuation_of is None and second.continuation_of is first
    assert second.confidence == min(candidates[1].confidence + CONTINUATION_BONUS, CONTINUATION_CAP)
    mention = speaker_mention(second)
    assert mention is not None and text[mention.start : mention.end] == "coach Lena Moss"


def test_joining_link_continuations_leaves_a_lone_uncued_quote_alone():
    lone = Candidate((Span(0, 10),), "direct", None, UNCUED)
    assert link_continuations([lone], [0]) == [lone]


# -- kinds and confidence ------------------------------------------------------------------------


def test_kinds_a_quote_without_cue_is_speech(extractor: Extractor):
    assert report_kind(extractor.nlp("Yes."), None) == "speech"


def test_confidence_indirect_without_speaker_is_scaled_twice():
    got = quote_confidence(
        0.8, cue_probability=None, indirect=True, speaker_found=False, speaker_confidence=None
    )
    assert got == pytest.approx(0.8 * INDIRECT_SHARE * NO_SPEAKER_SHARE)


def test_confidence_verb_cue_averages_with_the_cue_model_and_is_bounded():
    assert quote_confidence(
        0.9, cue_probability=0.5, indirect=False, speaker_found=True, speaker_confidence=1.0
    ) == (pytest.approx(0.7))
    assert (
        quote_confidence(
            5.0, cue_probability=None, indirect=False, speaker_found=True, speaker_confidence=None
        )
        == 0.99
    )
