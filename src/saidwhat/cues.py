"""How likely a verb reports content, by its lemma and frame, learned from annotated news.

``data/cues.json`` is made by ``scripts/learn_cues.py`` from PolNeAR train: for each ``lemma|frame`` the
number of times it was an annotated cue and the number of times it occurred. Counts are smoothed
towards a prior from the hand-written lexicon, so verbs unseen in training still work.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from saidwhat.lexicon import BELIEF_VERBS, SPEECH_VERBS

CUE_THRESHOLD = 0.4  # a verb in a frame at or above this probability is a cue
PRIOR_WEIGHT = 3.0  # how many pseudo-observations the lexicon prior is worth
SPEECH_PRIOR = 0.6
BELIEF_PRIOR = 0.35
OTHER_PRIOR = 0.02


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[int, int]]:
    path = resources.files("saidwhat").joinpath("data/cues.json")
    if not path.is_file():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {key: (int(v[0]), int(v[1])) for key, v in raw["counts"].items()}


def prior(lemma: str) -> float:
    if lemma in SPEECH_VERBS:
        return SPEECH_PRIOR
    if lemma in BELIEF_VERBS:
        return BELIEF_PRIOR
    return OTHER_PRIOR


def cue_probability(lemma: str, frame: str, context: str | None = None) -> float:
    """P(cue | lemma, frame, context), smoothed and backed off to coarser keys.

    ``frame="*"`` asks about the lemma in any frame; ``context`` is the subject's person (see
    ``attribution.subject_context``), since "I think" is rarely annotated where "she thinks" is.
    """
    table = _table()
    probability = prior(lemma)
    keys = [f"{lemma}|*"]
    if frame != "*":
        keys.append(f"{lemma}|{frame}")
        if context is not None:
            keys.append(f"{lemma}|{frame}|{context}")
    for key in keys:
        hits, total = table.get(key, (0, 0))
        probability = (hits + PRIOR_WEIGHT * probability) / (total + PRIOR_WEIGHT)
    return probability
