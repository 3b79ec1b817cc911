"""The front door: saidwhat.extract and Extractor on small hand-written articles."""

from __future__ import annotations

import saidwhat
from saidwhat import Article, Extractor, Failure


def test_pipeline_public_surface_is_pinned():
    assert sorted(saidwhat.__all__) == [
        "Article",
        "Extraction",
        "Extractor",
        "Failure",
        "Mention",
        "Quote",
        "Settings",
        "Span",
        "Speaker",
        "extract",
    ]


def test_pipeline_extracts_direct_quote_with_speaker(extractor: Extractor):
    text = 'Mayor Jane Holloway opened the bridge on Monday.\n\n"This bridge joins two towns," Holloway said.'
    result = extractor.extract(text)
    assert len(result.quotes) == 1
    quote = result.quotes[0]
    assert quote.text == "This bridge joins two towns"
    assert quote.type == "direct"
    assert quote.speaker is not None and quote.speaker.name == "Jane Holloway"
    assert quote.cue is not None and quote.cue.text == "said"


def test_pipeline_batch_records_failures_and_goes_on(extractor: Extractor):
    articles = [
        Article(id="a", text='"We will win," said Tom Baker.'),
        Article(id="empty", text="   "),
        Article(id="b", text="Sara Lind said the plan would fail."),
    ]
    results = list(extractor.pipe(articles))
    assert [r.article_id if isinstance(r, Failure) else r.article.id for r in results] == ["a", "empty", "b"]
    assert isinstance(results[1], Failure) and results[1].stage == "input"
