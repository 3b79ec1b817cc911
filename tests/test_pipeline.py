"""The front door: saidwhat.extract and Extractor on small hand-written articles."""

from __future__ import annotations

import pytest

import saidwhat
from saidwhat import Article, Extractor, Failure, pipeline


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
        "render",
        "to_frame",
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


def test_pipeline_memory_zones_free_new_words_and_change_nothing(monkeypatch: pytest.MonkeyPatch):
    """Past the warm-up, each batch's new words are freed; later batches that meet them again (and
    the lemmas cached for them) still work, and the output is what extraction outside zones gives."""
    texts = [
        f"“The Zorblax-{n} plan is flurbing,” said Mayor Quinta Vell{n}. Officials glorped it{n} again."
        for n in range(6)
    ] * 2
    articles = [Article(id=str(k), text=text) for k, text in enumerate(texts)]
    monkeypatch.setattr(pipeline, "WARM_ARTICLES", 0)
    zoned = Extractor(settings=saidwhat.Settings(batch_size=2))
    strings = len(zoned.nlp.vocab.strings)
    results = list(zoned.pipe(articles))
    assert len(zoned.nlp.vocab.strings) == strings
    assert not [r for r in results if isinstance(r, Failure)]
    monkeypatch.setattr(pipeline, "WARM_ARTICLES", 10**9)  # the same articles outside any zone
    expected = [zoned.extract(article).to_dict() for article in articles]
    assert [r.to_dict() for r in results] == expected
