"""Speaker gender: the decision rule, first names, and the evidence read off hand-written articles."""

from __future__ import annotations

import pytest

from saidwhat.extraction.speakers import gender
from saidwhat.pipeline import Extractor, Settings


def _speakers(extractor: Extractor, text: str) -> dict[str, tuple[str | None, str | None]]:
    return {s.name: (s.gender, s.gender_evidence) for s in extractor.extract(text).speakers}


def test_gender_decide_orders_evidence_and_gives_none_on_disagreement():
    assert gender.decide({"pronoun": (2, 0)}) == ("female", "pronoun")
    assert gender.decide({"honorific": (0, 1), "role": (0, 1)}) == ("male", "honorific")
    assert gender.decide({"pronoun": (1, 1)}) == (None, "conflict")
    assert gender.decide({"name": (1, 0)}) == ("female", "name")
    assert gender.decide({"name": (1, 0)}, names=False) == (None, None)
    assert gender.decide({}) == (None, None)
    # The article's own words outweigh first-name statistics.
    assert gender.decide({"pronoun": (0, 1), "name": (3, 0)}) == ("male", "pronoun")
    # Many articles: a clear majority wins, an even split does not.
    assert gender.decide({"pronoun": (7, 1)}) == ("female", "pronoun")
    assert gender.decide({"pronoun": (3, 2)}) == (None, "conflict")


def test_gender_merge_and_rows_round_trip():
    counts = gender.merge([("pronoun", 1, 0), ("role", 0, 1)], [("pronoun", 2, 0)])
    assert counts == {"pronoun": (3, 0), "role": (0, 1)}
    assert gender.as_rows(counts) == (("pronoun", 3, 0), ("role", 0, 1))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Margaret Okafor", (1, 0)),
        ("Robert Lindqvist", (0, 1)),
        ("Jean Dupuis", None),  # used for women and men alike
        ("Okafor", None),  # a lone word may be a surname
        ("J. Okafor", None),  # an initial is no first name
        ("Nova Scotia", None),
        ("Christmas Day", None),
    ],
)
def test_gender_first_names_only_where_strongly_one_sided(name, expected):
    assert gender.name_evidence(name) == expected


def test_gender_role_nouns():
    assert gender.role_gender(["a", "spokeswoman", "for"]) == "female"
    assert gender.role_gender(["chairman"]) == "male"
    assert gender.role_gender(["the", "mayor"]) is None
    assert gender.role_gender(["mother", "father"]) is None


def test_gender_from_pronouns_honorifics_and_roles(extractor):
    text = (
        "Spokeswoman Ana Reyes said the plan was sound. “We are ready,” she said.\n\n"
        "Tom Baker, chairman of the board, said he disagreed. “It is too soon,” Mr. Baker told reporters.\n\n"
        "Lisa Chen, a mother of two, said the school had failed. “Nobody listened,” Chen said."
    )
    found = _speakers(extractor, text)
    assert found["Ana Reyes"][0] == "female"
    assert found["Tom Baker"] == ("male", "honorific")
    assert found["Lisa Chen"] == ("female", "role")


def test_gender_from_first_names_can_be_switched_off(extractor):
    text = "“The figures are wrong,” said Margaret Okafor, who runs the food bank."
    assert _speakers(extractor, text)["Margaret Okafor"] == ("female", "name")
    textual = Extractor(settings=Settings(name_gender=False))
    textual._nlp = extractor.nlp  # the same model, loaded once
    assert _speakers(textual, text)["Margaret Okafor"] == (None, None)


def test_gender_is_not_given_to_groups_and_places(extractor):
    text = "Canadians say prices are too high. “We cannot afford it,” he said."
    for name, (said, _) in _speakers(extractor, text).items():
        if name == "Canadians":
            assert said is None


def test_gender_output_follows_the_contract(extractor):
    record = extractor.extract("“We will win,” said Robert Lindqvist.").to_dict()
    speaker = record["speakers"][0]
    assert speaker["gender"] == "male" and speaker["gender_evidence"] == "name"
    assert "gender_counts" not in speaker
