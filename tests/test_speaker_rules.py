"""Speaker resolution on news from any outlet, one phenomenon a test, on sentences written for the test."""

from __future__ import annotations

import pytest

import saidwhat
from saidwhat.extraction.speakers.gazetteer import is_place, name_particles
from saidwhat.namewords import name_words

_EVERY_REPORT = saidwhat.Extractor(settings=saidwhat.Settings(scope="attributions"))


def speakers_of(text: str) -> list[str | None]:
    """The speaker name of every quote (every report, thoughts and findings included), in text order."""
    return [q.speaker.name if q.speaker else None for q in _EVERY_REPORT.extract(text).quotes]


def kinds_of(text: str) -> dict[str, str]:
    return {s.name: s.kind for s in saidwhat.extract(text).speakers}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will build it,” said Manitoba Liberal MP Dana Whitcombe.", "Dana Whitcombe"),
        ("“The vote is close,” said Sen. Paul Ortega, D-Conn.", "Paul Ortega"),
        ("“It is over,” said Hartford coach Rene Brind'Oyer.", "Rene Brind'Oyer"),
        ("“The data are clear,” said Professor Anouk van der Molen.", "Anouk van der Molen"),
    ],
)
def test_speaker_titles_party_tags_and_particles(text: str, speaker: str) -> None:
    assert speakers_of(text) == [speaker]


def test_speaker_possessor_is_not_the_speaker_but_the_appositive_is() -> None:
    text = "Marta Quill died in May. Quill's brother, Tobias, said she loved the sea."
    assert speakers_of(text) == ["Tobias"]


def test_speaker_possessive_description_stays_a_description() -> None:
    text = "Mayor Ida Crane spoke first. Crane's staff later said the figure was wrong."
    assert speakers_of(text) == ["Crane's staff"]


def test_speaker_organisation_name_keeps_its_linking_words() -> None:
    text = "Overdoses doubled, according to the National Institute on Sleep Research."
    assert name_words(speakers_of(text)[0]) == ["national", "institute", "on", "sleep", "research"]


def test_speaker_definite_organisation_noun_goes_to_the_organisation_before() -> None:
    text = (
        "The mayor said a study had been done by MetroLinx Transit. "
        "The agency told reporters it had not done any such study."
    )
    assert speakers_of(text)[-1] == "MetroLinx Transit"


def test_speaker_statement_belongs_to_who_issued_it() -> None:
    text = "A statement e-mailed to reporters by Gerald Fenwick said the talks had failed."
    assert speakers_of(text) == ["Gerald Fenwick"]


def test_speaker_acronym_is_the_organisation_named_in_full() -> None:
    text = "Output fell, said the Guild of Rope Makers and Weavers. Exports rose, according to the GRMW."
    assert len(set(speakers_of(text))) == 1


def test_speaker_pronoun_never_goes_to_a_group_or_a_place() -> None:
    text = (
        "Nadia Osei runs the shelter in Vancouver. Canadians deserve better, she said. "
        "“We need beds,” she said."
    )
    assert speakers_of(text) == ["Nadia Osei", "Nadia Osei"]


def test_speaker_definite_person_description_goes_to_the_person_before() -> None:
    text = "Lukas Brenner scored twice on Saturday. “The puck just found me,” said the rookie defenceman."
    assert speakers_of(text) == ["Lukas Brenner"]


def test_speaker_indefinite_description_is_somebody_new_and_comes_back() -> None:
    text = (
        "Justice Minister Carla Wong spoke on Monday. "
        "“Most requests succeed,” a justice official said. "
        "“It takes months,” the official said."
    )
    names = speakers_of(text)
    assert names[0] == names[1] and "Wong" not in (names[0] or "")


def test_speaker_credits_and_page_labels_are_not_people() -> None:
    text = (
        "A crowd gathered. (Jo Park/The Courier)\n\nStory continues below.\n\n“It was cold,” said Ana Lind."
    )
    assert [n for n, k in kinds_of(text).items() if k == "person"] == ["Ana Lind"]


def test_gazetteer_places_and_particles() -> None:
    assert is_place("Vancouver") and is_place("Nova Scotia") and not is_place("Trudeau")
    assert {"van", "der", "de", "bin"} <= name_particles() and "at" not in name_particles()


def test_speaker_brands_agencies_and_groups_are_organisations() -> None:
    text = (
        "“Fares will rise,” said MetroLink. “The talks failed,” Reuters reported. "
        "“We won,” said the Democrats."
    )
    assert {k for n, k in kinds_of(text).items()} == {"organisation"}


def test_speaker_short_form_of_a_company_is_the_company() -> None:
    text = "Harlow Electronics Co. reported a loss. Later, Harlow said it would cut 200 jobs."
    names = speakers_of(text)
    assert names and all(n == "Harlow Electronics Co." for n in names)


def test_speaker_they_never_goes_to_a_place() -> None:
    text = (
        "Several union leaders said the offer was too low. Talks resumed in Ottawa. "
        "They said they would strike on Monday."
    )
    assert speakers_of(text) == ["Several union leaders", "Several union leaders"]


def test_speaker_a_lone_word_that_never_acts_is_no_antecedent() -> None:
    text = "Mira Sands has lived with Crohn's disease for years. Life is hard, she said."
    assert speakers_of(text) == ["Mira Sands"]


def test_speaker_inverted_cue_read_as_an_object_is_the_speaker() -> None:
    text = "Tom Reyes owns the shop. “Nobody starts out rich,” points out the affable shopkeeper."
    assert speakers_of(text) == ["Tom Reyes"]


def test_speaker_the_people_told_are_not_what_was_said() -> None:
    text = (
        "Mayor Ida Crane spoke first. “We will not pay for it,” Premier Tom Okoro told reporters on Thursday."
    )
    quotes = saidwhat.extract(text).quotes
    assert [(q.type, q.speaker.name if q.speaker else None) for q in quotes] == [("direct", "Tom Okoro")]


def test_speaker_a_labelled_line_that_credits_its_speaker_keeps_that_speaker() -> None:
    text = (
        "Markets fell on Monday.\n\n"
        'ANALYST\'S VIEWPOINT: "Nobody wants to blink first in these talks," Ana Ruiz, '
        "a strategist at Northbank, said in a note.\n"
    )
    assert speakers_of(text) == ["Ana Ruiz"]


def test_speaker_an_appositive_says_a_name_is_an_organisation() -> None:
    text = "Harbour House, a charity that runs four shelters, said the beds were full."
    assert kinds_of(text) == {"Harbour House": "organisation"}


def test_speaker_two_people_together_are_one_source_named_by_both() -> None:
    text = (
        "Lena Ortiz and Marco Diaz met the mayor. Both Ortiz and Diaz have said they were treated unfairly."
    )
    assert speakers_of(text) == ["Lena Ortiz and Marco Diaz"]


def test_speaker_coordinated_description_keeps_both_parts() -> None:
    text = "Several immigration lawyers and experts say the pact is not binding."
    assert speakers_of(text) == ["Several immigration lawyers and experts"]


def test_speaker_city_noun_finds_the_city_named_as_city_of() -> None:
    text = (
        "The budget went to City of Brampton staff in May. Later the City of Brampton raised the fees. "
        "The new pool will replace two old ones, according to the city."
    )
    assert speakers_of(text)[-1] == "City of Brampton"


def test_speaker_owner_of_a_named_document_speaks_for_it() -> None:
    text = (
        "Homelessness is rising in Winnipeg, shelter staff say. According to the city's Annual Shelter "
        "Survey, published in May, the number of people sleeping outdoors was estimated to be 2,100."
    )
    assert speakers_of(text)[-1] == "Winnipeg"


def test_speaker_owner_of_a_document_named_before_it_speaks_for_it() -> None:
    text = (
        "Parks Canada spent heavily last year. According to Parks Canada’s public database, most of those "
        "projects have since been finished."
    )
    assert speakers_of(text) == ["Parks Canada"]


def test_speaker_described_by_age_is_the_person_before() -> None:
    text = (
        "Brandvold has three goals since Ottawa traded him to Dallas last month. "
        "The 31-year-old left wing said his new teammates have made him feel welcome."
    )
    assert speakers_of(text) == ["Brandvold"]


def test_speaker_description_drops_where_it_was_said() -> None:
    text = (
        "The team made a video for their coach. “Stephen needs help,” says one of the players in the video."
    )
    assert speakers_of(text) == ["one of the players"]


def test_speaker_relative_named_by_first_name_is_not_another_person_of_that_name() -> None:
    text = (
        "Police chief Mateo Kerrigan said the attack lasted an hour. The victim was Jonas Pell, the firm's "
        "founder. Pell's father, Mateo, says his son grew up in Austin. Pell had lived in Lagos for years. "
        "His father said he loved the city."
    )
    assert speakers_of(text) == ["Mateo Kerrigan", "Mateo", "Mateo"]


def test_speaker_definite_kinship_noun_is_not_the_last_person_named() -> None:
    text = (
        "Officer Dana Whitlock confirmed two deaths. At the morgue, the family of a young driver gathered. "
        "“He is gone,” the father repeated into his phone."
    )
    assert speakers_of(text)[-1] == "the father"


def test_speaker_city_staff_are_the_staff_of_the_city_named_before() -> None:
    text = (
        "The budget went to City of Brampton staff in May. Later the City of Brampton raised the fees. "
        "The new pool will replace two old ones, but city staff confirmed there are no plans to keep them."
    )
    assert speakers_of(text) == ["Brampton staff"]


def test_speaker_school_of_an_organisation_keeps_both_names() -> None:
    text = (
        "A study by the University of Halifax’s School of Public Health analyzed nine projects. "
        "“It is remarkable how little scrutiny there is,” the report said."
    )
    assert speakers_of(text) == ["University of Halifax’s School of Public Health"]


def test_speaker_many_are_some_of_the_people_just_named() -> None:
    text = (
        "In the wake of the vote, parents, teachers and others have rallied to the school's defence, "
        "with many changing their profiles to say things like “We stand with Oakridge.”"
    )
    assert speakers_of(text) == ["parents, teachers and others"]


def test_speaker_some_are_some_of_the_users_named_two_sentences_before() -> None:
    text = (
        "According to early findings, Night Shelter program users report they prefer churches to "
        "shelters. As well, they are worried about theft. Some suggested that the season could be extended."
    )
    assert speakers_of(text)[1:] == ["Night Shelter program users", "Night Shelter program users"]


def test_speaker_they_are_the_people_named_as_subject_just_before() -> None:
    text = (
        "Ford Motor Co. announced cuts on Monday. But tariffs remain the biggest worry and several "
        "steel-industry executives have warned about the dire consequences. They say plants could close."
    )
    assert speakers_of(text)[-1] == "several steel-industry executives"


def test_speaker_acronym_tagged_as_a_noun_is_the_organisation_it_abbreviates() -> None:
    text = (
        "The Society of Marine Builders and Dealers released figures on Monday. Exports fell 16 per cent "
        "last year according to the SMBD and sales have fallen too."
    )
    assert speakers_of(text)[-1] == "Society of Marine Builders and Dealers"


def test_speaker_possessed_description_is_named_by_its_appositive() -> None:
    text = (
        "The Tories do not hold a majority, but their allies, members of the Ulster Farmers Party (UFP), "
        "have said they will back the government."
    )
    assert speakers_of(text) == ["members of the Ulster Farmers Party (UFP)"]


def test_speaker_workplace_after_a_role_and_at_is_an_organisation_not_a_she() -> None:
    text = (
        "Lena Marsh, principal researcher at Ashby Hall, said the study began in May. Marsh said Ashby Hall "
        "launched the project to understand why people return. “There is a sense of community,” she says."
    )
    assert speakers_of(text)[-1] == "Lena Marsh"


def test_speaker_inverted_parenthetical_name_is_a_subject_for_a_later_description() -> None:
    text = (
        "“Most places print 1,000 copies,” says his partner, Owen Lutz. Sales do not matter. There is a "
        "particular joy, insists 15-year-old Milo Brandt, in finishing your own work. “It is months of "
        "fixing panels,” says the self-taught Guelph resident."
    )
    assert speakers_of(text)[-1] == "Milo Brandt"


def test_speaker_definite_description_repeats_an_unnamed_source_before_a_titled_person() -> None:
    text = (
        "Justice Minister Dana Corvel will decide the case. “It is up to the minister to decide,” a justice "
        "official said at the briefing. Canada rarely refuses such requests. The justice official told "
        "reporters that most requests succeed."
    )
    assert speakers_of(text) == ["a justice official", "a justice official"]


def test_speaker_indefinite_description_is_the_person_named_saying_it_next() -> None:
    text = (
        "The party took aim at the premier. A spokeswoman for Ruiz said she is not going to shy away from "
        "the fight. “Voters clearly rejected that approach,” said Elena Marchetti."
    )
    assert speakers_of(text) == ["Elena Marchetti", "Elena Marchetti"]


def test_speaker_indefinite_description_is_not_a_next_speaker_with_another_title() -> None:
    text = (
        "A Northway Mobile spokesperson says the company was pleased to help. “We saw this as a chance to "
        "help,” says Ravi Oduya, vice-president, external affairs for Northway Mobile."
    )
    assert speakers_of(text) == ["A Northway Mobile spokesperson", "Ravi Oduya"]


def test_speaker_party_tag_ends_the_name_before_a_missed_sentence_break() -> None:
    text = (
        "“It is the old minds and hearts thing,” said Sen. Paul Ortega, D-Conn. Kessler, he said, knows it."
    )
    assert speakers_of(text)[0] == "Paul Ortega"


def test_speaker_indefinite_description_takes_its_appositive_name_not_the_next_titled_speaker() -> None:
    text = (
        "A lawyer for the newspapers, Dana Whitby, said no decision had been made. "
        "“We are pleased with the ruling,” Trump lawyer Marcus Kell said."
    )
    assert speakers_of(text) == ["Dana Whitby", "Marcus Kell"]


def test_speaker_aged_kinship_description_is_the_person_before() -> None:
    text = (
        "Ivana Brook presented the plan on Tuesday. She said fathers would not be eligible, and when "
        "pressed on why, the 34-year-old mother of three replied, “It is meant to help mothers.”"
    )
    assert speakers_of(text)[-1] == "Ivana Brook"


def test_speaker_some_of_a_named_group() -> None:
    text = "Republicans said the credibility of Congress was at stake. Some said the dispute was a crisis."
    assert speakers_of(text) == ["Republicans", "Republicans"]


def test_speaker_relative_with_the_same_surname_is_not_the_person_they_are_related_to() -> None:
    text = (
        "“It was a hard game,” Brook said after scoring twice. "
        "Brook's father, Charles Brook, said his son loved the game."
    )
    assert speakers_of(text) == ["Brook", "Charles Brook"]


def test_speaker_names_inside_a_document_phrase_still_issue_it() -> None:
    text = (
        "Early results of exit polls conducted by Halvorsen Research for local networks showed that "
        "most voters want change."
    )
    assert speakers_of(text) == ["Halvorsen Research"]


def test_speaker_others_are_not_the_people_just_named() -> None:
    text = "Several stars and athletes will attend. Obama has described the dinner as a party. Others call it a prom."
    assert speakers_of(text)[-1] == "Others"


def test_speaker_they_is_not_a_plural_subject_inside_another_clause() -> None:
    text = (
        "Progressive lawmakers oppose the sales tax because lower earners spend more of their income. "
        "They say a tax on income is fairer."
    )
    assert speakers_of(text)[-1] != "lower earners"


def test_speaker_some_of_a_partitive_is_not_the_group_before() -> None:
    text = "Parents and teachers rallied on Monday. Some of the students said the rally was too loud."
    assert speakers_of(text)[-1] != "Parents and teachers"
