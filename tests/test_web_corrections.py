"""Corrections over HTTP (``saidwhat serve --edit``) with FastAPI's TestClient on a copy of the web store:
every kind through the API, the pages' forms, and the safety cases (read-only 405, token, origin, host)."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from saidwhat.store import Store
from saidwhat.web import create_app
from saidwhat.web.edit_token import COOKIE, TOKEN_HEADER
from saidwhat.web.settings import WebSettings

TOKEN = "test-token-not-secret"
HOSTS = ("testserver", "localhost", "127.0.0.1")
OWN = {TOKEN_HEADER: TOKEN, "origin": "http://testserver"}


@pytest.fixture
def db(tmp_path: Path, web_store: Path) -> Path:
    copy = tmp_path / "w.db"
    shutil.copyfile(web_store, copy)
    return copy


@pytest.fixture
def editor(db: Path) -> Iterator[TestClient]:
    settings = WebSettings(edit_token=TOKEN, allowed_hosts=HOSTS)
    with TestClient(create_app(db, settings=settings)) as client:
        yield client


def quote_id(db: Path, words: str) -> int:
    with Store(db).read() as conn:
        return int(conn.execute("SELECT id FROM quotes WHERE text LIKE ?", (f"%{words}%",)).fetchone()[0])


def speaker_id(client: TestClient, name: str) -> int:
    return int(client.get("/api/speakers", params={"name": name}).json()["items"][0]["id"])


def csv_speakers(client: TestClient) -> dict[str, str]:
    text = client.get("/api/quotes", params={"format": "csv"}).text
    return {r["text"]: r["speaker_name"] for r in csv.DictReader(io.StringIO(text))}


def correct(client: TestClient, **body: object) -> str:
    response = client.post("/api/corrections", json=body, headers=OWN)
    assert response.status_code == 201, response.text
    return str(response.json()["message"])


def test_web_corrections_every_kind_through_the_api(editor: TestClient, db: Path) -> None:
    tolls = quote_id(db, "tolls would be dropped")
    assert "-> Tom Baker" in correct(editor, kind="speaker", quote_id=tolls, speaker="Tom Baker", note="n")
    assert csv_speakers(editor)["tolls would be dropped within a year"] == "Tom Baker"
    baker = speaker_id(editor, "Tom Baker")
    assert editor.get(f"/api/speakers/{baker}").json()["quotes"] == 3
    dry = quote_id(db, "residents about dry")
    assert "rejected" in correct(editor, kind="reject", quote_id=dry)
    assert "residents about dry weather" not in csv_speakers(editor)
    assert "restored" in correct(editor, kind="restore", quote_id=dry)
    assert "type direct -> mixed" in correct(
        editor, kind="type", quote_id=quote_id(db, "This bridge"), type="mixed"
    )
    assert "checked" in correct(editor, kind="right", quote_id=quote_id(db, "keep asking"))
    added = correct(editor, kind="add", article_id=1, start=0, end=19, speaker="Tom Baker")
    assert "added to article 1" in added
    holloway = speaker_id(editor, "Jane Holloway")
    lind = speaker_id(editor, "Sara Lind")
    assert "merged into" in correct(editor, kind="merge", speaker_ids=[holloway, lind])
    assert "undone" in correct(editor, kind="undo")
    missing = editor.post("/api/corrections", json={"kind": "speaker", "quote_id": tolls}, headers=OWN)
    assert missing.status_code == 422 and missing.json()["error"] == "invalid_parameters"
    unknown = editor.post("/api/corrections", json={"kind": "reject", "quote_id": 99999}, headers=OWN)
    assert unknown.status_code == 404


def test_web_corrections_read_only_server_answers_405(web_store: Path) -> None:
    with TestClient(create_app(web_store)) as client:
        api = client.post("/api/corrections", json={"kind": "undo"}, headers=OWN)
        assert api.status_code == 405 and api.json()["error"] == "method_not_allowed"
        form = client.post("/corrections", data={"kind": "undo", "token": TOKEN})
        assert form.status_code == 405
        assert "Change speaker" not in client.get("/articles/1", params={"token": TOKEN}).text


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 403),  # no token
        ({TOKEN_HEADER: "wrong"}, 403),
        ({TOKEN_HEADER: TOKEN, "origin": "http://evil.example"}, 403),
        ({TOKEN_HEADER: TOKEN, "origin": "null"}, 403),
        ({TOKEN_HEADER: TOKEN, "origin": "null", "sec-fetch-site": "same-origin"}, 201),  # no-referrer policy
        ({TOKEN_HEADER: TOKEN, "sec-fetch-site": "cross-site"}, 403),
        ({TOKEN_HEADER: TOKEN, "sec-fetch-site": "same-site", "origin": "http://testserver"}, 403),
        ({TOKEN_HEADER: TOKEN, "origin": "http://testserver:8001"}, 403),  # another port is another origin
        ({TOKEN_HEADER: TOKEN, "referer": "https://evil.example/page"}, 403),
        ({TOKEN_HEADER: TOKEN, "host": "evil.example"}, 400),  # not in the allowlist
        ({TOKEN_HEADER: TOKEN, "referer": "http://testserver/check"}, 201),
        ({TOKEN_HEADER: TOKEN}, 201),  # a script (curl) sends neither Origin nor Referer
    ],
)
def test_web_corrections_refuse_writes_without_token_or_from_elsewhere(
    editor: TestClient, db: Path, headers: dict[str, str], status: int
) -> None:
    body = {"kind": "reject", "quote_id": quote_id(db, "residents about dry")}
    response = editor.post("/api/corrections", json=body, headers=headers)
    assert response.status_code == status, response.text
    with Store(db).read() as conn:
        written = conn.execute("SELECT count(*) FROM corrections").fetchone()[0]
    assert written == (1 if status == 201 else 0)


def test_web_corrections_pages_forms_need_the_token(editor: TestClient, db: Path) -> None:
    tolls = quote_id(db, "tolls would be dropped")
    assert "Change speaker" not in editor.get("/articles/1").text  # a browser without the token
    opened = editor.get("/check", params={"token": TOKEN})
    assert opened.status_code == 200 and COOKIE in opened.headers.get("set-cookie", "")
    article = editor.get("/articles/1")  # the cookie now set
    assert "Change speaker" in article.text and f'value="{TOKEN}"' in article.text
    form = {"kind": "speaker", "quote_id": str(tolls), "speaker": "Tom Baker", "back": "/articles/1"}
    refused = editor.post("/corrections", data=form, headers={"origin": "http://testserver"})
    assert refused.status_code == 403  # the cookie alone is not enough
    done = editor.post(
        "/corrections",
        data={**form, "token": TOKEN},
        headers={"origin": "http://testserver"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/articles/1"
    speaker = editor.get(f"/speakers/{speaker_id(editor, 'Tom Baker')}").text
    assert "tolls would be dropped" in speaker
    elsewhere = editor.post(
        "/corrections", data={**form, "token": TOKEN, "back": "//evil.example/"}, follow_redirects=False
    )
    assert elsewhere.headers["location"] == "/check"


def test_web_corrections_check_page_lists_least_certain_first_and_right_leaves_it(
    editor: TestClient, db: Path
) -> None:
    page = editor.get("/check", params={"token": TOKEN}).text
    assert "Not a quote" in page and "Wrong speaker" in page
    first = quote_id(db, "residents about dry")  # the least certain quote of the fixture store
    assert page.index(f'id="check-{first}"') < page.index('id="check-', page.index(f'id="check-{first}"') + 1)
    editor.post(
        "/corrections",
        data={"kind": "right", "quote_id": str(first), "token": TOKEN},
        headers={"origin": "http://testserver"},
    )
    assert f'id="check-{first}"' not in editor.get("/check").text


def test_web_corrections_serve_edit_refuses_any_host(web_store: Path) -> None:
    from typer.testing import CliRunner

    from saidwhat.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(web_store), "--edit", "--allow-host", "*"])
    assert result.exit_code == 2 and "--edit needs a list of allowed hosts" in result.output


def test_web_corrections_add_a_quote_by_its_words_on_the_article_page(editor: TestClient, db: Path) -> None:
    page = editor.get("/articles/1", params={"token": TOKEN}).text
    assert "Add a quote saidwhat missed" in page and "/static/correct.js" in page
    form = {"kind": "add", "article_id": "1", "token": TOKEN, "speaker": "Hannah Reed", "back": "/articles/1"}
    own = {"origin": "http://testserver"}
    twice = editor.post("/corrections", data={**form, "words": "Holloway"}, headers=own)
    assert twice.status_code == 400 and "times" in twice.text
    absent = editor.post("/corrections", data={**form, "words": "not in it"}, headers=own)
    assert absent.status_code == 400
    done = editor.post(
        "/corrections",
        data={**form, "words": "“opened the new harbour\n bridge on Monday”"},  # marks and spacing differ
        headers=own,
        follow_redirects=False,
    )
    assert done.status_code == 303
    rows = csv_speakers(editor)
    assert rows["opened the new harbour bridge on Monday"] == "Hannah Reed"
