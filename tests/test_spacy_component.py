"""The spaCy component (issue 25): nlp.add_pipe("saidwhat") gives what saidwhat.extract gives, keeps its
settings through nlp.to_disk/spacy.load, and its results survive n_process=2, Doc.to_bytes and DocBin."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from saidwhat import Article, Extractor, Settings
from saidwhat.ingest.options import IngestOptions
from saidwhat.ingest.reading import read_inputs
from saidwhat.spacy_component import DATA_KEY, load_pipeline
from sample_articles import HOLLOWAY_1, HOLLOWAY_2, HOSTILE, ROOT


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def default_extractor() -> Extractor:
    """``saidwhat.extract``'s own settings, which the component's defaults are."""
    return Extractor()


def test_spacy_component_matches_extract_on_hanoi(nlp: Language, default_extractor: Extractor, shared: Path):
    text = (shared / "fixtures" / "hanoi-summit.txt").read_text(encoding="utf-8")
    expected = default_extractor.extract(text)
    assert nlp(text)._.saidwhat == expected
    assert len(expected.quotes) >= 15


def test_spacy_component_matches_extract_on_bundled_corpus(nlp: Language, default_extractor: Extractor):
    articles = [
        a for a in read_inputs([str(ROOT / "examples" / "corpus")], IngestOptions()) if isinstance(a, Article)
    ]
    assert len(articles) >= 20
    docs = nlp.pipe(a.text for a in articles)
    for article, doc in zip(articles, docs, strict=True):
        expected = default_extractor.extract(article)
        assert (doc._.saidwhat.quotes, doc._.saidwhat.speakers) == (expected.quotes, expected.speakers), (
            article.id
        )


def test_spacy_component_gives_spans_over_the_doc(nlp: Language):
    doc = nlp(HOLLOWAY_1)
    quotes = doc._.quotes
    assert quotes and doc._.speakers
    for found in quotes:
        quote = found.quote
        assert len(found.content) == len(quote.spans)
        for span, chars in zip(found.content, quote.spans, strict=True):
            assert span.doc is doc and span.start_char <= chars.start and chars.end <= span.end_char
        if quote.cue is not None:
            assert found.cue is not None and quote.cue.text in found.cue.text
        if quote.mention is not None:
            assert found.mention is not None and found.mention.text == quote.mention.text
        assert (found.type, found.kind, found.confidence, found.speaker) == (
            quote.type,
            quote.kind,
            quote.confidence,
            quote.speaker,
        )
    bridge = next(q for q in quotes if q.text.startswith("This bridge"))
    assert bridge.type == "direct" and bridge.speaker is not None and bridge.speaker.name == "Jane Holloway"
    assert bridge.mention is not None and bridge.mention.text == "Holloway" and bridge.cue.text == "said"
    assert doc._.speakers == list(doc._.saidwhat.speakers)


def test_spacy_component_unrun_doc_has_no_quotes(nlp: Language):
    doc = nlp.make_doc(HOLLOWAY_2)
    assert (doc._.quotes, doc._.speakers, doc._.saidwhat) == ([], [], None)


def test_spacy_component_default_config_is_settings_defaults():
    config = Language.get_factory_meta("saidwhat").default_config
    defaults = Settings()
    assert config == {
        "scope": defaults.scope,
        "name_gender": defaults.name_gender,
        "keep_not_speech": defaults.keep_not_speech,
    }


def test_spacy_component_config_round_trips(tmp_path: Path):
    nlp = load_pipeline(scope="statements", name_gender=False)
    before = nlp(HOLLOWAY_1)._.saidwhat
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    assert loaded.config["components"]["saidwhat"] == {
        "factory": "saidwhat",
        "scope": "statements",
        "name_gender": False,
        "keep_not_speech": False,
    }
    settings = loaded.get_pipe("saidwhat").settings
    assert (settings.scope, settings.name_gender) == ("statements", False)
    assert loaded(HOLLOWAY_1)._.saidwhat == before


def test_spacy_component_rejects_bad_settings(nlp: Language):
    with pytest.raises(ValueError, match="allowed are statements, attributions"):
        load_pipeline(scope="everything")
    with pytest.raises(TypeError, match="unknown saidwhat setting 'gender'"):
        load_pipeline(gender=False)
    with pytest.raises(ValueError, match="needs a pipeline with a parser"):
        spacy.blank("en").add_pipe("saidwhat")


def test_spacy_component_results_survive_two_processes(nlp: Language):
    texts = [HOLLOWAY_1, HOSTILE, HOLLOWAY_2]
    one = [doc._.saidwhat for doc in nlp.pipe(texts)]
    two = [doc._.saidwhat for doc in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert two == one and all(e.quotes for e in one)


def test_spacy_component_results_survive_to_bytes_and_docbin(nlp: Language):
    docs = list(nlp.pipe([HOLLOWAY_1, HOSTILE]))
    again = Doc(nlp.vocab).from_bytes(docs[0].to_bytes())
    assert again._.saidwhat == docs[0]._.saidwhat
    assert [q.content for q in again._.quotes] != [] and again._.quotes[0].content[0].doc is again
    stored = DocBin(store_user_data=True, docs=docs).to_bytes()
    back = list(DocBin().from_bytes(stored).get_docs(nlp.vocab))
    assert [d._.saidwhat for d in back] == [d._.saidwhat for d in docs]
    assert set(docs[0].user_data) == {DATA_KEY}  # plain data only: the text is the Doc's own


def test_spacy_component_is_found_through_its_entry_point():
    """Installing saidwhat is enough: a process that never imports it still has the factory."""
    code = (
        "import spacy; from spacy.language import Language; spacy.blank('en'); "
        "print(Language.has_factory('saidwhat'), Language.has_factory('paragraph_sentences'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "True"]
