"""Small things a new user meets first (issue 24): section labels are not speakers, HTML articles keep
their paragraphs, and the overview counts the people quoted, not places typed as organisations."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from saidwhat import Extractor
from saidwhat.ingest.files import html_article
from saidwhat.model import Article, Extraction, Quote, Span, Speaker
from saidwhat.store import Store
from saidwhat.store import queries as q
from saidwhat.store.writer import StoreWriter
from saidwhat.web import create_app

PAGE = """<html><head><title>Budget</title></head><body><article><h1>Budget</h1>
<p>The minister presented the budget on Tuesday to a full chamber of members.</p>
<p>"We cannot keep borrowing against our children's future," said Finance Minister Helen Achterberg.</p>
<p>Opposition members said the cuts would fall hardest on the poorest families in the country.</p>
</article></body></html>"""


def test_first_contact_an_interview_label_is_not_a_speaker(extractor: Extractor) -> None:
    text = (
        "Interview: Helen Achterberg on inflation, wages and the next election\n\n"
        '"Worried is the wrong word," Ms. Achterberg said.'
    )
    names = [s.name for s in extractor.extract(text).speakers]
    assert "Interview" not in names and "Helen Achterberg" in names


def test_first_contact_html_articles_keep_their_paragraphs() -> None:
    article = html_article(PAGE, article_id="budget", source=None)
    assert isinstance(article, Article)
    assert 'full chamber of members.\n\n"We cannot' in article.text
    assert "\n\n\n" not in article.text


def test_first_contact_the_overview_counts_people_not_places(tmp_path: Path) -> None:
    text = "Harbor City said yes. Ann Lee said no."
    speakers = (Speaker("city", "Harbor City", "organisation"), Speaker("lee", "Ann Lee", "person"))
    quotes = tuple(
        Quote(
            spans=(Span(a, b),),
            text=text[a:b],
            type="direct",
            speaker=s,
            mention=None,
            cue=None,
            confidence=0.9,
        )
        for s, (a, b) in zip(speakers, [(17, 20), (35, 37)], strict=True)
    )
    writer = StoreWriter(Store(tmp_path / "s.db").writer())
    writer.write(Extraction(article=Article(id="a", text=text), quotes=quotes, speakers=speakers))
    writer.conn.close()
    with Store(tmp_path / "s.db").read() as conn:
        counts = q.stats(conn)
    assert (counts.speakers, counts.people) == (2, 1)
    page = TestClient(create_app(tmp_path / "s.db")).get("/").text
    assert '1</span><span class="label">person quoted by name' in page and "named speakers" not in page
