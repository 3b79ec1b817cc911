"""The HTTP API with FastAPI's TestClient over a store built from hand-written articles."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from saidwhat.store import Store
from saidwhat.web import create_app
from saidwhat.web.settings import DEFAULT_HOST, WebSettings

ERROR_KEYS = {"error", "status", "message", "details"}


@pytest.fixture(scope="module")
def web_db(web_store) -> Path:
    return web_store


@pytest.fixture(scope="module")
def client(web_db):
    with TestClient(create_app(web_db)) as test_client:
        yield test_client


def _ids(client, path: str, **params) -> list[int]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def _speaker_id(client, name: str) -> int:
    items = client.get("/api/speakers", params={"name": name}).json()["items"]
    assert items, f"no speaker {name}"
    return items[0]["id"]


# --- POST /api/extract --------------------------------------------------------------------------


def test_web_extract_text_follows_the_contract(client):
    text = 'Mayor Jane Holloway opened the bridge.\n\n"This bridge joins two towns," Holloway said.'
    response = client.post("/api/extract", json={"id": "b1", "text": text})
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == "b1" and body["text"] == text
    assert {"id", "quotes", "speakers"} <= body.keys()
    assert body["quotes"], "a plain direct quote with a named speaker is found"
    for quote in body["quotes"]:
        assert {"start", "end", "spans", "text", "type", "speaker", "cue", "confidence"} <= quote.keys()
        assert quote["type"] in {"direct", "mixed", "indirect"}
        first, last = quote["spans"][0], quote["spans"][-1]
        assert (quote["start"], quote["end"]) == (first[0], last[1])
        if len(quote["spans"]) == 1:
            assert text[quote["start"] : quote["end"]] == quote["text"]
        if quote["speaker"] is not None:
            assert {"id", "name", "mention", "start", "end", "kind"} <= quote["speaker"].keys()
        if quote["cue"] is not None:
            assert text[quote["cue"]["start"] : quote["cue"]["end"]] == quote["cue"]["text"]
    for speaker in body["speakers"]:
        assert {"id", "name", "kind", "aliases", "titles"} <= speaker.keys()


def test_web_extract_html_uses_the_main_text(client):
    html = (
        "<html><head><title>Bridge news</title></head><body><nav>Home | Sport | Weather</nav>"
        "<article><h1>Bridge opens</h1><p>Mayor Jane Holloway opened the harbour bridge on Monday.</p>"
        '<p>"This bridge joins two towns that waited too long," Holloway said at the ceremony.</p></article>'
        "<footer>Copyright Riverside Gazette</footer></body></html>"
    )
    response = client.post("/api/extract", json={"html": html})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "<p>" not in body["text"] and "Holloway" in body["text"]
    for quote in body["quotes"]:
        assert body["text"][quote["spans"][0][0] : quote["spans"][0][1]] in quote["text"]


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"text": "   "}, 400, "bad_input"),
        ({"html": "<html><body></body></html>"}, 400, "bad_input"),
        ({"text": "a", "html": "<p>a</p>"}, 422, "invalid_parameters"),
        ({}, 422, "invalid_parameters"),
        ({"text": 5}, 422, "invalid_parameters"),
        ({"text": "word " * 50_000}, 413, "too_large"),
    ],
)
def test_web_extract_rejects_bad_input_with_json(client, payload, status, code):
    response = client.post("/api/extract", json=payload)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body.keys() == ERROR_KEYS and body["error"] == code and body["status"] == status
    assert body["message"]


def test_web_extract_body_over_the_limit_is_413_declared_or_streamed(client):
    declared = client.post(
        "/api/extract", content=b"x" * 1_100_000, headers={"content-type": "application/json"}
    )
    streamed = client.post(
        "/api/extract",
        content=(b"y" * 100_000 for _ in range(12)),
        headers={"content-type": "application/json"},
    )
    for response in (declared, streamed):
        assert response.status_code == 413
        assert response.json()["error"] == "too_large"


def test_web_extract_lone_surrogates_are_a_clear_422(client):
    response = client.post("/api/extract", content=b'{"text": "\\ud800 \\"Hello there friend,\\" said Tom."}')
    assert response.status_code == 422 and response.json()["error"] == "invalid_parameters"


def test_web_extract_get_is_405_json(client):
    response = client.get("/api/extract")
    assert response.status_code == 405 and response.json()["error"] == "method_not_allowed"


# --- GET /api/quotes -----------------------------------------------------------------------------


def test_web_quotes_full_text_search(client):
    body = client.get("/api/quotes", params={"q": "bridge"}).json()
    assert body["total"] >= 1
    assert all("bridge" in item["text"].lower() for item in body["items"])
    assert client.get("/api/quotes", params={"q": "zebra crossing"}).json()["total"] == 0


def test_web_quotes_filters(client):
    holloway = _speaker_id(client, "Jane Holloway")
    by_name = client.get("/api/quotes", params={"speaker": "Jane Holloway"}).json()["items"]
    by_id = client.get("/api/quotes", params={"speaker_id": holloway}).json()["items"]
    assert by_name and {q["id"] for q in by_name} == {q["id"] for q in by_id}
    assert all(q["speaker"]["id"] == holloway for q in by_id)
    direct = client.get("/api/quotes", params={"type": "direct"}).json()["items"]
    assert direct and all(q["type"] == "direct" for q in direct)
    post = client.get("/api/quotes", params={"source": "Evening Post"}).json()["items"]
    assert post and all(q["article_source"] == "Evening Post" for q in post)
    one_day = client.get("/api/quotes", params={"since": "2024-03-04", "until": "2024-03-04"}).json()["items"]
    assert one_day and all(q["article_date"].startswith("2024-03-04") for q in one_day)


def test_web_quotes_pagination_walks_every_match_once(client):
    total = client.get("/api/quotes").json()["total"]
    seen: list[int] = []
    page = 1
    while True:
        body = client.get("/api/quotes", params={"page": page, "page_size": 2}).json()
        assert body["total"] == total and body["page_size"] == 2
        seen += [item["id"] for item in body["items"]]
        if page >= body["pages"]:
            break
        page += 1
    assert len(seen) == len(set(seen)) == total


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"page": 0}, 422),
        ({"page": "abc"}, 422),
        ({"page_size": 101}, 422),
        ({"since": "yesterday"}, 422),
        ({"type": "rumour"}, 422),
        ({"q": "x" * 201}, 422),
        ({"speaker_id": 2**70}, 422),
        ({"since": "2024-03-07", "until": "2024-03-01"}, 400),
    ],
)
def test_web_quotes_bad_parameters_are_clear_json(client, params, status):
    response = client.get("/api/quotes", params=params)
    assert response.status_code == status
    body = response.json()
    assert body.keys() == ERROR_KEYS and body["message"]
    if status == 422:
        assert body["details"] and body["details"][0]["parameter"]


def test_web_quotes_sql_and_fts_syntax_are_just_words(client, web_db):
    before = hashlib.sha256(web_db.read_bytes()).hexdigest()
    for q in ["'; DROP TABLE quotes; --", 'bridge" OR "1', "NEAR(bridge money)", "*", "bridge AND"]:
        assert client.get("/api/quotes", params={"q": q}).status_code == 200
    assert client.get("/api/quotes", params={"source": "x' OR '1'='1"}).json()["total"] == 0
    assert hashlib.sha256(web_db.read_bytes()).hexdigest() == before
    assert client.get("/api/stats").json()["quotes"] > 0


# --- speakers, articles, stats -------------------------------------------------------------------


def test_web_speakers_most_quoted_first(client):
    items = client.get("/api/speakers").json()["items"]
    counts = [s["quotes"] for s in items]
    assert counts == sorted(counts, reverse=True)
    assert items[0]["name"] == "Jane Holloway"
    page = client.get("/api/speakers", params={"page_size": 1}).json()
    assert len(page["items"]) == 1 and page["has_more"] is True


def test_web_speaker_detail_has_names_titles_and_days(client):
    holloway = _speaker_id(client, "Holloway")
    body = client.get(f"/api/speakers/{holloway}").json()
    assert body["name"] == "Jane Holloway" and body["quotes"] >= 2
    assert "Holloway" in {a["name"] for a in body["aliases"]}
    assert any("Mayor" in t["name"] for t in body["titles"])
    days = [d["date"] for d in body["per_day"]]
    assert "2024-03-04" in days and "2024-03-07" in days
    assert sum(d["quotes"] for d in body["per_day"]) == body["quotes"]


@pytest.mark.parametrize("path", ["/api/speakers/999999", "/api/articles/999999"])
def test_web_unknown_ids_are_404_json(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.json()["error"] == "not_found"


@pytest.mark.parametrize("path", ["/api/speakers/abc", "/api/articles/0", f"/api/articles/{2**64}"])
def test_web_bad_ids_are_422_json(client, path):
    assert client.get(path).status_code == 422


def test_web_article_has_text_and_quote_offsets(client):
    article_id = client.get("/api/quotes", params={"q": "tolls"}).json()["items"][0]["article_id"]
    body = client.get(f"/api/articles/{article_id}").json()
    text = body["text"]
    assert body["title"] == "Harbour bridge opens" and body["quotes"]
    for quote in body["quotes"]:
        assert quote["article_id"] == article_id
        if len(quote["spans"]) == 1:
            assert text[quote["start"] : quote["end"]] == quote["text"]
        if quote["cue_span"]:
            assert text[quote["cue_span"]["start"] : quote["cue_span"]["end"]] == quote["cue"]
        if quote["mention_span"]:
            assert text[quote["mention_span"]["start"] : quote["mention_span"]["end"]] == quote["mention"]


def test_web_stats_count_the_store(client):
    body = client.get("/api/stats").json()
    assert body["articles"] == 4 and body["quotes"] >= 6 and body["speakers"] >= 3
    assert [d["date"] for d in body["per_day"]] == sorted(d["date"] for d in body["per_day"])
    assert body["top_speakers"][0]["name"] == "Jane Holloway"


def test_web_unknown_api_path_is_404_json(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.json()["error"] == "not_found"


# --- security ------------------------------------------------------------------------------------


def test_web_store_connections_are_read_only(web_db):
    store = Store(web_db, pool_size=1)
    with store.read() as conn, pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM quotes")
    store.close()


def test_web_every_response_carries_security_headers(client):
    for path in ["/", "/api/stats", "/nope", "/static/style.css"]:
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_web_binds_loopback_by_default():
    from saidwhat.cli.serve import serve_command

    assert DEFAULT_HOST == "127.0.0.1"
    assert serve_command.__defaults__ is not None and "127.0.0.1" in serve_command.__defaults__


def test_web_missing_database_fails_at_startup(tmp_path: Path):
    from saidwhat.errors import NotFoundError

    with pytest.raises(NotFoundError):
        create_app(tmp_path / "missing.db")


def test_web_without_store_extracts_and_says_why_store_paths_fail():
    with TestClient(create_app(None, settings=WebSettings())) as bare:
        assert bare.get("/", follow_redirects=False).headers["location"] == "/paste"
        response = bare.get("/api/stats")
        assert response.status_code == 503 and "without a database" in response.json()["message"]


def test_web_extract_queue_limit_answers_503_json():
    with TestClient(create_app(None, settings=WebSettings(max_pending_extractions=0))) as busy:
        response = busy.post("/api/extract", json={"text": '"We will win," said Tom Baker.'})
        assert response.status_code == 503
        assert response.json()["error"] == "unavailable" and "try again" in response.json()["message"]
