"""The three speaker steps on their own, on sentences written for the test: the mentions of an article,
its entity table (built once, frozen), and single linking rules read against a discourse."""

from __future__ import annotations

import dataclasses
import re

import pytest
from spacy.tokens import Doc, Span

from saidwhat import Extractor
from saidwhat.extraction.speakers import by_description, by_name
from saidwhat.extraction.speakers.discourse import Discourse
from saidwhat.extraction.speakers.entity import NEW, Entity
from saidwhat.extraction.speakers.first_names import same_first_name
from saidwhat.extraction.speakers.linking import SpeakerLinker
from saidwhat.extraction.speakers.mentions import find_mentions
from saidwhat.extraction.speakers.rules import link
from saidwhat.extraction.speakers.table import EntityTable, build_table


def parse(extractor: Extractor, text: str) -> Doc:
    return extractor.nlp(text)


def table_of(extractor: Extractor, text: str) -> tuple[Doc, EntityTable]:
    doc = parse(extractor, text)
    return doc, build_table(doc, find_mentions(doc))


def people(table: EntityTable) -> dict[str, Entity]:
    return {e.name: e for e in table.entities if e.kind == "person"}


def discourse_of(extractor: Extractor, text: str) -> Discourse:
    doc = parse(extractor, text)
    mentions = find_mentions(doc)
    table = build_table(doc, mentions)
    discourse: Discourse = Discourse(doc, mentions, table, lambda span: link(discourse, span))
    return discourse


def words(doc: Doc, text: str) -> Span:
    """The span of the first occurrence of ``text`` as whole words in ``doc``."""
    found = re.search(rf"\b{re.escape(text)}\b", doc.text)
    assert found is not None
    span = doc.char_span(found.start(), found.end())
    assert span is not None
    return span


# -- step 2: the entity table ---------------------------------------------------------------------------


def test_the_table_is_frozen(extractor: Extractor) -> None:
    _, table = table_of(extractor, "Mayor Ana Ruiz said the bridge would open. Ruiz said it twice.")
    person = people(table)["Ana Ruiz"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        person.kind = "organisation"  # type: ignore[misc]
    assert isinstance(table.entities, tuple)
    with pytest.raises(TypeError):
        table.by_token[0] = 1  # type: ignore[index]


def test_honorifics_of_two_genders_never_merge(extractor: Extractor) -> None:
    _, table = table_of(
        extractor,
        "Owen Pellack and Megan Pellack run the farm. Mr. Pellack feeds the cows and Ms. Pellack sells the milk.",
    )
    found = people(table)
    assert set(found) == {"Owen Pellack", "Megan Pellack"}
    assert found["Owen Pellack"].gender == "m" and found["Megan Pellack"].gender == "f"


def test_titles_and_kinship_are_learned_from_the_article(extractor: Extractor) -> None:
    _, table = table_of(
        extractor,
        "US President Donald Trump met the press. Ruiz's sister, Clara, was there. Marcus Lin and his wife, Deborah, left early.",
    )
    found = people(table)
    assert found["Donald Trump"].titles == ("US President",)
    assert "Deborah Lin" in found and found["Deborah Lin"].relative
    ruiz = next(e for e in table.entities if e.name.endswith("Ruiz"))
    assert table.kin[(ruiz.index, "sister")] == found["Clara"].index


def test_a_nickname_in_marks_is_one_person_without_it(extractor: Extractor) -> None:
    _, table = table_of(
        extractor,
        "Robert “Bobby” Doe, a fisherman, has worked the docks for forty years. Bobby knows the boats.",
    )
    found = people(table)
    assert list(found) == ["Robert Doe"]
    assert found["Robert Doe"].nicknames == ("bobby",)


def test_organisations_match_by_initials_and_first_words(extractor: Extractor) -> None:
    _, table = table_of(
        extractor,
        "The Society of Motor Manufacturers and Traders published figures. The SMMT said sales fell. "
        "Samsung Electronics Co. reported a loss. Samsung said it would recover.",
    )
    organisations = [e.name for e in table.entities if e.kind == "organisation"]
    assert "Society of Motor Manufacturers and Traders" in organisations
    assert "SMMT" not in organisations and "Samsung" not in organisations


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("xander", "alexander", True),  # clipped
        ("bob", "robert", True),  # the nickname table
        ("daniel", "daniela", False),  # two genders
        ("anne", "joanne", False),  # too short to be a clipped form
        ("maria", "mario", False),
    ],
)
def test_first_names_that_may_be_one_person(one: str, other: str, same: bool) -> None:
    assert same_first_name(one, other) is same


# -- step 3: rules on their own --------------------------------------------------------------------------


def test_each_rule_only_reads_the_discourse(extractor: Extractor) -> None:
    d = discourse_of(
        extractor, "A security guard saw it. “It was dark,” he said. A spokesperson for the port said so."
    )
    before = list(d.entities)
    found = by_description.unnamed_source(d, words(d.doc, "A spokesperson for the port"))
    assert found is not None and found.entity is not None and found.entity.index == NEW
    assert found.entity.name == "A spokesperson for the port"
    assert d.entities == before  # nothing changed until the linker applies it


def test_pronoun_never_crosses_gender(extractor: Extractor) -> None:
    d = discourse_of(extractor, "Megan Hughes and Owen Price spoke. “We will win,” she said.")
    found = by_description.pronoun(d, words(d.doc, "she"))
    assert found is not None and found.entity is not None and found.entity.name == "Megan Hughes"
    assert found.gender == "f"
    assert "nearest woman" in (found.how or "")


def test_a_pronoun_with_nobody_before_it_is_kept_as_its_own_speaker(extractor: Extractor) -> None:
    d = discourse_of(extractor, "“It was a long night,” he conceded.")
    found = by_description.pronoun(d, words(d.doc, "he"))
    assert found is not None and found.entity is not None
    assert (found.entity.index, found.entity.name, found.entity.gender) == (NEW, "he", "m")
    assert found.how == "pronoun: 'he', nobody before it fits: kept as the speaker, name unknown"


def test_a_pronoun_finds_the_one_person_the_sentence_before_names(extractor: Extractor) -> None:
    text = (
        "Hemi Walker said the yard was busy. Tourists come and go all summer. "
        "On the wall hangs a photograph of Van der Kolk’s late wife. He is quiet before he speaks about her."
    )
    d = discourse_of(extractor, text)
    found = by_description.pronoun(d, words(d.doc, "He"))
    assert found is not None and found.entity is not None and found.entity.name.endswith("Kolk")


def test_role_named_right_after(extractor: Extractor) -> None:
    d = discourse_of(
        extractor, "The Labour MP for Aldmouth, Nadia Pemberton, told reporters the vote was close."
    )
    found = by_name.role_named_after(d, words(d.doc, "The Labour MP for Aldmouth"))
    assert found is not None and found.entity is not None and found.entity.name == "Nadia Pemberton"


def test_the_company_is_the_organisation_the_passage_is_about(extractor: Extractor) -> None:
    text = (
        "Calloway Freight warned of job losses on Monday. Calloway Freight, the port's largest tenant, "
        "pays rent to Harbour Holdings. The company said it would appeal."
    )
    d = discourse_of(extractor, text)
    found = by_description.reference(d, words(d.doc, "The company"))
    assert found is not None and found.entity is not None and found.entity.name == "Calloway Freight"


def test_linker_applies_what_a_link_teaches(extractor: Extractor) -> None:
    doc = parse(extractor, "A security officer saw it. “It was dark,” the officer said. “I ran,” he said.")
    linker = SpeakerLinker(doc)
    guard = linker.resolve(words(doc, "A security officer"))
    he = linker.resolve(words(doc, "he"))
    assert guard is not None and he is not None and guard.entity == he.entity
    entity = linker.discourse.entities[guard.entity]
    assert entity.gender == "m" and ("pronoun", (0, 1)) in entity.evidence


# Each rule of ``rules.RULES`` on a sentence written for it: (rule, text, the mention's words, who).
EACH_RULE = [
    (by_name.relative_pronoun, "A reporter who covered the trial asked the judge.", "who", "A reporter"),
    (
        by_name.coordinated,
        "Ana Ruiz and Tom Reid said the plan was fair.",
        "Ana Ruiz",
        "Ana Ruiz and Tom Reid",
    ),
    (
        by_name.document_owner,
        "Acme Corp published figures. Acme Corp's Quarterly Review said sales fell.",
        "Acme Corp's Quarterly Review",
        "Acme Corp",
    ),
    (
        by_name.appositive_description,
        "A lawyer for the outlets, David Schulz, said the order was wrong.",
        "A lawyer for the outlets",
        "David Schulz",
    ),
    (
        by_name.role_named_after,
        "The Labour MP for Aldmouth, Nadia Pemberton, told reporters the vote was close.",
        "The Labour MP for Aldmouth",
        "Nadia Pemberton",
    ),
    (
        by_name.kinship,
        "Carlos Ruiz said his sister, Clara, lives in Lima. His sister said the house was sold.",
        "His sister",
        "Clara Ruiz",  # a relative introduced by first name after "his" takes the surname
    ),
    (by_name.name_inside, "Mayor Ana Ruiz opened the bridge. Ruiz said it was safe.", "Ruiz", "Ana Ruiz"),
    (
        by_description.quantifier,
        "Parents and teachers rallied outside the school on Monday, with many saying the cuts were unfair.",
        "many",
        "Parents and teachers",
    ),
    (by_description.pronoun, "Megan Hughes spoke first. She said the plan was fair.", "She", "Megan Hughes"),
    (by_name.proper_name, "Pellow said the plan was fair.", "Pellow", "Pellow"),
    (
        by_description.titled_description,
        "US President Donald Trump met reporters. The president said the talks went well.",
        "The president",
        "Donald Trump",
    ),
    (
        by_description.reference,
        "Calloway Freight warned of job losses. The company said it would appeal.",
        "The company",
        "Calloway Freight",
    ),
    (
        by_description.salient_person,
        "Ana Ruiz spoke to us on Monday. The minister said the budget was tight.",
        "The minister",
        "Ana Ruiz",
    ),
    (
        by_description.named_next,
        "A spokeswoman for the mayor said the bridge was safe. “It will open,” said Ana Ruiz.",
        "A spokeswoman for the mayor",
        "Ana Ruiz",
    ),
    (
        by_description.unnamed_source,
        "A person familiar with the company's talks with its lenders said a deal was close.",
        "A person",
        "A person familiar with the company's talks with its lenders",
    ),
]


@pytest.mark.parametrize(("rule", "text", "said", "who"), EACH_RULE, ids=[r[0].__name__ for r in EACH_RULE])
def test_each_rule_on_a_sentence_written_for_it(
    extractor: Extractor, rule: object, text: str, said: str, who: str
) -> None:
    d = discourse_of(extractor, text)
    found = rule(d, words(d.doc, said))  # type: ignore[operator]
    assert found is not None and found.entity is not None, found
    assert found.entity.name == who
    assert found.how


def test_a_source_met_before_once_linked(extractor: Extractor) -> None:
    doc = parse(extractor, "A justice official said the case was closed. The official said nothing else.")
    linker = SpeakerLinker(doc)
    first = linker.resolve(words(doc, "A justice official"))
    found = by_description.source_met_before(linker.discourse, words(doc, "The official"))
    assert first is not None and found is not None and found.entity is not None
    assert found.entity.index == first.entity and found.entity.name == "A justice official"


def test_every_rule_has_a_sentence() -> None:
    from saidwhat.extraction.speakers.rules import RULES

    tested = {rule for rule, *_ in EACH_RULE} | {
        by_name.mistagged_name,  # "“…,” Elke says": test_speaker_entities
        by_name.name_called_noun,  # "Reyes said", tagged a noun: test_speaker_rules
        by_description.source_met_before,
    }
    assert set(RULES) <= tested
