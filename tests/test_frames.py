"""Quotes as pandas DataFrames (issue 25): to_frame over Extractions and Store.quotes_frame over a store,
both with the columns of the quotes_resolved view, and a clear error when pandas is missing."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

import saidwhat
from saidwhat import Extractor, Failure
from saidwhat.errors import MissingExtraError, SaidwhatError
from saidwhat.store import Store
from saidwhat.store.resolved import COLUMNS
from sample_articles import WEB_ARTICLES


def _view_columns(db: Path) -> list[str]:
    with Store(db).read() as conn:
        return [row[1] for row in conn.execute("PRAGMA table_info(quotes_resolved)")]


def test_frames_columns_are_those_of_the_view(web_store: Path):
    assert list(COLUMNS) == _view_columns(web_store)


def test_frames_to_frame_one_row_per_quote(extractor: Extractor, web_store: Path):
    extractions = [extractor.extract(article) for article in WEB_ARTICLES]
    frame = saidwhat.to_frame([*extractions, Failure("bad", "input", "article text is empty")])
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == sum(len(e.quotes) for e in extractions)
    assert frame["quote_id"].tolist() == list(range(1, len(frame) + 1))
    first = frame.iloc[0]
    article, quote = WEB_ARTICLES[0], extractions[0].quotes[0]
    assert (first["article_id"], first["article_ext_id"], first["article_title"], first["source"]) == (
        1,
        article.id,
        article.title,
        article.source,
    )
    assert (first["date"], first["month"], first["text"], first["start_char"]) == (
        "2024-03-04",
        "2024-03",
        quote.text,
        quote.start,
    )
    # The same person named the same way in two articles is one speaker_id, as in the store.
    holloway = frame[frame["speaker"] == "Jane Holloway"]
    assert holloway["article_id"].nunique() == 2 and holloway["speaker_id"].nunique() == 1
    # The same table as the store holds for the same articles (its ids are its own).
    stored = Store(web_store).quotes_frame()
    same = [
        "article_ext_id",
        "text",
        "type",
        "kind",
        "cue",
        "speaker",
        "speaker_kind",
        "start_char",
        "end_char",
        "speaker_how",
    ]
    key = ["article_ext_id", "start_char"]
    mine = frame[same].sort_values(key).reset_index(drop=True)
    theirs = stored[same].sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, theirs, check_dtype=False)


def test_frames_to_frame_takes_docs_from_the_spacy_component():
    from saidwhat.spacy_component import load_pipeline

    nlp = load_pipeline()
    docs = list(nlp.pipe(article.text for article in WEB_ARTICLES[:2]))
    frame = saidwhat.to_frame(docs)
    assert len(frame) == sum(len(doc._.quotes) for doc in docs) > 0
    with pytest.raises(TypeError, match="expected an Extraction"):
        saidwhat.to_frame([nlp.make_doc("No component ran on this.")])


def test_frames_store_quotes_frame_filters(web_store: Path):
    store = Store(web_store)
    everything = store.quotes_frame()
    with store.read() as conn:
        assert len(everything) == conn.execute("SELECT count(*) FROM quotes_resolved").fetchone()[0]
    assert list(everything.columns) == list(COLUMNS)
    holloway = store.quotes_frame(speaker="Holloway")
    assert len(holloway) > 0 and set(holloway["speaker"]) == {"Jane Holloway"}
    assert set(store.quotes_frame(source="Evening Post")["source"]) == {"Evening Post"}
    assert len(store.quotes_frame(text="bridge")) < len(everything)
    nobody = store.quotes_frame(speaker="Nobody Atall")
    assert nobody.empty and list(nobody.columns) == list(COLUMNS)


def test_frames_without_pandas_says_how_to_install(monkeypatch: pytest.MonkeyPatch, extractor: Extractor):
    monkeypatch.setitem(sys.modules, "pandas", None)  # what an environment without the extra gives
    extraction = extractor.extract(WEB_ARTICLES[0])
    with pytest.raises(MissingExtraError, match=r"pip install 'saidwhat\[pandas\]'") as caught:
        saidwhat.to_frame([extraction])
    assert isinstance(caught.value, ImportError) and isinstance(caught.value, SaidwhatError)
