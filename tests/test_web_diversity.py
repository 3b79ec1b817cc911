"""The /diversity page and /api/diversity (JSON and CSV) over the fixture store (TestClient)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from saidwhat.web import create_app


@pytest.fixture(scope="module")
def client(web_store):
    with TestClient(create_app(web_store)) as test_client:
        yield test_client


def test_web_api_diversity_counts_people_by_gender(client):
    data = client.get("/api/diversity", params={"by": "source"}).json()
    total = data["total"]
    assert total["people"]["female"] >= 1  # Mayor Jane Holloway: "she"/title evidence or first name
    assert {v["name"] for v in data["top_women"]} >= {"Jane Holloway"}
    assert any(v["name"] == "Tom Baker" for v in data["top_men"])
    assert data["by"] == ["source"] and data["groups"]
    assert all(g["source"] for g in data["groups"])
    assert set(total["sources"]) == {"people", "organisations", "unnamed", "unattributed"}


def test_web_api_diversity_filters_and_rejects_bad_parameters(client):
    gazette = client.get("/api/diversity", params={"source": "Riverside Gazette", "by": "month"}).json()
    assert [g["month"] for g in gazette["groups"]] == ["2024-03"]
    assert client.get("/api/diversity", params={"by": "outlet"}).status_code == 422
    response = client.get("/api/diversity", params={"since": "2024-05-01", "until": "2024-01-01"})
    assert response.status_code == 400 and response.json()["error"]


def test_web_api_diversity_csv_download(client):
    response = client.get("/api/diversity.csv", params={"by": "source,month"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    lines = response.text.splitlines()
    assert lines[0].startswith("source,month,quotes_female")
    assert lines[-1].startswith("(all),(all),")


def test_web_pages_diversity_draws_charts_per_month_and_outlet(client):
    response = client.get("/diversity")
    html = response.text
    assert response.status_code == 200
    assert "Who gets a voice" in html and "Per month" in html and "Per outlet" in html
    assert "Riverside Gazette" in html and "2024-03" in html
    assert '<svg viewBox="0 0 100 12"' in html and 'role="img"' in html
    assert "Jane Holloway" in html and "/api/diversity.csv" in html
    assert "<script" not in html


def test_web_pages_diversity_explains_a_bad_date(client):
    response = client.get("/diversity", params={"since": "last spring", "source": ""})
    assert response.status_code == 200 and "is not a date" in response.text
