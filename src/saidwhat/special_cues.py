"""Cues that are not words of speech: transcript labels ("WALLACE: ...") and dash credits (“...” ― Name)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from saidwhat.attribution import Attribution
from saidwhat.candidates import Candidate
from saidwhat.model import QuoteType
from saidwhat.nlp import doc_text
from saidwhat.quotes import Quoted

LABEL = re.compile(r"^[ \t\"“]*([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3}):[ \t]+(\S[^\n]*)$", re.MULTILINE)
CREDIT = re.compile(
    r"[ \t\xa0]*([―—–]|--)[ \t\xa0]*([A-Z](?:[A-Z]\.[ \t]?|[^\n.,;:()]){1,50}?)[ \t]*(?:[.,;(]|$)",
    re.MULTILINE,
)


def speaker_labels(doc: Doc, quoted: list[Quoted]) -> list[Candidate]:
    """Transcripts: "WALLACE: But, Governor Pence, ..." is the labelled person's speech."""
    text = doc_text(doc)
    found: list[Candidate] = []
    for match in LABEL.finditer(text):
        label = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        colon = doc.char_span(match.end(1), match.end(1) + 1, alignment_mode="expand")
        start, end = match.start(2), match.end(2)
        while end > start and (text[end - 1] in '"”' or text[end - 1].isspace()):
            end -= 1
        if label is None or colon is None or not any(c.isalnum() for c in text[start:end]):
            continue
        cue = colon[0]
        attribution = Attribution(cue, cue.idx, cue.idx + 1, label, ((start, end),), "label")
        inside = [q for q in quoted if match.start(0) <= q.open_at < end]
        # No marks around the speech itself: indirect by EVAL.md's definition, mixed with quoted parts.
        label_type: QuoteType = "mixed" if any(q.open_at >= start for q in inside) else "indirect"
        found.append(Candidate([(start, end)], label_type, attribution, 0.8, quoted=inside))
    return found


def dash_credits(doc: Doc, quoted: list[Quoted]) -> list[Candidate]:
    """“...” ― Karen Bobadilla: a quotation credited with a dash to the name after it."""
    text = doc_text(doc)
    found: list[Candidate] = []
    for q in quoted:
        if q.close_at is None:
            continue
        match = CREDIT.match(text, q.close_at + 1)
        if match is None:
            continue
        name = doc.char_span(match.start(2), match.end(2), alignment_mode="contract")
        dash = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if name is None or dash is None or not any(t.pos_ == "PROPN" for t in name):
            continue
        cue = dash[0]
        attribution = Attribution(cue, cue.idx, cue.idx + len(cue.text), name, (), "credit")
        found.append(Candidate([(q.start, q.end)], "direct", attribution, 0.8, quoted=[q]))
    return found
