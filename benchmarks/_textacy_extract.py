"""The baseline side of the benchmark: textacy 0.13 ``direct_quotations``, text files in, JSONL out.

It does what ``saidwhat extract`` does end to end (load the same spaCy package, parse every article,
extract, write one JSON line per article) so the two full pipelines text -> quotes compare fairly.
textacy raises on articles whose quotation marks don't pair: those are reported on stderr and counted
as errors, and the run goes on.

    python benchmarks/_textacy_extract.py --model en_core_web_sm [--components needed|default] FILE...
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

import spacy
from spacy.language import Language
from textacy.extract.triples import direct_quotations

# direct_quotations reads POS, lemmas, dependencies and sentences, never entities: the parse it needs.
NOT_NEEDED = ("ner",)
# The batch size saidwhat's Extractor uses: spaCy's default (1,000 texts) would hold every parse of the
# corpus at once and triple peak memory, which would measure the batch size, not the system.
BATCH_SIZE = 16


def load(name: str, components: str) -> Language:
    """Load the spaCy package ``name`` (registered or only importable), optionally without NER."""
    exclude = list(NOT_NEEDED) if components == "needed" else []
    try:
        return spacy.load(name, exclude=exclude)
    except OSError:
        return importlib.import_module(name).load(exclude=exclude)  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="textacy direct_quotations over text files")
    parser.add_argument("--model", required=True)
    parser.add_argument("--components", choices=("needed", "default"), default="needed")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    nlp = load(args.model, args.components)
    texts = [path.read_text(encoding="utf-8") for path in args.files]
    errors = 0
    for path, doc in zip(args.files, nlp.pipe(texts, batch_size=BATCH_SIZE), strict=True):
        try:
            quotes = [
                {"start": q.content.start_char, "end": q.content.end_char, "type": "direct",
                 "speaker": {"name": " ".join(t.text for t in q.speaker),
                             "start": q.speaker[0].idx, "end": q.speaker[-1].idx + len(q.speaker[-1])},
                 "cue": {"text": " ".join(t.text for t in q.cue)}}
                for q in direct_quotations(doc)
            ]  # fmt: skip
        except Exception as exc:  # textacy gives up on a whole article (unbalanced marks): count it
            errors += 1
            print(f"textacy: {path.stem}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        sys.stdout.write(json.dumps({"id": path.stem, "quotes": quotes}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
