"""Cues that are not words of speech: transcript labels ("WALLACE: ..."), headline sources ("Senator
Reed: Tariffs Will Hurt Farmers"), dash credits (“...” ― Name) and the colon that introduces a
quotation ("The reply was blunt: “...”")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from saidwhat.extraction.confidence import COLON, DASH_CREDIT, HEADLINE, SPEAKER_LABEL
from saidwhat.extraction.cues.layout import speaker_labels_named
from saidwhat.extraction.cues.reporting import make_attribution
from saidwhat.extraction.handoff import Candidate, Quoted
from saidwhat.extraction.quotes.not_speech import MIN_SPEECH_WORDS, document_wording, is_title, word_list
from saidwhat.extraction.speakers.names import PERSON, find_names
from saidwhat.extraction.text.loading import doc_text
from saidwhat.extraction.text.offsets import span_at
from saidwhat.lexicon import SECTION_LABELS, SOURCE_NAME_LINKS, SPEECH_VERBS, TITLE_LINKS
from saidwhat.model import QuoteType
from saidwhat.model import Span as CharSpan

LABEL = re.compile(r"^[ \t\"“]*([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3}):[ \t]+(\S[^\n]*)$", re.MULTILINE)
# A headline line crediting its words to a source in ordinary case: "Senator Reed: Tariffs Will Hurt".
_LINKS = "|".join(sorted(SOURCE_NAME_LINKS))
HEADLINE_SOURCE = re.compile(
    rf"^[ \t]*([A-Z][\w.'’&-]*(?:[ \t]+(?:[A-Z][\w.'’&-]*|{_LINKS})){{0,5}}):[ \t]+(\S[^\n]*)$",
    re.MULTILINE,
)
MAX_HEADLINE_CHARS = 200  # a longer line is running text, where a colon introduces, not credits
MIN_HEADLINE_WORDS = 3
MAX_LABEL_TOKENS = 6  # "Governor Amy Hall:" names a speaker; a longer lead is a clause
CREDIT = re.compile(
    r"[ \t\xa0]*([―—–]|--)[ \t\xa0]*([A-Z](?:[A-Z]\.[ \t]?|[^\n.,;:()]){1,50}?)[ \t]*(?:[.,;(]|$)",
    re.MULTILINE,
)


def speaker_labels(doc: Doc, quoted: list[Quoted]) -> list[Candidate]:
    """Transcripts: "WALLACE: But, Governor Pence, ..." is the labelled person's speech."""
    text = doc_text(doc)
    found: list[Candidate] = []
    matches = list(LABEL.finditer(text))
    named = speaker_labels_named(doc, matches)
    for match in matches:
        label = span_at(doc, match.start(1), match.end(1), "contract")
        colon = span_at(doc, match.end(1), match.end(1) + 1)
        start, end = match.start(2), match.end(2)
        while end > start and (text[end - 1] in '"”' or text[end - 1].isspace()):
            end -= 1
        if label is None or colon is None or not any(c.isalnum() for c in text[start:end]):
            continue
        if match.group(1) not in named:
            continue  # "READ MORE:", "ENERGY:": a section label, not a speaker
        inside = [q for q in quoted if match.start(0) <= q.open_at < end]
        if _credits_itself(doc, start, end, inside):
            continue  # 'THE VIEW: "…" Ana Ruiz, an analyst, said.': the line's own verb says who
        cue = colon[0]
        attribution = make_attribution(cue, cue.idx + 1, label, (CharSpan(start, end),), "label")
        # No marks around the speech itself: indirect by EVAL.md's definition, mixed with quoted parts.
        label_type: QuoteType = "mixed" if any(q.open_at >= start for q in inside) else "indirect"
        found.append(
            Candidate((CharSpan(start, end),), label_type, attribution, SPEAKER_LABEL, quoted=tuple(inside))
        )
    return found


QA_LINE = re.compile(r"^[ \t]*(Q|A)[:.][ \t]+(\S[^\n]*)$", re.MULTILINE)
_STAGE_DIRECTION = re.compile(r"\((?:[A-Z][a-z]+ ?){1,3}\.?\)[ \t]*")  # "(Laughs.)"
MIN_QA_LINES = 2  # questions and answers each: fewer is a one-off "Q:" line, not an interview


def interview(doc: Doc, quoted: list[Quoted]) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """A Q&A interview: each answer (an "A:" paragraph, and the paragraphs that carry it on before the
    next question) is the interviewee's own words, a direct quote; the questions are the interviewer's
    and quote nobody. The interviewee is the person the introduction names most (the first such). Returns
    the answers and the character ranges of the whole Q&A, where no other cue may claim anything."""
    text = doc_text(doc)
    lines = list(QA_LINE.finditer(text))
    if sum(m.group(1) == "Q" for m in lines) < MIN_QA_LINES or sum(m.group(1) == "A" for m in lines) < 2:
        return [], []
    who = _interviewee(doc, lines[0].start())
    if who is None:
        return [], []
    block_end = lines[-1].end()
    found: list[Candidate] = []
    for n, match in enumerate(lines):
        if match.group(1) != "A":
            continue
        following = lines[n + 1].start() if n + 1 < len(lines) else None
        pieces = [(match.start(2), match.end(2))]
        if following is not None:  # "There is one more thing, actually." before the next question
            pieces += [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text, match.end(), following)]
        cue = span_at(doc, match.start(1), match.end(1))
        if cue is None:
            continue
        for start, end in pieces:
            direction = _STAGE_DIRECTION.match(text, start)
            start = direction.end() if direction else start
            if not any(c.isalnum() for c in text[start:end]):
                continue
            attribution = make_attribution(cue[0], cue.end_char, who, (CharSpan(start, end),), "label")
            inside = tuple(q for q in quoted if start <= q.open_at < end)
            found.append(
                Candidate((CharSpan(start, end),), "direct", attribution, SPEAKER_LABEL, quoted=inside)
            )
    return found, [(lines[0].start(), block_end)]


_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")


def _interviewee(doc: Doc, before: int) -> Span | None:
    """The introduction's most-named person (by surname), as named last there: whose answers follow."""
    people = [n for n in find_names(doc) if n.label_ == PERSON and n.end_char <= before and len(n.text) > 1]
    if not people:
        return None
    counts: dict[str, int] = {}
    for name in people:
        counts[name[-1].lower_] = counts.get(name[-1].lower_, 0) + 1
    best = max(counts.values())
    surname = next(name[-1].lower_ for name in people if counts[name[-1].lower_] == best)
    return [name for name in people if name[-1].lower_ == surname][-1]


def headline_sources(doc: Doc, quoted: list[Quoted]) -> list[Candidate]:
    """ "Senator Reed: Tariffs Will Hurt Farmers": a headline that credits its words to the source before
    the colon. Section labels ("Update:", "Read more:") and all-capitals labels (``speaker_labels``) are not
    sources; a headline whose words are all one quotation is a direct quote."""
    text = doc_text(doc)
    found: list[Candidate] = []
    for match in HEADLINE_SOURCE.finditer(text):
        source_text, start, end = match.group(1), match.start(2), match.end(2)
        while end > start and text[end - 1].isspace():
            end -= 1
        if (
            end - match.start(0) > MAX_HEADLINE_CHARS
            or source_text.isupper()
            or " ".join(source_text.lower().split()) in SECTION_LABELS
            or len(word_list(text[start:end])) < MIN_HEADLINE_WORDS
        ):
            continue
        source = span_at(doc, match.start(1), match.end(1), "contract")
        colon = span_at(doc, match.end(1), match.end(1) + 1)
        if source is None or colon is None or any(_not_a_source_word(t) for t in source):
            continue
        inside = tuple(q for q in quoted if start <= q.open_at < end)
        kind: QuoteType = "indirect"
        spans = (CharSpan(start, end),)
        if len(inside) == 1 and not word_list(
            text[start:end].replace(text[inside[0].start : inside[0].end], "")
        ):
            spans, kind = (CharSpan(inside[0].start, inside[0].end),), "direct"
        elif inside:
            kind = "mixed"
        cue = colon[0]
        attribution = make_attribution(cue, cue.idx + 1, source, (CharSpan(start, end),), "headline")
        found.append(Candidate(spans, kind, attribution, HEADLINE, quoted=inside))
    return found


def _not_a_source_word(token: Token) -> bool:
    """A word that makes the words before a colon a title, not a source: a verb, a pronoun, a preposition
    ("Stealth Over Health:", "Relief for Refugees:"; "Speaker of the House" keeps its "of")."""
    if token.pos_ in {"VERB", "AUX", "PRON"}:
        return True
    return (token.pos_ == "ADP" or token.lower_ in TITLE_LINKS) and token.lower_ != "of"


def _credits_itself(doc: Doc, start: int, end: int, quoted: list[Quoted]) -> bool:
    """Whether a labelled line names its speaker itself: a reporting verb with a subject, outside marks."""
    span = span_at(doc, start, end)
    if span is None:
        return False

    def outside(token_start: int) -> bool:
        return not any(q.start <= token_start < q.end for q in quoted)

    return any(
        t.lemma_.lower() in SPEECH_VERBS
        and outside(t.idx)
        and any(c.dep_ == "nsubj" and outside(c.idx) for c in t.children)
        for t in span
    )


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
        name = span_at(doc, match.start(2), match.end(2), "contract")
        dash = span_at(doc, match.start(1), match.end(1))
        if name is None or dash is None or not any(t.pos_ == "PROPN" for t in name):
            continue
        cue = dash[0]
        attribution = make_attribution(cue, cue.idx + len(cue.text), name, (), "credit")
        found.append(Candidate((CharSpan(q.start, q.end),), "direct", attribution, DASH_CREDIT, quoted=(q,)))
    return found


def colon_cue(doc: Doc, q: Quoted) -> Candidate | None:
    """A quotation introduced by a colon and by no reporting word: speech, with the colon as its cue.

    The words before the colon name the speaker only when they are a bare name ("Governor Amy Hall:");
    otherwise the speaker is left to the resolver's continuation rules, never guessed.
    """
    text = doc_text(doc)
    at = q.open_at
    while at > 0 and text[at - 1] in " \t\xa0":  # only spaces between colon and mark, on one line
        at -= 1
    content = text[q.start : q.end]
    if at == 0 or text[at - 1] != ":" or len(word_list(content)) < MIN_SPEECH_WORDS:
        return None
    if is_title(content) or document_wording(doc, q):
        return None
    colon = span_at(doc, at - 1, at)
    if colon is None:
        return None
    lead = doc[doc[colon.start].sent.start : colon.start]
    is_name = 0 < len(lead) <= MAX_LABEL_TOKENS and all(t.pos_ == "PROPN" or t.is_title for t in lead)
    speaker = lead if is_name else None
    cue = colon[0]
    attribution = make_attribution(cue, cue.idx + 1, speaker, (), "colon")
    return Candidate((CharSpan(q.start, q.end),), "direct", attribution, COLON, quoted=(q,))
