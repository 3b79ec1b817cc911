"""The scorer reproduces EVAL.md's published reference point for textacy on the Hanoi article.

EVAL.md gives textacy 0.13 ``direct_quotations`` on en_core_web_sm: quote F1 0.27 and who-said-what
lenient F1 0.18 on hanoi-summit. Scoring textacy's output here must give the same figures, which checks
the scorer against the one that produced the table, not only against our reading of the rules.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import spacy
from spacy.language import Language
from textacy.extract.triples import direct_quotations

from saidwhat.evaluate import evaluate
from saidwhat.extraction.text.loading import DEFAULT_MODELS


def _textacy_model() -> Language:
    """The project's English package with its default pipeline, as textacy's users load it."""
    for name in DEFAULT_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            try:
                return importlib.import_module(name).load()  # type: ignore[no-any-return]
            except ImportError:
                continue
    raise AssertionError("no English model installed; run `make setup`")


def test_evaluate_reproduces_textacy_reference_on_hanoi(shared: Path) -> None:
    path = shared / "fixtures" / "hanoi-summit.gold.jsonl"
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = _textacy_model()
    predictions = {}
    for doc_gold, doc in zip(gold, nlp.pipe(d["text"] for d in gold), strict=True):
        quotes = [
            {"start": q.content.start_char, "end": q.content.end_char, "type": "direct",
             "speaker": {"name": " ".join(t.text for t in q.speaker),
                         "start": q.speaker[0].idx, "end": q.speaker[-1].idx + len(q.speaker[-1])}}
            for q in direct_quotations(doc)
        ]  # fmt: skip
        predictions[str(doc_gold["id"])] = {"id": doc_gold["id"], "quotes": quotes}
    report = evaluate(gold, predictions)
    assert round(report["all"]["quote"]["f1"], 2) == 0.27
    assert round(report["all"]["who_said_what_lenient"]["f1"], 2) == 0.18
