"""How likely a verb is a cue that reports content: a small logistic model learned from annotated news.

``data/cue_model.json`` is made by ``scripts/train_cues.py`` from PolNeAR train. Its features are the
verb's lemma, where it keeps its content (its frame), who its subject is and how it sits in the parse,
so a verb unseen in training still gets a sensible score from its frame and the hand-made lexicon.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from saidwhat.errors import ModelNotFoundError
from saidwhat.extraction.text.loading import doc_text
from saidwhat.lexicon import BELIEF_VERBS, FIRST_PERSON_SUBJECTS, SPEECH_VERBS
from saidwhat.model import Span

CUE_THRESHOLD = 0.45  # a verb in a frame at or above this probability is a cue
_QUOTE_CHARS = frozenset('"“”‘’«»„')
_REDUCED_CLAUSE_DEPS = frozenset({"advcl", "acl", "amod"})


def passive_voice(token: Token) -> str | None:
    """How a verb is passive, if it is: the one place that decides it, for the cue model and the rules.

    "marked": a passive subject or auxiliary ("Kim was asked"). "reduced": a past participle without an
    auxiliary heading a reduced clause ("Asked about it, he said", "a man accused of fraud"). "bare": a
    past participle without an auxiliary anywhere else, often a conjunct sharing its head's auxiliary
    ("has said and written") or the tagger's mistake for a past tense. None: not passive.

    The cue model counts all three as passive (it was trained so; retrained on marked and reduced alone
    it scored worse on GGT dev's pronoun speakers and people precision), while the cue rules leave
    "bare" out: calling such a verb passive drops its subject as the speaker, and PolNeAR dev's mention
    accuracy fell when the rules counted it.
    """
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children):
        return "marked"
    if token.tag_ != "VBN" or any(c.dep_ == "aux" for c in token.children):
        return None
    return "reduced" if token.dep_ in _REDUCED_CLAUSE_DEPS else "bare"


def _subject_features(token: Token) -> list[str]:
    for child in token.children:
        if child.dep_ in {"nsubj", "csubj"}:
            lower = child.lower_
            if lower in FIRST_PERSON_SUBJECTS:
                kind = "first"
            elif child.pos_ == "PRON":
                kind = "pron"
            else:
                kind = child.pos_.lower()
            return [f"subj={kind}", f"subjent={child.ent_type_ or '-'}"]
    return ["subj=none"]


def verb_features(token: Token, frame: str, content: Iterable[Span] = ()) -> list[str]:
    """The features of one verb in one frame, as strings the model has weights for."""
    lemma = token.lemma_.lower()
    lexicon = "speech" if lemma in SPEECH_VERBS else "belief" if lemma in BELIEF_VERBS else "other"
    subject = _subject_features(token)
    text = doc_text(token.doc)
    spans = [(s.start, s.end) for s in content]
    length = sum(e - s for s, e in spans)
    size = "0" if not spans else "s" if length < 20 else "m" if length < 80 else "l"
    quoted = any(c in _QUOTE_CHARS for s, e in spans for c in text[max(s - 1, 0) : e + 1])
    features = [
        "bias",
        f"lemma={lemma}",
        f"frame={frame}",
        f"lemma|frame={lemma}|{frame}",
        f"lex|frame={lexicon}|{frame}",
        f"dep={token.dep_}",
        f"tag={token.tag_}",
        f"size|frame={size}|{frame}",
        f"quoted={quoted}",
        *subject,
        f"lemma|{subject[0]}={lemma}",
        f"frame|{subject[0]}={frame}",
    ]
    if passive_voice(token) is not None:
        features += ["passive", f"passive|lemma={lemma}", f"passive|frame={frame}"]
    for child in token.children:
        if child.dep_ == "neg":
            features.append("neg")
        elif child.dep_ == "prt":
            features.append(f"lemma|prt={lemma}|{child.lower_}")
        elif child.dep_ == "prep" and child.i > token.i and frame == "prep":
            features.append(f"lemma|prep={lemma}|{child.lower_}")
        elif child.dep_ in {"ccomp", "xcomp"}:
            marks = [g.lower_ for g in child.children if g.dep_ == "mark"]
            features.append(f"mark={marks[0] if marks else '-'}|{frame}")
            features.append(f"clausesubj={any(g.dep_ in {'nsubj', 'nsubjpass'} for g in child.children)}")
    if token.dep_ in {"xcomp", "conj", "advcl"}:
        features.append(f"headlemma={token.head.lemma_.lower()}|{token.dep_}")
    return features


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    path = resources.files("saidwhat").joinpath("data/cue_model.json")
    if not path.is_file():
        # Without its weights every verb would score 0.5: a broken install, not a model to run with.
        raise ModelNotFoundError(f"the cue model is missing ({path}); reinstall saidwhat")
    return {str(k): float(v) for k, v in json.loads(path.read_text(encoding="utf-8"))["weights"].items()}


def score(features: Iterable[str]) -> float:
    """P(cue) for a feature list; features the model never saw weigh nothing."""
    weights = _weights()
    z = sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
