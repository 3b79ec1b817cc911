"""Who said what on small hand-written articles: detection, types, cues, speakers and resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from saidwhat import Extraction, Extractor

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def harbour(extractor: Extractor) -> Extraction:
    return extractor.extract((FIXTURES / "harbour-strike.txt").read_text(encoding="utf-8"))


def who_said(result: Extraction, fragment: str) -> tuple[str | None, str]:
    quote = next(q for q in result.quotes if fragment in q.text)
    return (quote.speaker.name if quote.speaker else None, quote.type)


@pytest.mark.parametrize(
    ("fragment", "speaker", "quote_type"),
    [
        ("We have been patient", "Maria Delgado", "direct"),  # inverted: said Maria Delgado, the head of
        ("the union would keep picket lines", "Maria Delgado", "indirect"),  # surname
        ("the offer on the table", "Thomas Reed", "mixed"),  # appositive name after a role
        ("mortgages its future", "Thomas Reed", "mixed"),  # Mr. Reed
        ("We will not negotiate", "Thomas Reed", "direct"),  # he
        ("hurts every family", "Anita Kovac", "direct"),  # the minister, learned from the title
        ("members to vote on any new offer", "Maria Delgado", "indirect"),  # the union leader
        ("If it is a real offer", "Maria Delgado", "direct"),  # she
    ],
)
def test_extraction_harbour_who_said_what(harbour: Extraction, fragment: str, speaker: str, quote_type: str):
    assert who_said(harbour, fragment) == (speaker, quote_type)


def test_extraction_interrupted_quote_is_one_quote_with_two_spans(harbour: Extraction):
    quote = next(q for q in harbour.quotes if "We have been patient" in q.text)
    assert len(quote.spans) == 2
    assert "Nobody wanted this strike" in quote.text


def test_extraction_speakers_listed_once_with_titles_and_aliases(harbour: Extraction):
    speakers = {s.name: s for s in harbour.speakers}
    assert speakers["Anita Kovac"].kind == "person"
    assert "Transport Minister" in speakers["Anita Kovac"].titles
    assert "Delgado" in speakers["Maria Delgado"].aliases
    assert len({s.id for s in harbour.speakers}) == len(harbour.speakers)


def test_extraction_according_to_names_an_organisation(harbour: Extraction):
    quote = next(q for q in harbour.quotes if "$4 million" in q.text)
    assert quote.cue is not None and quote.cue.text.lower() == "according to"
    assert quote.speaker is not None and quote.speaker.kind == "organisation"


def test_extraction_offsets_point_into_the_text(harbour: Extraction):
    text = harbour.article.text
    for quote in harbour.quotes:
        assert all(text[s.start : s.end] for s in quote.spans)
        if quote.mention:
            assert text[quote.mention.start : quote.mention.end] == quote.mention.text
        if quote.cue:
            assert text[quote.cue.start : quote.cue.end] == quote.cue.text


@pytest.mark.parametrize(
    "text",
    [
        "The festival opens with a screening of “The Long Road Home” on Friday.",
        "The treaty commits both states to “lasting peace and friendship between our peoples forever.”",
        "The so-called “reform” left many workers worse off than before.",
    ],
)
def test_extraction_quoted_strings_that_are_not_speech_are_left_out(extractor: Extractor, text: str):
    assert extractor.extract(text).quotes == ()


def test_extraction_unknown_speaker_is_null_not_a_guess(extractor: Extractor):
    result = extractor.extract("“The water is rising faster than anyone expected.”")
    assert len(result.quotes) == 1
    assert result.quotes[0].speaker is None


def test_extraction_hanoi_acceptance(extractor: Extractor, shared: Path):
    """The article the project started from: every gold statement found, by the right person."""
    import json

    from saidwhat.evaluate import evaluate

    gold = [json.loads(line) for line in (shared / "fixtures/hanoi-summit.gold.jsonl").open(encoding="utf-8")]
    predictions = {d["id"]: extractor.extract(d["text"], article_id=d["id"]).to_dict() for d in gold}
    report = evaluate(gold, predictions)
    assert report["all"]["quote"]["recall"] == 1.0
    assert report["all"]["not_speech"]["output"] == 0
    assert report["direct,mixed"]["who_said_what_strict"]["f1"] == 1.0
