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


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "quote_type"),
    [
        # transcripts: the label names the speaker; no marks, so indirect by EVAL.md's definition
        (
            "WALLACE: Governor, do you think the debate was fair to your running mate?",
            "Governor, do you",
            "WALLACE",
            "indirect",
        ),
        # a quotation credited with a dash
        (
            "“The river has never been this low in my lifetime.” ― Edwin G. Monroy",
            "The river has never",
            "Edwin G. Monroy",
            "direct",
        ),
        # words between the cue and the marks make a mixed quote
        (
            "Senator Ruth Abara called the bill a “disgrace” and a “betrayal of farmers”.",
            "betrayal of farmers",
            "Ruth Abara",
            "mixed",
        ),
        # a dateline is not a speaker
        (
            "OSLO — Prime Minister Erna Vik said the fund would stay closed to new investors.",
            "the fund would stay closed",
            "Erna Vik",
            "indirect",
        ),
        # the cue reports a clause and, after its colon, a quotation
        (
            "Prices will rise again, Tomas Berg said: “Nobody in the industry expects relief before spring.”",
            "Nobody in the industry",
            "Tomas Berg",
            "direct",
        ),
    ],
)
def test_extraction_attribution_table(
    extractor: Extractor, text: str, fragment: str, speaker: str, quote_type: str
):
    assert who_said(extractor.extract(text), fragment) == (speaker, quote_type)


def test_extraction_passive_report_has_no_speaker(extractor: Extractor):
    # The report must be found (an empty result would pass any check on its quotes' speakers).
    result = extractor.extract("It was reported that the bridge would close on Friday.")
    assert [(q.text, q.cue.text if q.cue else None) for q in result.quotes] == [
        ("the bridge would close on Friday", "reported")
    ]
    assert result.quotes[0].speaker is None


def test_extraction_expectation_is_no_report(extractor: Extractor):
    result = extractor.extract(
        "The minister's veto is expected to come before the deadline at midnight on Friday."
    )
    assert result.quotes == ()


def test_extraction_continuation_keeps_speaker_with_lower_confidence(extractor: Extractor):
    result = extractor.extract(
        "“We are ready,” said coach Lena Moss.\n\n"
        "The river rose again overnight. “The water keeps rising, and nobody knows why.”"
    )
    cued, continued = result.quotes
    assert cued.speaker is not None and continued.speaker is not None
    assert continued.speaker.name == cued.speaker.name == "Lena Moss"
    assert continued.cue is None
    assert cued.confidence > continued.confidence


def test_extraction_quote_with_nobody_around_ranks_lowest(extractor: Extractor):
    result = extractor.extract(
        "“The water keeps rising, and nobody knows why.”\n\n“We are ready,” said coach Lena Moss."
    )
    unknown, named = result.quotes
    assert unknown.speaker is None and named.speaker is not None
    assert named.confidence > unknown.confidence


def test_extraction_role_without_title_goes_to_the_salient_person(extractor: Extractor):
    text = (
        "Interview: Helen Vasquez on wages.\n\n"
        "The finance minister spoke to us on Monday.\n\n"
        '"Worried is the wrong word," Ms. Vasquez said.\n\n'
        '"People who kept this country running deserve a raise," the minister said.'
    )
    quote = next(q for q in extractor.extract(text).quotes if "deserve a raise" in q.text)
    assert quote.speaker is not None and quote.speaker.name == "Helen Vasquez"
    assert quote.mention is not None and quote.mention.text == "the minister"


def test_extraction_coordinated_cue_ends_the_first_content(extractor: Extractor):
    text = (
        "The foreign ministry said it was firmly opposed to the test "
        "and warned the government to refrain from further launches."
    )
    quotes = {q.cue.text: q.text for q in extractor.extract(text).quotes if q.cue}
    assert quotes["said"] == "it was firmly opposed to the test"
    assert "refrain from further launches" in quotes["warned"]


def test_extraction_verb_reports_the_clause_after_it(extractor: Extractor):
    text = "While she admitted the strike has cost money, Mayor Lena Ortiz noted that the port would reopen."
    quotes = {q.cue.text: q.text for q in extractor.extract(text).quotes if q.cue}
    assert quotes["noted"] == "the port would reopen"


def test_extraction_prepositional_cue_keeps_its_preposition(extractor: Extractor):
    quote = extractor.extract("Senator Hal Moreno called for raising the minimum wage.").quotes[0]
    assert (quote.cue.text if quote.cue else None, quote.text) == ("called", "raising the minimum wage")


def test_extraction_determiner_that_stays_in_the_content(extractor: Extractor):
    quote = extractor.extract("Senator Ruth Abara said that claim was simply false.").quotes[0]
    assert quote.text == "that claim was simply false"


def test_extraction_stance_adjective_reports_its_clause(extractor: Extractor):
    quote = extractor.extract("Many farmers are worried that the drought will last into spring.").quotes[0]
    assert (quote.type, quote.text) == ("indirect", "the drought will last into spring")
    assert quote.speaker is not None and quote.speaker.name == "Many farmers"


def test_extraction_stance_inside_a_report_is_not_a_second_quote(extractor: Extractor):
    quotes = extractor.extract("Maria Delgado said she was glad the talks had resumed.").quotes
    assert [(q.cue.text if q.cue else None, q.text) for q in quotes] == [
        ("said", "she was glad the talks had resumed")
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The reply from the council was blunt: “We will not pay for this road.”", None),
        ("Governor Amy Hall: “We will not pay for this road.”", "Amy Hall"),
    ],
)
def test_extraction_colon_introduces_a_quote_and_is_its_cue(
    extractor: Extractor, text: str, speaker: str | None
):
    quote = extractor.extract(text).quotes[0]
    assert (quote.type, quote.cue.text if quote.cue else None) == ("direct", ":")
    assert (quote.speaker.name if quote.speaker else None) == speaker


@pytest.mark.parametrize(
    "text",
    [
        # the cue's own words between the halves
        "“The harbour will reopen,” Ana Ruiz told reporters on Monday, “but not before the spring.”",
        # a participle clause of the cue between them
        "“The harbour will reopen,” said Ana Ruiz, speaking of the storm damage. “But not before spring.”",
        # the second half is the next paragraph
        "“The harbour will reopen,” said Ana Ruiz.\n\n“But not before spring.”",
    ],
)
def test_extraction_interrupted_quote_halves_are_joined(extractor: Extractor, text: str):
    quote = next(q for q in extractor.extract(text).quotes if q.type == "direct")
    assert len(quote.spans) == 2
    assert quote.speaker is not None and quote.speaker.name == "Ana Ruiz"


def test_extraction_quote_after_a_mixed_quote_continues_it(extractor: Extractor):
    text = 'The summit accomplished "too little," Mayor Ana Ruiz added. "Without new money, the port risks a lot."'
    quotes = extractor.extract(text).quotes
    assert [(q.type, len(q.spans)) for q in quotes] == [("mixed", 2)]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("The plan would cost two billion dollars, according to port officials.", 1),
        ("According to port officials, the plan would cost two billion dollars.", 1),
        ("The plan, according to port officials, would cost two billion dollars.", 2),
    ],
)
def test_extraction_according_to_reports_the_rest_of_its_sentence(
    extractor: Extractor, text: str, parts: int
):
    quote = extractor.extract(text).quotes[0]
    assert len(quote.spans) == parts
    assert "plan" in quote.text.lower() and "billion dollars" in quote.text
    assert quote.speaker is not None and quote.speaker.name == "port officials"
