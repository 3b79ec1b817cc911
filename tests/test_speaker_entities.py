"""The article's entity table and the rules that link a cue's words to one entity, on sentences written for
the test: people who share a surname, names with particles and titles, unnamed sources, organisations
that the passage is about, and the ``how`` that explains every choice."""

from __future__ import annotations

import pytest

import saidwhat


def quotes_of(text: str) -> list[tuple[str | None, str | None]]:
    """(speaker name, how) of every quote, in text order."""
    return [(q.speaker.name if q.speaker else None, q.how) for q in saidwhat.extract(text).quotes]


def names_of(text: str) -> list[str | None]:
    return [name for name, _ in quotes_of(text)]


def test_honorific_keeps_two_people_with_one_surname_apart() -> None:
    text = (
        "The shadow chancellor, Owen Pellack, said the plan was unfair. "
        "The party's spokesperson, Megan Pellack, said her party would vote against it.\n\n"
        "“There is no bus,” said Mr Pellack. “It is a tax on distance,” Ms Pellack said."
    )
    assert names_of(text)[-2:] == ["Owen Pellack", "Megan Pellack"]


def test_a_non_gendered_honorific_goes_to_who_carried_it_before() -> None:
    text = (
        "Dr. Naomi Wexford runs the clinic. Her brother, Owen Wexford, runs the farm.\n\n"
        "“The water is bad,” Mr. Wexford said. “We need help,” Dr. Wexford said."
    )
    assert names_of(text) == ["Owen Wexford", "Naomi Wexford"]


def test_a_bare_surname_is_not_the_relative_introduced_by_first_name() -> None:
    text = (
        "Marcus Tolan and his wife, Deborah, retirees in Fairview, said they got the notice late. "
        "“I found out from the news,” Deborah Tolan said. "
        "Tolan, who uses the app every day, said he would delete it."
    )
    assert names_of(text) == ["Marcus Tolan and Deborah Tolan", "Deborah Tolan", "Marcus Tolan"]


def test_coordinated_first_name_takes_the_shared_surname() -> None:
    text = (
        "Bill and Joan Trevane, who farm near the river, said they would sell. "
        "“We cannot grow anything,” Mr Trevane said. Mrs Trevane said the workers had gone."
    )
    assert names_of(text) == ["Bill Trevane and Joan Trevane", "Bill Trevane", "Joan Trevane"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We were tired,” said Goalkeeper Femke van der Horst.", "Femke van der Horst"),
        ("Cllr Siobhán Ní Bhraonáin said the council would vote again.", "Siobhán Ní Bhraonáin"),
        (
            "The Deputy Minister of Public Works and Transportation Hélène Brossard-Avery said the bridge "
            "would reopen.",
            "Hélène Brossard-Avery",
        ),
        ("Boatbuilder Maarten van der Molen said the boat would be his last.", "Maarten van der Molen"),
        ("Tallowbrook Shire Mayor Cr Jan Pettifer said she would ask for help.", "Jan Pettifer"),
    ],
)
def test_titles_and_occupations_glued_to_a_name_are_not_part_of_it(text: str, speaker: str) -> None:
    assert names_of(text) == [speaker]


def test_particle_name_opening_a_sentence_is_the_person_named_before() -> None:
    text = (
        "The radio is always on. Maarten van der Molen, 81, has built 63 boats here.\n\n"
        "Van der Molen shrugs when this is put to him. “She is right,” he says."
    )
    assert names_of(text) == ["Maarten van der Molen"]


def test_a_first_name_the_tagger_misreads_is_the_person() -> None:
    text = (
        "His daughter, Elke van der Molen, designs hydrofoils. "
        "“I knew what a strake was before I could ride a bike,” Elke says."
    )
    assert names_of(text) == ["Elke van der Molen"]


def test_a_role_whose_person_is_named_right_after_it_is_that_person() -> None:
    text = (
        "The Labour MP for Aldbury and Stray, Nadia Pemberley, said she had received 400 emails.\n\n"
        "Minister for Regional Water Felicity Darrow-Kane said allocations were set by hydrology."
    )
    found = quotes_of(text)
    assert [name for name, _ in found] == ["Nadia Pemberley", "Felicity Darrow-Kane"]
    assert all(how and how.startswith("role named right after") for _, how in found)


def test_an_unnamed_source_keeps_the_words_that_say_whose_it_is() -> None:
    text = (
        "A spokesperson for the Port of Estrella Authority said the port was closed. "
        "The spokesperson said it would reopen soon.\n\n"
        "A person familiar with the company's talks with its lenders, who was not authorized to speak, "
        "said the banks had agreed."
    )
    assert names_of(text) == [
        "A spokesperson for the Port of Estrella Authority",
        "A spokesperson for the Port of Estrella Authority",
        "A person familiar with the company's talks with its lenders",
    ]


def test_an_anonymous_source_is_not_the_next_person_named() -> None:
    text = (
        "A person familiar with the investigation, who requested anonymity, said the attackers used "
        "stolen passwords. Ana Reyes, a retiree, said she would delete the app."
    )
    assert names_of(text) == ["A person familiar with the investigation", "Ana Reyes"]


def test_the_company_is_the_organisation_the_passage_is_about() -> None:
    text = (
        "The Port of Estrella Authority set up contingency berths.\n\n"
        "Calloway Freight, the port's largest tenant, has idled 60 trucks. "
        "The company warned that the smaller port “cannot absorb us for long.”"
    )
    name, how = quotes_of(text)[-1]
    assert name == "Calloway Freight"
    assert how is not None and how.startswith("description: 'The company'")


def test_a_dateline_and_a_byline_are_never_sources() -> None:
    text = (
        "Shares slump after delay\n\nBy Tomas Bergstrom\n\n"
        "NORTHGATE, Calif. — Brightwater Health said hackers had reached its servers. "
        "The company said card data was safe."
    )
    found = saidwhat.extract(text)
    assert [q.speaker.name if q.speaker else None for q in found.quotes] == ["Brightwater Health"] * 2
    assert "Tomas Bergstrom" not in {s.name for s in found.speakers}


def test_a_statement_issued_by_a_description_speaks_for_whoever_that_is() -> None:
    text = (
        "The Pacific Terminal Operators Association represents employers. "
        "A statement issued by the association said talks would resume."
    )
    name, how = quotes_of(text)[-1]
    assert name == "Pacific Terminal Operators Association"
    assert how is not None and how.startswith("document:")


def test_a_pronoun_goes_to_the_subject_named_inside_a_role() -> None:
    text = (
        "Activist Lakshmi Rane said the hike would hurt workers. “It is unfair,” Ms. Rane said.\n\n"
        "Transport economist Dr. Farzana D'Silva said the rise was poorly timed. "
        "“Ridership has only just recovered,” she added."
    )
    name, how = quotes_of(text)[-1]
    assert name == "Farzana D'Silva"
    assert how == "pronoun: 'she' → the nearest woman named before, Farzana D'Silva"


def test_how_is_in_the_json_output() -> None:
    quote = saidwhat.extract("“We will win,” said Mayor Jane Holloway.").to_dict()["quotes"][0]
    assert quote["speaker"]["how"] == "name: 'Holloway' → Jane Holloway"


def test_an_interview_answers_are_the_interviewees_direct_words_and_questions_nobodys() -> None:
    text = (
        "Mara Quell on rivers, floods and her second book\n\n"
        "Mara Quell spent ten years mapping floods. Quell, 51, told the Gazette she wrote the book at night. "
        "She spoke to Tom Ryder.\n\n"
        "Q: Why rivers?\n\n"
        "A: Because they remember everything. (Laughs.) Nobody believes me.\n\n"
        "Q: Your editor called it “a love letter to mud.” Is that fair?\n\n"
        "A: I would call it a complaint. A loving one.\n\n"
        "One more thing: my father kept a diary of every flood.\n\n"
        "Q: What next?\n\n"
        "A: A novel about a lock keeper.\n\n"
        "This interview has been edited for length."
    )
    quotes = saidwhat.extract(text).quotes
    answers = [q for q in quotes if q.type == "direct"]
    assert [q.text for q in answers] == [
        "Because they remember everything. (Laughs.) Nobody believes me.",
        "I would call it a complaint. A loving one.",
        "One more thing: my father kept a diary of every flood.",
        "A novel about a lock keeper.",
    ]
    assert {q.speaker.name for q in quotes if q.speaker} == {"Mara Quell"}
    assert not any("love letter" in q.text for q in quotes)


def test_a_firm_with_an_ampersand_is_an_organisation_and_the_utility_is_it() -> None:
    text = (
        "About 62,000 Lavelle Power & Light customers are without power. "
        "In a post on social media, the utility said crews would wait for the wind to drop."
    )
    assert quotes_of(text) == [
        (
            "Lavelle Power & Light",
            "description: 'the utility' → the organisation named before, Lavelle Power & Light",
        )
    ]


def test_a_long_title_reads_on_past_words_that_look_like_a_name() -> None:
    text = (
        "Minister of State for Primary Care and Older People Máire Costigan told the Dáil that no "
        "decision would be made until the review was complete."
    )
    assert names_of(text) == ["Máire Costigan"]


def test_data_from_a_firm_speaks_for_the_firm() -> None:
    text = "Data from Tidemark Analytics said that sales fell by a third in March."
    assert names_of(text) == ["Tidemark Analytics"]


def test_a_couple_her_husband_and_the_surname_next_in_play() -> None:
    text = (
        "Harjit and Amandeep Sandhar said they left their home with their two children.\n\n"
        "“We could see the glow from the kitchen window,” Amandeep Sandhar said. Her husband said a police "
        "officer had given the family 15 minutes to leave. Sandhar, who works at the sawmill, said he did "
        "not know whether the mill was standing."
    )
    assert names_of(text) == [
        "Harjit Sandhar and Amandeep Sandhar",
        "Amandeep Sandhar",
        "Harjit Sandhar",
        "Harjit Sandhar",
    ]


def test_the_club_is_the_subject_of_its_own_sentence_first() -> None:
    text = (
        "The final, against Ravensfield or Holby Athletic, will be played on May 12. "
        "Kelsworth have already sold their full allocation of 4,000 tickets, the club said."
    )
    found = saidwhat.extract(text)
    assert [q.speaker.name for q in found.quotes if q.speaker] == ["Kelsworth"]
    assert {s.name: s.kind for s in found.speakers} == {"Kelsworth": "organisation"}


def test_the_utility_is_the_organisation_named_for_what_it_supplies() -> None:
    text = (
        "The Gulf Weather Office said the storm had moved inland. "
        "About 62,000 Marrow Gas & Electric customers are without power. "
        "In a post on social media, the utility said crews would wait for the wind to drop."
    )
    assert names_of(text)[-1] == "Marrow Gas & Electric"


def test_a_person_named_after_an_organisations_name_is_the_person() -> None:
    text = (
        "Governor Omar Farouk said the bank needed more evidence. President of the Bankers' Federation "
        "Judith Amsel said lenders had expected the decision."
    )
    found = saidwhat.extract(text)
    assert [q.speaker.name for q in found.quotes if q.speaker] == ["Omar Farouk", "Judith Amsel"]
    assert {s.name: s.kind for s in found.speakers}["Judith Amsel"] == "person"


def test_a_nickname_and_a_clipped_first_name_are_the_same_person() -> None:
    text = (
        "Robert “Bobby” Doe, a fisherman from Lunenburg, has worked the docks for forty years. "
        "“The season was the worst I have seen,” Doe said.\n\n"
        "Bobby said the wharf needs repairs.\n\n"
        "His neighbour, Alexander Wise, disagreed. “It was a fine season,” Wise said. "
        "Later, Xander Wise added: “We should be grateful.”"
    )
    assert names_of(text) == ["Robert Doe", "Robert Doe", "Alexander Wise", "Alexander Wise"]


def test_first_names_that_are_also_words() -> None:
    text = (
        "Will Hardy, a farmer near Truro, lost his barn. “It went up in minutes,” Hardy said.\n\n"
        "May Chen runs the bakery. “We open at six,” Chen said.\n\n"
        "In May Trump said nothing. Police Chief Arthur Young closed the road. “Nobody should drive,” Young said."
    )
    assert names_of(text) == ["Will Hardy", "May Chen", "Arthur Young"]


def test_kinship_words_groups_and_roles_alone_are_descriptions() -> None:
    text = (
        "Police Chief Arthur Young closed the road. “Nobody should drive,” Young said.\n\n"
        "“It is a disgrace,” Mum said.\n\n"
        "“We cannot drink it,” said the family of Tom Reid.\n\n"
        "“Rates will rise,” said the Chief Economist at Harbour Bank."
    )
    assert names_of(text) == ["Arthur Young", "Mum", "the family of Tom Reid", "the Chief Economist"]


def test_a_pronoun_with_nobody_before_it_keeps_its_mention() -> None:
    found = quotes_of("“It was a long night,” he conceded. “I will not stay,” he said.")
    assert [name for name, _ in found] == ["he", "he"]
    assert "name unknown" in (found[0][1] or "")


def test_name_forms_with_particles_and_an_agency_credit_before_a_name() -> None:
    text = (
        "Ahmed bin Salman al-Rashid, the minister, spoke next. “We are ready to sign it today,” al-Rashid said.\n\n"
        "Síle Ní Bhriain, a councillor in Galway, opposed the plan. “It is a bad plan for the town,” Ní Bhriain said.\n\n"
        "AFP/Getty Images Jane Porter said the strike would go on. “We are not going back yet,” Porter said."
    )
    assert names_of(text) == [
        "Ahmed bin Salman al-Rashid",
        "Síle Ní Bhriain",
        "Jane Porter",
        "Jane Porter",
    ]


def test_organisations_described_by_what_they_do_or_named_in_full_later() -> None:
    text = (
        "Shares in Halvorsen Minerals fell 18% on Tuesday after the lithium producer said its project would "
        "start a year late.\n\n"
        "The evacuation order was expanded on Saturday, the regional district said. Sorrel Valley Regional "
        "District board chair Tomasz Wiśniewski-Hale said 312 people had left.\n\n"
        "Kelsbridge have already sold their full allocation of 4,000 tickets, the club said.\n\n"
        "Kelsbridge Rovers: van der Berg; Price, O’Neill, Achterberg, Doyle."
    )
    assert names_of(text) == [
        "Halvorsen Minerals",
        "Sorrel Valley Regional District",
        "Tomasz Wiśniewski-Hale",
        "Kelsbridge Rovers",
    ]


def test_a_statement_named_for_its_issuer_speaks_for_it() -> None:
    text = "A Pentagon statement said the exercise would go ahead. “The drills are routine,” the statement added."
    assert names_of(text)[0] == "Pentagon"
