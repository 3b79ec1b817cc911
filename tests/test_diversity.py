"""Speaker gender in the store (evidence across articles, corrections) and the diversity report and CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from saidwhat import Article
from saidwhat.cli import app
from saidwhat.store import Store
from saidwhat.store.diversity import diversity, parse_by
from saidwhat.store.gender import speaker_genders
from saidwhat.store.queries import find_speakers
from saidwhat.store.writer import StoreWriter

ARTICLES = [
    Article(
        id="library",
        text=(
            "Mayor Ana Reyes opened the new library on Monday. “Books belong to everyone,” she said.\n\n"
            "Councillor Tom Baker said the costs were too high. “We will ask questions,” Mr. Baker said."
        ),
        date="2024-03-04",
        source="Riverside Gazette",
    ),
    Article(
        id="bookshop",
        text=(
            "“The figures are wrong,” said Robert Lindqvist, who runs the bookshop next door.\n\n"
            "Officials said the library would open on Sundays."
        ),
        date="2024-04-10",
        source="Harbour Herald",
    ),
    Article(
        id="robin-1",
        text="“We need more buses,” said Robin Okonkwo, who chairs the residents' group.",
        date="2024-04-11",
        source="Harbour Herald",
    ),
    Article(
        id="robin-2",
        text="Robin Okonkwo spoke at the meeting. “The buses are late every day,” she said.",
        date="2024-04-12",
        source="Harbour Herald",
    ),
]


@pytest.fixture
def store(tmp_path, extractor):
    db = tmp_path / "store.db"
    conn = Store(db).writer()
    writer = StoreWriter(conn)
    for result in extractor.pipe(ARTICLES):
        writer.write(result)
    conn.close()
    return db


def _id(db, name: str) -> int:
    with Store(db).read() as conn:
        (found,) = find_speakers(conn, name)
        return found


def test_store_decides_gender_from_every_article(store):
    with Store(store).read() as conn:
        genders = speaker_genders(conn)
        by_name = {
            name: genders.get(_id(store, name)) for name in ("Ana Reyes", "Tom Baker", "Robin Okonkwo")
        }
    assert by_name["Ana Reyes"].gender == "female"
    assert (by_name["Tom Baker"].gender, by_name["Tom Baker"].evidence) == ("male", "honorific")
    # "Robin" is no one-sided first name; the pronoun of the second article decides for both.
    assert (by_name["Robin Okonkwo"].gender, by_name["Robin Okonkwo"].evidence) == ("female", "pronoun")


def test_store_diversity_counts_people_quotes_and_kinds_of_source(store):
    with Store(store).read() as conn:
        report = diversity(conn, by=parse_by("source"))
    total = report.total
    assert total["people"] == {"female": 2, "male": 2, "unknown": 0}
    assert total["female_share_people"] == 0.5
    assert total["sources"]["unnamed"] >= 1  # "Officials said"
    assert [g["source"] for g in report.groups] == ["Harbour Herald", "Riverside Gazette"]
    assert report.top_women[0].name in {"Ana Reyes", "Robin Okonkwo"}
    assert {v.name for v in report.top_men} == {"Tom Baker", "Robert Lindqvist"}
    with Store(store).read() as conn:
        april = diversity(conn, by=("month",), since="2024-04-01", source="Harbour Herald")
    assert [g["month"] for g in april.groups] == ["2024-04"]
    assert april.total["people"]["male"] == 1


def test_store_diversity_by_rejects_unknown_fields():
    assert parse_by("source,month") == ("source", "month")
    assert parse_by("") == ()
    with pytest.raises(Exception, match="--by"):
        parse_by("outlet")


def test_cli_set_gender_survives_reingest_and_is_shown_as_corrected(store, tmp_path):
    runner = CliRunner()
    baker = _id(store, "Tom Baker")
    result = runner.invoke(app, ["speakers", "set-gender", str(baker), "unknown", "--db", str(store)])
    assert result.exit_code == 0, result.output
    corrections = tmp_path / "fix.csv"
    corrections.write_text("name,gender\nRobert Lindqvist,female\n", encoding="utf-8")
    result = runner.invoke(app, ["speakers", "set-gender", "--csv", str(corrections), "--db", str(store)])
    assert result.exit_code == 0, result.output
    article = tmp_path / "more.txt"
    article.write_text("Tom Baker said the roof leaked. “It is a scandal,” Mr. Baker said.", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(article), "--db", str(store), "--no-progress"])
    assert result.exit_code == 0, result.output
    listed = json.loads(runner.invoke(app, ["speakers", "--db", str(store), "--json"]).output)
    shown = {s["name"]: (s["gender"], s["gender_evidence"]) for s in listed}
    assert shown["Tom Baker"] == (None, "corrected")
    assert shown["Robert Lindqvist"] == ("female", "corrected")


def test_cli_set_gender_explains_bad_input(store, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["speakers", "set-gender", "999999", "female", "--db", str(store)])
    assert result.exit_code == 2 and "no speaker" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("who,what\n1,female\n", encoding="utf-8")
    result = runner.invoke(app, ["speakers", "set-gender", "--csv", str(bad), "--db", str(store)])
    assert result.exit_code == 2 and "header" in result.output


@pytest.mark.parametrize("output", ["table", "csv", "json"])
def test_cli_diversity_formats(store, output):
    result = CliRunner().invoke(
        app, ["diversity", "--db", str(store), "--by", "source,month", "--format", output]
    )
    assert result.exit_code == 0, result.output
    if output == "json":
        data = json.loads(result.output)
        assert data["by"] == ["source", "month"] and data["total"]["people"]["female"] == 2
    elif output == "csv":
        lines = result.output.splitlines()
        assert lines[0].startswith("source,month,quotes_female,quotes_male,quotes_unknown,people_female")
        assert lines[-1].startswith("(all),(all),")
    else:
        assert "Most-quoted women" in result.output


def test_cli_diversity_rejects_a_bad_grouping(store):
    result = CliRunner().invoke(app, ["diversity", "--db", str(store), "--by", "outlet"])
    assert result.exit_code == 2
