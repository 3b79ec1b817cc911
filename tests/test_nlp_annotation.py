"""The loaded pipeline: cached stand-ins give the model's own annotation, and line breaks end sentences."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, TAG
from spacy.pipeline import AttributeRuler

from saidwhat.extraction.text.fastannotate import CachedAttributeRuler, Unsupported, use_cached_components
from saidwhat.extraction.text.loading import load_model

TEXTS = [
    'Mayor Jane Holloway opened the bridge on Monday.\n\n"This bridge joins two towns," Holloway said.',
    "Y'all gonna love it, he said. Let's go. C'mon, ain't nothing gotta change. I ain't gonna do it.",
    "There is a way; there's hope. But it was I who saw you and it. Do you? He did that, and those did.",
    "WASHINGTON — The senator said that the bill, which passed, would fail.\n \n\t  Something else.  \n",
    "gotta  go\n\n\t y all   yall  y'all  GONNA Gon na",
    "",
    " \n ",
]
COLUMNS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, SENT_START]


def _with_model_components(text: str):
    """The same pipeline with the model's own (disabled) attribute_ruler and lemmatizer in their place."""
    nlp = load_model()
    doc = nlp.make_doc(text)
    for name in nlp.pipe_names:
        doc = nlp.get_pipe(name.removeprefix("cached_"))(doc)
    return doc


def test_nlp_cached_components_replace_the_models():
    names = load_model().pipe_names
    assert "cached_attribute_ruler" in names and "cached_lemmatizer" in names
    assert "attribute_ruler" not in names and "lemmatizer" not in names


@pytest.mark.parametrize("text", TEXTS)
def test_nlp_cached_components_give_the_models_annotation(text: str):
    cached = load_model()(text)
    reference = _with_model_components(text)
    assert np.array_equal(cached.to_array(COLUMNS), reference.to_array(COLUMNS))
    assert [t.lemma_ for t in cached] == [t.lemma_ for t in reference]


def test_nlp_line_break_starts_a_sentence():
    doc = load_model()("First line without a stop\nSecond line\n\n  Third line")
    assert [s.text.strip() for s in doc.sents] == ["First line without a stop", "Second line", "Third line"]


def test_nlp_unsupported_pattern_keeps_the_original_ruler():
    ruler = AttributeRuler(load_model().vocab)
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"})
    with pytest.raises(Unsupported):
        CachedAttributeRuler(ruler)


def test_nlp_components_of_another_kind_are_left_alone():
    """A pipeline may name something else "lemmatizer" (a trained one, a plugin): it is kept as it is."""
    nlp = spacy.blank("en")
    nlp.add_pipe("trainable_lemmatizer", name="lemmatizer")
    nlp.add_pipe("sentencizer", name="attribute_ruler")
    use_cached_components(nlp)
    assert nlp.pipe_names == ["lemmatizer", "attribute_ruler"]
