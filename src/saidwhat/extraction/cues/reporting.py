"""Cues and their parts: the reporting verb or phrase, who it says is speaking, and what it reports.

This stage only reads the parse and returns candidates; it decides nothing about quotation marks.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from saidwhat.extraction.cues.cue_model import CUE_THRESHOLD, passive_voice, score, verb_features
from saidwhat.extraction.handoff import Attribution
from saidwhat.extraction.quotes.ranges import inside, merged
from saidwhat.extraction.text.loading import doc_text
from saidwhat.extraction.text.offsets import offsets_of, span_at
from saidwhat.lexicon import (
    ADDRESSEE_VERBS,
    ADDRESSEES,
    CLAUSE_ONLY_VERBS,
    COMPLEMENTISERS,
    CONCESSIVE_CONJUNCTIONS,
    CONTENT_PREPOSITIONS,
    QUESTION_ASKERS,
    QUESTION_WORDS,
    REPORTING_VERBS,
    SOURCELESS_PASSIVE_VERBS,
    SPEAKER_ACT_VERBS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    STANCE_ADJECTIVES,
    TOLD_ABOUT_PREPOSITIONS,
)
from saidwhat.model import Span as CharSpan

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl"})
_TRIM_LEFT = COMPLEMENTISERS | frozenset(",:—–-\"“”‘’'")
_TRIM_RIGHT = frozenset(",:;—–-\"“”‘’'")


def make_attribution(
    cue: Token,
    cue_end: int,
    speaker: Span | None,
    content: tuple[CharSpan, ...],
    kind: str,
    probability: float = 1.0,
) -> Attribution:
    """The hand-off of a cue the parse found: its word's offsets and lemma, the word it hangs on, and
    the characters of its speaker mention; no token leaves the cues stage."""
    return Attribution(
        cue_start=cue.idx,
        cue_end=cue_end,
        cue_lemma=cue.lemma_.lower(),
        cue_head=cue.head.idx,
        speaker=offsets_of(speaker) if speaker is not None else None,
        content=content,
        kind=kind,
        probability=probability,
    )


def mention_span(head: Token) -> Span:
    """The words that name a speaker: the noun phrase up to its head, with the name parts, an
    "of" phrase ("the chamber of commerce") and an appositive name ("its chief, Thomas Reed") after it."""
    doc = head.doc
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ == "punct" and child.text == ",":
            continue
        name_part = child.dep_ in {"compound", "flat"}
        of_phrase = child.dep_ == "prep" and child.lower_ == "of" and head.pos_ != "PRON"
        if (name_part or of_phrase) and child.i == right + 1:
            right = child.right_edge.i
        elif child.dep_ == "appos" and child.left_edge.i <= right + 2 and child.pos_ == "PROPN":
            right = child.i  # "its chief executive, Thomas Reed": the name's head ends it
        elif child.dep_ == "cc" and child.lower_ == "and" and child.i == right + 1:
            continue
        elif (
            child.dep_ == "conj"
            and doc[child.left_edge.i - 1].lower_ == "and"
            and child.left_edge.i == right + 2
            and (child.pos_, child.tag_ == "NNS") == (head.pos_, head.tag_ == "NNS")
            and head.pos_ in {"PROPN", "NOUN"}
        ):
            right = mention_span(child).end - 1  # "Sandmann and Phillips", "lawyers and experts"
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
    while start < end and doc[start].lower_ in _TRIM_LEFT and doc[start].dep_ != "det":
        start += 1  # "that" the complementiser goes, "that claim" stays
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
            return subject  # "a reporter who asked": the resolver follows "who" to the reporter
        if token is verb and (inverted := _inverted_speaker(verb)) is not None:
            return inverted
        if token is verb and (misread := _misread_subject(verb)) is not None:
            return misread
        for child in token.children:
            if child.dep_ == "agent":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
        if token.dep_ in _INHERIT_DEPS and token.head.i != token.i:
            token = token.head
            seen += 1
        else:
            token = None
    return None


def _misread_subject(verb: Token) -> Token | None:
    """ "“…,” Elke says": a capitalised word right before the verb, after the quote, that the tagger read as
    an adverb or an adjective (an unfamiliar first name) is the verb's subject."""
    if verb.i < 2:
        return None
    before = verb.doc[verb.i - 1]
    if (
        before.head.i == verb.i
        and before.dep_ in {"advmod", "npadvmod", "amod", "dep"}
        and before.text[:1].isupper()
        and before.is_alpha
        and not before.is_stop
        and verb.doc[verb.i - 2].text in {",", "”", '"', "’", "'"}
    ):
        return before
    return None


def _inverted_speaker(verb: Token) -> Token | None:
    """ "“…,” points out the resident": after the quote, the parser may read the speaker as the object."""
    if not any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and c.pos_ in {"NOUN", "PROPN"}]
    return objects[0] if objects else None


def _subtree_ranges(keep: Token, drop: Token) -> list[tuple[int, int]]:
    """Token ranges of ``keep``'s subtree with ``drop``'s subtree cut out."""
    k0, k1 = keep.left_edge.i, keep.right_edge.i + 1
    d0, d1 = drop.left_edge.i, drop.right_edge.i + 1
    ranges = [(k0, min(k1, d0)), (max(k0, d1), k1)]
    return [(a, b) for a, b in ranges if b > a]


def _tail_cut(doc: Doc, start: int, end: int) -> int:
    """Where trailing material that is not the content begins: ", according to", "— a charge ...", ", he said".

    Participles and relative clauses inside the content stay: annotators keep them.
    """
    for k in range(start + 3, end - 1):
        if doc[k].text not in {",", "—", "–", "-", "--"}:
            continue
        if doc[k].text != "," and not doc[k - 1].whitespace_ and not doc[k].whitespace_:
            continue  # "full-day": a hyphen inside a word joins, it does not cut
        nxt = doc[k + 1]
        if nxt.lower_ == "according" or (doc[k].text != "," and nxt.pos_ == "DET"):
            return k
        if nxt.lower_ in CONCESSIVE_CONJUNCTIONS and nxt.dep_ == "mark":
            return k  # ", although it may take days to ...": the writer's aside, not the content
        participle = nxt if nxt.tag_ == "VBG" else doc[k + 2] if nxt.pos_ == "ADV" and k + 2 < end else None
        if (
            participle is not None
            and participle.tag_ == "VBG"
            and participle.lemma_.lower() in SPEAKER_ACT_VERBS
        ):
            return k  # ", appearing to back away ...", ", adding that ...": the speaker's act, not content
        window = doc[k + 1 : min(k + 5, end)]
        if any(t.lemma_.lower() in REPORTING_VERBS and t.pos_ == "VERB" for t in window) and (
            nxt.pos_ in {"PRON", "PROPN", "DET", "NOUN"}
        ):
            return k
    return end


def _content_ranges(doc: Doc, token_ranges: list[tuple[int, int]]) -> tuple[CharSpan, ...]:
    token_ranges = [(a, _tail_cut(doc, a, b)) for a, b in token_ranges]
    spans = [r for a, b in token_ranges if (r := _trimmed(doc, a, b)) is not None]
    return tuple(CharSpan(*s) for s in spans if any(c.isalnum() for c in doc_text(doc)[s[0] : s[1]]))


def verb_frame(token: Token) -> str:
    """Where a verb keeps what it reports: the feature the learned cue table is keyed by.

    ccomp: "said (that) X"; head: "X, he said" (the parser hangs the cue on its content);
    xcomp: "vowed to X"; dobj: "cited X"; prep: "called for X"; none: nothing to its right.
    """
    deps = {c.dep_ for c in token.children}
    if "ccomp" in deps:
        return "ccomp"
    hung = token.dep_ == "parataxis" or (token.dep_ in {"ccomp", "advcl"} and token.head.i < token.i)
    bare = not deps & {"dobj", "prep", "xcomp", "attr", "acomp", "oprd"}
    if hung and bare and token.head.pos_ in {"VERB", "AUX"} and "nsubj" in deps:
        return "head"  # "..., he said" has its own subject; "while chanting" does not
    if "dobj" in deps:
        return "dobj"  # "urged both sides to resume talks": the object and its complement
    if "xcomp" in deps:
        return "xcomp"
    if any(
        c.dep_ == "prep" and c.i > token.i and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)
        for c in token.children
    ):
        return "prep"
    return "none"


OTHER_MARGIN = 0.1  # verbs outside the reporting lexicon ("released", "filed") must be surer of themselves


_OBJECT_DEPS = frozenset({"dobj", "oprd", "xcomp", "dative", "attr", "ccomp"})


def _is_addressee(token: Token) -> bool:
    """Someone who can be told something: a pronoun, a name or a noun for people ("reporters")."""
    return token.pos_ in {"PRON", "PROPN"} or token.lemma_.lower() in ADDRESSEES


def _coordinated(token: Token, head: Token) -> list[Token]:
    """Verbs coordinated with the content's head but hung on the cue: "agreed to share X and rely on Y"."""
    return [
        c
        for c in token.rights
        if c.dep_ == "conj"
        and c.i > head.i
        and c.tag_ == head.tag_
        and not any(g.dep_ == "nsubj" for g in c.children)
    ]


def _reported_clause(token: Token) -> Token:
    """The clause a verb reports: the one after it where there is one ("While X, he noted that Y"),
    else the one before it ("“X,” he said")."""
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    return next((c for c in clauses if c.i > token.i), clauses[0])


def _frame_content(token: Token, frame: str) -> tuple[CharSpan, ...]:
    doc = token.doc
    if frame == "ccomp":
        clause = _reported_clause(token)
        return _content_ranges(doc, [(clause.left_edge.i, clause.right_edge.i + 1)])
    if frame == "head":
        return _content_ranges(doc, _subtree_ranges(token.head, token))
    chain: list[Token] = []
    if frame == "xcomp":
        chain = [next(c for c in token.children if c.dep_ == "xcomp")]
    elif frame in {"dobj", "prep"}:
        # The object and its complements to the right ("blamed X on Y", "described X as Y"), not
        # the time, place and occasion that follow ("... Wednesday on The Laura Ingraham Show").
        addressed = token.lemma_.lower() in ADDRESSEE_VERBS
        for child in token.rights:
            if addressed and not chain and child.dep_ in {"dobj", "dative"} and _is_addressee(child):
                continue  # "told reporters on Thursday": the people told, not what was said
            wanted = child.dep_ in _OBJECT_DEPS or (
                child.dep_ == "prep" and child.lower_ in CONTENT_PREPOSITIONS
            )
            if addressed and child.dep_ == "prep" and child.lower_ not in TOLD_ABOUT_PREPOSITIONS:
                wanted = False
            if wanted:
                chain.append(child)
            elif chain:
                break
    if not chain:
        return ()
    chain += _coordinated(token, chain[-1])
    start = chain[0].left_edge.i
    if frame == "prep" and chain[0].dep_ == "prep" and chain[0].i == start:
        start += 1  # "called for X", "spoke about X": the preposition belongs to the cue
    return _content_ranges(doc, [(start, chain[-1].right_edge.i + 1)])


def _is_question(token: Token, frame: str) -> bool:
    """Whether what a verb governs is a question: "asked if ...", "asked what he would ...", "asked about X"."""
    if frame == "prep":
        return any(c.dep_ == "prep" and c.lower_ == "about" for c in token.children)
    if frame not in {"ccomp", "dobj", "xcomp"}:
        return False
    clauses = [c for c in token.children if c.dep_ in {"ccomp", "dobj", "xcomp"} and c.i > token.i]
    return any(c.left_edge.lower_ in QUESTION_WORDS for c in clauses)


def reports_nothing(token: Token, frame: str, content: tuple[CharSpan, ...], passive: bool) -> bool:
    """Frames in which a verb reports nobody's words, whatever the cue model says of the verb.

    A sourceless passive of perception, knowledge or
    expectation ("known as", "are expected to sign", "was asked whether"); a question's topic, whose
    answer is the report ("when reporters asked if ..."); a verb of finding or knowing with a thing for
    its object rather than a clause ("found benzodiazepines in half of the cases", "added a goal").
    """
    lemma = token.lemma_.lower()
    has_agent = any(c.dep_ == "agent" for c in token.children)
    if passive and not has_agent and lemma in SOURCELESS_PASSIVE_VERBS:
        return True
    if lemma == "ask" and _is_question(token, frame):
        subject = _subject(token)
        if subject is not None and subject.tag_ in {"WP", "WDT"} and token.dep_ == "relcl":
            subject = token.head  # "a reporter who asked whether ...": the asker is the reporter
        return (
            subject is None or subject.lower_ in QUESTION_ASKERS or subject.lemma_.lower() in QUESTION_ASKERS
        )
    as_what = any(c.dep_ in {"prep", "oprd"} and c.lower_ == "as" for c in token.children)
    if lemma in CLAUSE_ONLY_VERBS and frame in {"dobj", "prep"} and content and not as_what:
        # "saw the comment as a dig at the military" is an opinion of the comment, not a perception
        doc = token.doc
        span = span_at(doc, content[0].start, content[-1].end)
        return span is not None and not any(t.pos_ in {"VERB", "AUX"} for t in span)
    return False


def _verb_attribution(token: Token, threshold: float) -> Attribution | None:
    passive = passive_voice(token) in {"marked", "reduced"}  # a "bare" participle keeps its subject
    frame = verb_frame(token)
    content = _frame_content(token, frame) if frame != "none" else ()
    if content and reports_nothing(token, frame, content, passive):
        content = ()
    probability = score(verb_features(token, frame, content)) if content else 0.0
    lemma = token.lemma_.lower()
    if lemma not in REPORTING_VERBS:
        threshold += OTHER_MARGIN
    if probability < threshold:
        # Not a cue for a clause of its own; perhaps for a quotation next to it ("“...,” he said").
        content = ()
        probability = score(verb_features(token, "none"))
        if probability < threshold and lemma not in SPEECH_VERBS:
            return None
    if passive and not any(c.dep_ == "agent" for c in token.children):
        # "Kim was asked if ...", "the veto is expected to ...": content without a source.
        return make_attribution(token, token.idx + len(token.text), None, content, "passive", probability)
    subject = _subject(token)
    speaker = mention_span(subject) if subject is not None else None
    return make_attribution(token, token.idx + len(token.text), speaker, content, "verb", probability)


def _according_attribution(token: Token) -> Attribution | None:
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if to is None or source is None:
        return None
    doc = token.doc
    # The rest of the sentence, wherever the parser hung the phrase: "X, according to Y", "According
    # to Y, X", "X, according to Y, Z".
    sentence = token.sent
    ranges = [(sentence.start, token.i), (to.right_edge.i + 1, sentence.end)]
    content = _content_ranges(doc, [(a, b) for a, b in ranges if b > a])
    end = to.idx + len(to.text)
    return make_attribution(token, end, mention_span(source), content, "according")


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
    return make_attribution(token, token.idx + len(token.text), mention_span(owner), content, "noun")


def _adjective_attribution(token: Token) -> Attribution | None:
    """ "Democrats are worried that ...", "he was determined to ...", "it is obvious that ...": a stance
    adjective after a copula, with the clause it governs; its holder is the copula's subject."""
    if token.dep_ != "acomp":
        return None
    head = token.head
    clause = next((c for c in token.rights if c.dep_ in {"ccomp", "xcomp"}), None)
    if clause is None:
        clause = next((c for c in head.rights if c.dep_ == "ccomp" and c.i > token.i), None)
    if clause is None:
        return None
    content = _content_ranges(token.doc, [(clause.left_edge.i, clause.right_edge.i + 1)])
    if not content:
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    holder = None if subject is None or subject.lower_ == "it" else mention_span(subject)
    return make_attribution(token, token.idx + len(token.text), holder, content, "stance")


def find_attributions(doc: Doc, threshold: float = CUE_THRESHOLD) -> list[Attribution]:
    """Every cue in the document with its speaker and content, in text order."""
    found: list[Attribution] = []
    for token in doc:
        lemma = token.lemma_.lower()
        attribution: Attribution | None = None
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            attribution = _according_attribution(token)
        elif token.pos_ == "VERB" or (token.pos_ == "AUX" and lemma in REPORTING_VERBS):
            attribution = _verb_attribution(token, threshold)
        elif token.pos_ == "NOUN" and lemma in SPEECH_NOUNS:
            attribution = _noun_attribution(token)
        elif token.pos_ == "ADJ" and lemma in STANCE_ADJECTIVES:
            attribution = _adjective_attribution(token)
        if attribution is not None:
            found.append(attribution)
    # "She said she was glad X": a stance inside what another cue reports is not a report of its own.
    reported = merged([(c.start, c.end) for a in found if a.kind != "stance" for c in a.content])
    return [a for a in found if a.kind != "stance" or not inside(a.cue_start, reported)]
