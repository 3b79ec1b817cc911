"""Cues and their parts: the reporting verb or phrase, who it says is speaking, and what it reports.

This stage only reads the parse and returns candidates; it decides nothing about quotation marks.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from saidwhat.lexicon import CLAUSE_ONLY_VERBS, REPORTING_VERBS, SPEECH_NOUNS

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CONTENT_DEPS = frozenset({"ccomp"})
_INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_TRIM_LEFT = frozenset({"that", "whether", "if", ",", ":", "—", "–", "-", '"', "“", "”", "‘", "’", "'"})
_TRIM_RIGHT = frozenset({",", ":", ";", "—", "–", "-", '"', "“", "”", "‘", "’", "'"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """A cue with the speaker mention it names and the content clause it reports, when the parse has one.

    ``content`` is a list of half-open character ranges (two when the cue interrupts its content).
    """

    cue: Token
    cue_start: int
    cue_end: int
    speaker: Span | None
    content: tuple[tuple[int, int], ...]
    kind: str  # "verb", "according", "noun"

    @property
    def sentence(self) -> Span:
        return self.cue.sent


def mention_span(head: Token) -> Span:
    """The words that name a speaker: the noun phrase up to its head, with flat name parts after it."""
    doc = head.doc
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in {"compound", "flat", "appos"} and child.i == right + 1:
            right = child.right_edge.i if child.dep_ != "appos" else child.i
        else:
            break
    # Keep "Kim Jong-un" whole: tokens joined by hyphens belong to the name.
    while right + 2 < len(doc) and doc[right + 1].text == "-" and not doc[right + 1].whitespace_:
        right += 2
    while left < head.i and doc[left].dep_ in {"punct", "cc", "prep"}:
        left += 1
    return doc[left : right + 1]


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range ``[start, end)`` without leading complementisers and edge punctuation, as characters."""
    while start < end and doc[start].lower_ in _TRIM_LEFT:
        start += 1
    while end > start and doc[end - 1].text in _TRIM_RIGHT:
        end -= 1
    if end <= start:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _subject(verb: Token) -> Token | None:
    """The speaker of a reporting verb: its subject, the agent of a passive, or its head's subject."""
    seen = 0
    token: Token | None = verb
    while token is not None and seen < 4:
        subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS and c.dep_ != "nsubjpass"]
        if subjects:
            subject = max(subjects, key=lambda c: (c.pos_ == "PROPN", c.i))
            if subject.lower_ in _RELATIVE and token.dep_ == "relcl":
                return token.head  # "a reporter who asked": the speaker is the reporter
            return subject
        for child in token.children:
            if child.dep_ == "agent":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
        if token.dep_ in _INHERIT_DEPS and token.head is not token:
            token = token.head
            seen += 1
        else:
            token = None
    return None


def _subtree_ranges(keep: Token, drop: Token) -> list[tuple[int, int]]:
    """Token ranges of ``keep``'s subtree with ``drop``'s subtree cut out."""
    k0, k1 = keep.left_edge.i, keep.right_edge.i + 1
    d0, d1 = drop.left_edge.i, drop.right_edge.i + 1
    ranges = [(k0, min(k1, d0)), (max(k0, d1), k1)]
    return [(a, b) for a, b in ranges if b > a]


def _content_ranges(doc: Doc, token_ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    spans = [r for a, b in token_ranges if (r := _trimmed(doc, a, b)) is not None]
    return tuple(s for s in spans if any(c.isalnum() for c in doc.text[s[0] : s[1]]))


def _verb_attribution(token: Token) -> Attribution | None:
    doc = token.doc
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)
    if passive and not any(c.dep_ == "agent" for c in token.children):
        return None  # "Kim was asked if ...": the subject is spoken to, not speaking
    subject = _subject(token)
    content: tuple[tuple[int, int], ...] = ()
    clause = next((c for c in token.children if c.dep_ in _CONTENT_DEPS), None)
    if clause is not None:
        content = _content_ranges(doc, [(clause.left_edge.i, clause.right_edge.i + 1)])
    elif token.dep_ in {"parataxis", "ccomp", "advcl"} and token.head.i < token.i:
        # "The economy is strong, he said": the parser hangs the cue on the content.
        content = _content_ranges(doc, _subtree_ranges(token.head, token))
    if token.lemma_.lower() in CLAUSE_ONLY_VERBS and not content:
        return None
    speaker = mention_span(subject) if subject is not None else None
    return Attribution(token, token.idx, token.idx + len(token.text), speaker, content, "verb")


def _according_attribution(token: Token) -> Attribution | None:
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return None
    doc = token.doc
    head = token.head
    ranges = _subtree_ranges(head, token) if head is not token else []
    content = _content_ranges(doc, ranges)
    end = to.idx + len(to.text)
    return Attribution(token, token.idx, end, mention_span(source), content, "according")


def _noun_attribution(token: Token) -> Attribution | None:
    """ "Kim's answer was ...", "his claim that ...": a speech noun with its owner and content."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    clause = next(
        (c for c in token.children if c.dep_ in {"acl", "ccomp"} and c.pos_ in {"VERB", "AUX"}), None
    )
    if clause is None and token.dep_ in {"nsubj"} and token.head.lemma_ == "be":
        clause = next((c for c in token.head.children if c.dep_ in {"ccomp", "attr"} and c.i > token.i), None)
    if owner is None or clause is None:
        return None
    has_mark = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    if clause.dep_ == "acl" and not has_mark:
        return None
    doc = token.doc
    content = _content_ranges(doc, [(clause.left_edge.i, clause.right_edge.i + 1)])
    if not content:
        return None
    return Attribution(token, token.idx, token.idx + len(token.text), mention_span(owner), content, "noun")


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every cue in the document with its speaker and content, in text order."""
    found: list[Attribution] = []
    for token in doc:
        lemma = token.lemma_.lower()
        attribution: Attribution | None = None
        if token.pos_ in {"VERB", "AUX"} and lemma in REPORTING_VERBS:
            attribution = _verb_attribution(token)
        elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            attribution = _according_attribution(token)
        elif token.pos_ == "NOUN" and lemma in SPEECH_NOUNS:
            attribution = _noun_attribution(token)
        if attribution is not None:
            found.append(attribution)
    return found
