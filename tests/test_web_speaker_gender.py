"""Speaker gender where readers look for it: the speaker list and page, /api/speakers (filter, records,
downloads) and ``saidwhat speakers``, over a store of its own with one reader's correction (issue 15)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from saidwhat import Article
from saidwhat.cli import app
from saidwhat.store import Store
from saidwhat.store.diversity import set_gender
from saidwhat.store.gender import gender_detail, with_genders
from saidwhat.store.queries import find_speakers, list_speakers
from saidwhat.store.writer import StoreWriter
from saidwhat.web import create_app

ARTICLES = [
    Article(
        id="harbour-wall",
        date="2025-02-03",
        source="Quayside News",
        text=(
            "Councillor Priya Natarajan said the harbour wall would be mended by June. "
            "“We have waited long enough,” she said.\n\n"
            "The Port Authority said in a statement that the work would start in spring."
        ),
    ),
    Article(
        id="ferry",
        date="2025-02-05",
        source="Quayside News",
        text=(
            "“The ferry timetable is a mess,” said Mr. Colm Brennan, who runs the cafe on the quay.\n\n"
            "Dr. Kim Sato said the new timetable suited the night nurses. “It is far better,” Sato said."
        ),
    ),
    Article(
        id="market",
        date="2025-03-01",
        source="Lantern Weekly",
        text=(
            "“Stalls will open at eight,” said Alex Morgan, the market manager.\n\n"
            "Brennan said the cafe would stay open late on market days."
        ),
    ),
]


@pytest.fixture(scope="module")
def gender_db(tmp_path_factory, extractor):
    """The three articles, and a reader's correction: Kim Sato ("Kim" decides nothing) is a woman."""
    db = tmp_path_factory.mktemp("gender") / "gender.db"
    conn = Store(db).writer()
    writer = StoreWriter(conn)
    for result in extractor.pipe(ARTICLES):
        writer.write(result)
    (sato,) = find_speakers(conn, "Kim Sato")
    set_gender(conn, sato, "female")
    conn.close()
    return db


@pytest.fixture(scope="module")
def client(gender_db):
    with TestClient(create_app(gender_db)) as test_client:
        yield test_client


def _by_name(items: list[dict]) -> dict[str, dict]:
    return {item["name"]: item for item in items}


# --- the store ---------------------------------------------------------------------------------------


def test_store_lists_speakers_with_gender_and_filters_by_it(gender_db):
    with Store(gender_db).read() as conn:
        every = {s.name: s for s in with_genders(conn, list_speakers(conn))}
        women = [s.name for s in list_speakers(conn, gender="female")]
        men = [s.name for s in list_speakers(conn, gender="male")]
        unknown = [s.name for s in list_speakers(conn, gender="unknown")]
    priya, colm = every["Priya Natarajan"], every["Colm Brennan"]
    assert (priya.gender, priya.gender_evidence) == ("female", "pronoun")
    assert (colm.gender, colm.gender_evidence) == ("male", "honorific")
    sato = every["Kim Sato"]
    assert (sato.gender, sato.gender_evidence, sato.gender_corrected) == ("female", "corrected", True)
    assert every["Port Authority"].gender is None and not every["Port Authority"].gender_corrected
    assert set(women) == {"Priya Natarajan", "Kim Sato"}
    assert "Colm Brennan" in men and not set(men) & set(women)
    assert "Port Authority" not in unknown, "organisations have no gender to find or correct"
    assert not set(unknown) & (set(women) | set(men))


def test_store_gender_detail_keeps_what_the_articles_said_beside_the_correction(gender_db):
    with Store(gender_db).read() as conn:
        (sato,) = find_speakers(conn, "Kim Sato")
        (brennan,) = find_speakers(conn, "Colm Brennan")
        corrected, plain = gender_detail(conn, sato), gender_detail(conn, brennan)
    assert corrected.call.corrected and corrected.call.gender == "female"
    assert corrected.found.gender is None and not corrected.found.corrected
    assert plain.call == plain.found and plain.call.gender == "male"
    assert plain.counts["honorific"][1] >= 1  # "Mr. Colm Brennan"


def test_store_a_canonical_speakers_own_correction_outweighs_a_partial_names(gender_db, tmp_path):
    db = tmp_path / "copy.db"
    db.write_bytes(gender_db.read_bytes())
    conn = Store(db).writer()
    # "Brennan" was corrected while it stood alone; "Colm Brennan", whom it now joins, was corrected too.
    conn.execute("INSERT INTO speaker_gender_corrections (key, gender) VALUES ('brennan', 'female')")
    (brennan,) = find_speakers(conn, "Colm Brennan")
    set_gender(conn, brennan, "unknown")
    conn.close()
    with Store(db).read() as conn:
        (row,) = with_genders(conn, list_speakers(conn, name="Colm Brennan"))
    assert (row.gender, row.gender_corrected) == (None, True)


# --- the API -----------------------------------------------------------------------------------------


def test_web_api_speakers_carry_gender_evidence_and_correction(client):
    items = _by_name(client.get("/api/speakers").json()["items"])
    assert {"gender", "gender_evidence", "gender_corrected"} <= items["Priya Natarajan"].keys()
    assert items["Priya Natarajan"]["gender"] == "female"
    assert items["Priya Natarajan"]["gender_corrected"] is False
    assert (items["Kim Sato"]["gender"], items["Kim Sato"]["gender_corrected"]) == ("female", True)
    assert items["Kim Sato"]["gender_evidence"] == "corrected"
    top = _by_name(client.get("/api/stats").json()["top_speakers"])
    assert top["Colm Brennan"]["gender"] == "male"


def test_web_api_speakers_filter_by_gender(client):
    def names(gender: str) -> set[str]:
        response = client.get("/api/speakers", params={"gender": gender})
        assert response.status_code == 200, response.text
        return {item["name"] for item in response.json()["items"]}

    assert names("female") == {"Priya Natarajan", "Kim Sato"}
    assert "Colm Brennan" in names("male")
    assert "Port Authority" not in names("unknown")
    response = client.get("/api/speakers", params={"gender": "other"})
    assert response.status_code == 422 and response.json()["error"]


def test_web_api_speaker_record_shows_gender_and_its_evidence(client):
    sato = _by_name(client.get("/api/speakers").json()["items"])["Kim Sato"]["id"]
    body = client.get(f"/api/speakers/{sato}").json()
    assert (body["gender"], body["gender_corrected"]) == ("female", True)
    assert body["gender_evidence"] == "corrected"
    assert body["gender_found"] == {"gender": None, "evidence": None}
    brennan = _by_name(client.get("/api/speakers").json()["items"])["Colm Brennan"]["id"]
    body = client.get(f"/api/speakers/{brennan}").json()
    assert body["gender_found"] == {"gender": "male", "evidence": "honorific"}
    assert {"evidence": "honorific", "female": 0, "male": 1} in body["gender_counts"]


def test_web_api_speaker_downloads_carry_the_gender_columns_and_filter(client):
    response = client.get("/api/speakers", params={"format": "csv", "gender": "female"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {"gender", "gender_evidence", "gender_corrected"} <= rows[0].keys()
    corrected = {r["name"]: r["gender_corrected"] for r in rows}
    assert corrected == {"Priya Natarajan": "False", "Kim Sato": "True"}
    every = json.loads(client.get("/api/speakers", params={"format": "json"}).text)
    assert _by_name(every)["Kim Sato"]["gender_corrected"] is True


# --- the pages ---------------------------------------------------------------------------------------


def test_web_pages_speaker_list_shows_and_filters_by_gender(client):
    html = client.get("/speakers").text
    assert '<th scope="col">Gender</th>' in html and 'name="gender"' in html
    assert "gender-female" in html and "corrected</span>" in html
    women = client.get("/speakers", params={"gender": "female"}).text
    assert "Priya Natarajan" in women and "Colm Brennan" not in women
    assert "<option selected>female</option>" in women
    assert "/api/speakers?gender=female&amp;format=csv" in women


def test_web_pages_speaker_list_explains_a_bad_gender(client):
    response = client.get("/speakers", params={"gender": "robot", "name": ""})
    assert response.status_code == 200
    assert "is not female, male or unknown" in response.text and "Colm Brennan" in response.text
    assert "gender=robot" not in response.text


def test_web_pages_speaker_page_shows_gender_evidence_and_how_to_correct_it(client):
    items = _by_name(client.get("/api/speakers").json()["items"])
    html = client.get(f"/speakers/{items['Colm Brennan']['id']}").text
    assert 'id="gender-head"' in html and "gender-male" in html and "from Ms, Mr, Sir" in html
    assert f"saidwhat speakers set-gender {items['Colm Brennan']['id']}" in html
    html = client.get(f"/speakers/{items['Kim Sato']['id']}").text
    assert "corrected by a reader" in html and "The articles alone say: unknown" in html
    html = client.get(f"/speakers/{items['Port Authority']['id']}").text
    assert "Organisations get no gender" in html and "set-gender" not in html


# --- the CLI -----------------------------------------------------------------------------------------


def test_cli_speakers_lists_gender_and_corrections(gender_db):
    runner = CliRunner()
    result = runner.invoke(app, ["speakers", "--db", str(gender_db), "--json"])
    assert result.exit_code == 0, result.output
    listed = _by_name(json.loads(result.output))
    assert (listed["Kim Sato"]["gender"], listed["Kim Sato"]["gender_corrected"]) == ("female", True)
    assert listed["Colm Brennan"]["gender_corrected"] is False
    table = runner.invoke(app, ["speakers", "--db", str(gender_db)], env={"COLUMNS": "160"}).output
    assert "female (corrected)" in table and "male (honorific)" in table
