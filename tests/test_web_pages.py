"""Server-rendered pages (TestClient) and the small pure helpers behind them: highlight runs, charts,
speaker colours and search-word marking."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from saidwhat.web import create_app
from saidwhat.web.charts import per_period
from saidwhat.web.colours import PALETTE_SIZE, assign
from saidwhat.web.highlight import Marked, runs
from saidwhat.web.matches import marked


@pytest.fixture(scope="module")
def client(web_store):
    with TestClient(create_app(web_store)) as test_client:
        yield test_client


def _article_id(client, word: str) -> int:
    return client.get("/api/quotes", params={"q": word}).json()["items"][0]["article_id"]


# --- pages -----------------------------------------------------------------------------------------


def test_web_pages_overview_shows_speakers_and_chart(client):
    html = client.get("/").text
    assert "Most-quoted speakers" in html and "Jane Holloway" in html
    assert '<svg class="chart"' in html and 'role="img"' in html
    assert "<script" not in html  # the pages need no JavaScript


def test_web_pages_search_accepts_a_blank_form(client):
    response = client.get(
        "/search", params={"q": "", "speaker": "", "since": "", "until": "", "source": "", "type": ""}
    )
    assert response.status_code == 200 and "result-item" in response.text


def test_web_pages_search_marks_words_and_keeps_filters_in_pager(client):
    html = client.get("/search", params={"q": "money"}).text
    assert "<b>money</b>" in html
    assert 'value="money"' in html


def test_web_pages_search_explains_a_bad_date_instead_of_failing(client):
    response = client.get("/search", params={"since": "March 4th"})
    assert response.status_code == 200
    assert "is not a date" in response.text


def test_web_pages_article_highlights_every_quote_in_speaker_colours(client):
    article_id = _article_id(client, "tolls")
    quotes = client.get(f"/api/articles/{article_id}").json()["quotes"]
    html = client.get(f"/articles/{article_id}").text
    anchors = re.findall(r'<mark class="q (sp-\d+|sp-none)" id="quote-(\d+)"', html)
    assert {int(quote_id) for _, quote_id in anchors} == {q["id"] for q in quotes}
    by_speaker: dict[str, set[str]] = {}
    for quote in quotes:
        colour = next(c for c, qid in anchors if int(qid) == quote["id"])
        by_speaker.setdefault(quote["speaker"]["name"] if quote["speaker"] else "", set()).add(colour)
    assert all(len(colours) == 1 for colours in by_speaker.values()), "one colour per speaker"
    named = [next(iter(c)) for name, c in by_speaker.items() if name]
    assert len(named) == len(set(named)), "different speakers, different colours"
    assert 'class="who"' in html and "Who said what" in html


def test_web_pages_article_text_and_title_are_escaped(client):
    article_id = _article_id(client, "paper")
    html = client.get(f"/articles/{article_id}").text
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html
    assert '<b onmouseover="alert(1)">' not in html and "&lt;b onmouseover=&#34;alert(1)&#34;&gt;" in html
    assert "<img src=x" not in html
    assert "<i>town hall</i>" not in html and "&lt;i&gt;town hall&lt;/i&gt;" in html


def test_web_pages_speaker_page_has_aliases_titles_chart_and_quotes(client):
    speaker_id = client.get("/api/speakers", params={"name": "Jane Holloway"}).json()["items"][0]["id"]
    html = client.get(f"/speakers/{speaker_id}").text
    assert "Jane Holloway" in html and "Holloway" in html
    assert "Mayor" in html
    assert '<rect class="bar"' in html
    assert html.count('class="result-item') >= 2


def test_web_pages_speakers_list(client):
    html = client.get("/speakers").text
    assert "Jane Holloway" in html and "Tom Baker" in html


def test_web_pages_paste_extracts_and_escapes(client):
    text = '"We will <script>win</script> this," said Tom Baker.'
    response = client.post("/paste", data={"text": text, "kind": "text"})
    assert response.status_code == 200
    assert "<mark class=" in response.text
    assert "<script>win" not in response.text and "&lt;script&gt;win" in response.text


def test_web_pages_paste_html_kind(client):
    page = '<html><body><article><p>Mayor Jane Holloway spoke on Monday.</p><p>"The bridge is open to everyone now," Holloway said.</p></article></body></html>'
    response = client.post("/paste", data={"text": page, "kind": "html"})
    assert response.status_code == 200
    shown = response.text.split('class="article-text"', 1)[1]
    assert "<mark class=" in shown and "&lt;p&gt;" not in shown and "Holloway" in shown


def test_web_pages_paste_empty_says_why(client):
    response = client.post("/paste", data={"text": "  ", "kind": "text"})
    assert response.status_code == 400 and "empty" in response.text and 'role="alert"' in response.text


@pytest.mark.parametrize(
    ("path", "status"), [("/nope", 404), ("/articles/999999", 404), ("/speakers/abc", 422)]
)
def test_web_pages_errors_are_html_pages(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html") and "<h1>" in response.text


# --- helpers ---------------------------------------------------------------------------------------


def test_web_highlight_runs_cover_the_text_exactly():
    text = 'Ann said "hello there" and "bye".'
    quotes = [Marked(spans=[(10, 21), (28, 31)], mention=(0, 3), cue=(4, 8))]
    pieces = runs(text, quotes)
    assert "".join(r.text for r in pieces) == text
    assert [(r.kind, r.text) for r in pieces if r.kind != "text"] == [
        ("mention", "Ann"),
        ("cue", "said"),
        ("quote", "hello there"),
        ("quote", "bye"),
    ]
    assert [r.first for r in pieces if r.kind == "quote"] == [True, False]


def test_web_highlight_innermost_quote_wins_and_bad_offsets_are_clipped():
    text = "abcdefghij"
    pieces = runs(
        text,
        [Marked(spans=[(0, 10)]), Marked(spans=[(3, 5)]), Marked(spans=[(8, 99)]), Marked(spans=[(7, 2)])],
    )
    assert "".join(r.text for r in pieces) == text
    assert [(r.quote, r.text) for r in pieces] == [(0, "abc"), (1, "de"), (0, "fgh"), (2, "ij")]


def test_web_colours_distinct_within_a_page_and_stable():
    ids = [f"speaker-{n}" for n in range(PALETTE_SIZE)]
    colours = assign(ids)
    assert len(set(colours.values())) == PALETTE_SIZE
    assert assign(ids) == colours


def test_web_chart_fills_missing_days_and_buckets_long_ranges():
    chart = per_period([("2024-03-01", 2), ("2024-03-04", 5), ("not a date", 9)])
    assert [b.value for b in chart.bars] == [2, 0, 0, 5] and chart.unit == "day"
    assert chart.max_value == 5 and "2024-03-04" in chart.summary
    assert per_period([("2020-01-01", 1), ("2024-01-01", 1)]).unit == "month"
    assert per_period([]).empty


def test_web_marked_matches_whole_words_ignoring_case_and_accents():
    assert marked("The Café opened; cafes closed.", "cafe") == [
        ("The ", False),
        ("Café", True),
        (" opened; cafes closed.", False),
    ]
    assert marked("anything", None) == [("anything", False)]


@st.composite
def _marked_quotes(draw):
    size = draw(st.integers(0, 40))
    span = st.tuples(st.integers(-5, size + 5), st.integers(-5, size + 5))
    quotes = draw(
        st.lists(
            st.builds(
                Marked,
                spans=st.lists(span, min_size=1, max_size=3),
                mention=st.none() | span,
                cue=st.none() | span,
            ),
            max_size=5,
        )
    )
    return "".join(chr(97 + n % 26) for n in range(size)), quotes


@settings(max_examples=300, deadline=None)
@given(_marked_quotes())
def test_web_highlight_each_character_gets_the_innermost_quote(case):
    text, quotes = case
    pieces = runs(text, quotes)
    assert "".join(r.text for r in pieces) == text
    position = 0
    for run in pieces:
        for offset in range(position, position + len(run.text)):
            covering = {
                n for n, q in enumerate(quotes) for s, e in q.spans if max(0, s) <= offset < min(len(text), e)
            }
            if covering:
                lengths = {
                    n: sum(
                        max(0, min(len(text), e) - max(0, s))
                        for s, e in quotes[n].spans
                        if max(0, s) < min(len(text), e)
                    )
                    for n in covering
                }
                best = min(lengths, key=lambda n: (lengths[n], n))
                assert (run.kind, run.quote) == ("quote", best)
            else:
                assert run.kind != "quote"
        position += len(run.text)
