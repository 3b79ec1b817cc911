"""The two guidelines, one phenomenon a row, on hand-written sentences: under ``statements`` an indirect
quote must state something (a clause, an infinitive, "according to"); things named as a verb's object,
thoughts and findings stay out; direct and mixed quotes are kept whatever the verb. Under
``attributions`` everything is kept (PolNeAR annotates negated reports too). ``statements`` is the default,
and a negated or refused report is never one of its quotes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from saidwhat import Extractor
from saidwhat.cli import app
from saidwhat.cli.evaluate import gold_scope
from saidwhat.cli.options import ScopeChoice
from saidwhat.ingest.options import IngestOptions
from saidwhat.pipeline import Settings
from saidwhat.scopes import DEFAULT_SCOPE, SCOPES

STATEMENTS = [
    # (text, the words the one quote must hold)
    ("Mayor Ruth Anand said the harbour would reopen next week.", "the harbour would reopen"),
    ("The union said it would strike on Monday.", "it would strike"),
    ("Councillor Tom Baker vowed to fight the toll in court.", "fight the toll"),
    ("The ferry will not run on Sunday, according to the port authority.", "The ferry will not run"),
    ("The audit report said the city had overspent by two million dollars.", "the city had overspent"),
]
NOT_STATEMENTS = [
    # a thing as the object of a verb of speech: an act, not a statement
    "Mayor Ruth Anand criticised the toll plan.",
    "Councillor Tom Baker announced a new budget for the harbour.",
    "The union rejected the revised pay offer.",
    # thoughts and findings
    "Councillor Tom Baker believes the bridge will be finished late.",
    "A new study found that harbour seals are returning to the bay.",
    "The harbour board estimated that repairs would cost a million dollars.",
    # the writer's hedge: a thought PolNeAR annotates, nobody's statement
    "The truce appeared to end on Tuesday.",
    "The talks seem to have stalled again.",
    # an infinitive after a verb that is an act, not speech
    "The council refused to reopen the ferry terminal.",
    "The port authority plans to expand the container terminal.",
]

NEGATED = [
    # what was not said, refused or not found: never a statement of its content
    "The mayor did not say whether the ferry would run on Sunday.",
    "Councillor Tom Baker declined to say how much the bridge would cost.",
    "The minister would not confirm that the plant would close.",
    "The inquiry found no evidence that the guards had used force.",
    "It did not find that anyone had been injured.",
    "Mayor Ruth Anand never said the harbour would close.",
    "The spokesman refused to say whether talks had resumed.",
]


@pytest.fixture(scope="module")
def attributions() -> Extractor:
    """An extractor under the attributions guideline."""
    return Extractor(settings=Settings(scope="attributions"))


@pytest.fixture(scope="module")
def statements() -> Extractor:
    """An extractor under the statements guideline."""
    return Extractor(settings=Settings(scope="statements"))


@pytest.mark.parametrize(("text", "fragment"), STATEMENTS)
def test_scope_rules_statements_are_kept(statements: Extractor, text: str, fragment: str) -> None:
    quotes = statements.extract(text).quotes
    assert [q for q in quotes if fragment in q.text], [q.text for q in quotes]


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_scope_rules_acts_thoughts_and_findings_are_left_out(
    statements: Extractor, attributions: Extractor, text: str
) -> None:
    assert [q.text for q in statements.extract(text).quotes] == []
    assert attributions.extract(text).quotes, "the attributions guideline keeps it"


@pytest.mark.parametrize("text", NEGATED)
def test_scope_rules_negated_and_refused_reports_are_never_statements(
    statements: Extractor, attributions: Extractor, text: str
) -> None:
    assert [q.text for q in statements.extract(text).quotes] == []
    assert [q.text for q in Extractor().extract(text).quotes] == [], "the default leaves it out too"
    assert attributions.extract(text).quotes, "PolNeAR's guideline keeps it"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Mayor Ruth Anand said the harbour would not close.", "the harbour would not close"),
        ("Mayor Ruth Anand denied that the harbour would close.", "the harbour would close"),
        (
            "Officials did not say when the road would reopen, but said repairs had begun.",
            "repairs had begun",
        ),
    ],
)
def test_scope_rules_a_negation_inside_the_content_or_beside_it_keeps_the_quote(
    statements: Extractor, text: str, fragment: str
) -> None:
    assert [q.text for q in statements.extract(text).quotes] == [fragment]


def test_scope_rules_statements_is_the_default_where_people_read_output() -> None:
    assert DEFAULT_SCOPE == "statements"
    assert Settings().scope == "statements"
    assert IngestOptions().settings.scope == "statements"
    assert Extractor().extract("Councillor Tom Baker announced a new budget for the harbour.").quotes == ()


def test_scope_rules_quoted_words_are_kept_whatever_the_verb(statements: Extractor) -> None:
    text = 'Councillor Tom Baker believes the toll is "a tax on the poor".'
    quotes = statements.extract(text).quotes
    assert [q.type for q in quotes] == ["mixed"]
    assert quotes[0].speaker is not None and quotes[0].speaker.name == "Tom Baker"


def test_scope_rules_a_speaker_only_in_a_left_out_report_is_not_a_source(statements: Extractor) -> None:
    text = "Mayor Ruth Anand criticised the toll plan. Councillor Tom Baker said the toll would be dropped."
    names = [s.name for s in statements.extract(text).speakers]
    assert names == ["Tom Baker"]


def test_scope_rules_the_scope_names_agree_and_are_checked() -> None:
    assert tuple(choice.value for choice in ScopeChoice) == SCOPES
    with pytest.raises(ValueError, match="bad scope"):
        Settings(scope="everything")  # type: ignore[arg-type]


def test_scope_rules_eval_extracts_under_the_gold_guideline() -> None:
    assert gold_scope(pieces=True) is ScopeChoice.statements
    assert gold_scope(pieces=False) is ScopeChoice.attributions
    assert gold_scope(pieces=True, scope=ScopeChoice.attributions) is ScopeChoice.attributions


def test_scope_rules_extract_command_takes_scope(tmp_path: Path) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text(
        "Mayor Ruth Anand criticised the toll plan. Councillor Tom Baker said the toll would go.",
        encoding="utf-8",
    )
    counts = {}
    for scope in SCOPES:
        result = CliRunner().invoke(app, ["extract", str(article), "--scope", scope])
        assert result.exit_code == 0, result.output
        counts[scope] = len(json.loads(result.stdout)["quotes"])
    assert counts["statements"] < counts["attributions"]
