"""Which reports count as quotes: the two guidelines news annotation follows (EVAL.md).

``attributions`` (PolNeAR's notion) keeps every attributed content: what was said, written,
thought or found, a clause or a thing ("she criticised the plan"). ``statements`` (the Gender Gap
Tracker's notion, what a reader of "who said what" expects, the default: ``saidwhat.scopes``) keeps speech and writing that report a
statement: an indirect quote must be a clause with a subject of its own ("she said the plan would fail")
or an infinitive ("he promised to resign"), not a thing named as the object of a verb, and not a thought
or a finding. Direct and mixed quotes are kept under both: their words are the speaker's whatever the verb.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from saidwhat.extraction.handoff import Candidate
from saidwhat.extraction.report.kinds import report_kind
from saidwhat.extraction.text.offsets import span_at, token_at
from saidwhat.lexicon import DENYING_DETERMINERS, REFUSAL_VERBS, SPEECH_VERBS, STATING_VERBS, WRITING_VERBS
from saidwhat.scopes import Scope

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _content_roots(doc: Doc, candidate: Candidate) -> list[Token]:
    """The head words of a quote's content: its tokens whose head lies outside it ("urged [police] to
    [investigate]" has two)."""
    span = span_at(doc, candidate.start, candidate.end)
    if span is None:
        return []
    inside = range(span.start, span.end)
    return [t for t in span if t.head.i not in inside or t.head.i == t.i]


def _states(root: Token) -> bool:
    """A clause: a verb with a subject of its own, a finite verb or modal ("could be part of it", whose
    subject the parser lost), or an infinitive ("vowed to resign")."""
    if root.pos_ not in {"VERB", "AUX"}:
        return False
    if root.tag_ in _FINITE:
        return True
    return any(child.dep_ in _SUBJECTS or child.tag_ in {"TO", "MD"} for child in root.children)


def reports_statement(doc: Doc, candidate: Candidate) -> bool:
    """Whether an indirect content states something rather than naming a thing."""
    return any(_states(root) for root in _content_roots(doc, candidate))


def _stated(doc: Doc, candidate: Candidate) -> bool:
    """Speech and writing by a verb of speech or writing are statements ("refused to resign", "plans to
    expand", "ordered it to pay" are acts); a finding is one where its source says it ("the report said",
    "according to the study"), not where it shows or finds it; a thought never is."""
    attribution = candidate.attribution
    if attribution is None:
        return True
    kind = report_kind(doc, attribution)
    lemma = attribution.cue_lemma
    if kind == "finding":
        return attribution.kind == "according" or lemma in STATING_VERBS
    if attribution.kind in {"verb", "passive"}:
        return kind != "thought" and lemma in SPEECH_VERBS | WRITING_VERBS
    return kind != "thought"


def negated_report(doc: Doc, candidate: Candidate) -> bool:
    """A report of what was not said or not found: "did not say whether", "would not confirm that",
    "never said", "declined to say how much", "found no evidence that". Its content is nobody's statement
    (storing "It did not find that anyone was hurt" as a finding reverses it). PolNeAR annotates these as
    attributions all the same (20 of the 24 on its dev set are gold; leaving them out took its quote F1
    from 0.730 to 0.726), so the attributions guideline keeps them for research."""
    attribution = candidate.attribution
    if attribution is None or attribution.kind not in {"verb", "passive"}:
        return False
    cue = token_at(doc, attribution.cue_start)
    if attribution.cue_lemma in REFUSAL_VERBS and any(
        child.dep_ == "xcomp" and child.lemma_.lower() in SPEECH_VERBS | WRITING_VERBS
        for child in cue.children
    ):
        return True  # "declined to say how much": "refused to reopen the terminal" is an act, not a report
    first, last = candidate.start, candidate.end
    if any(
        child.dep_ == "neg" and child.i < cue.i and not first <= child.idx < last for child in cue.children
    ):
        return True  # "did not say", "never said"; not '"Probably not," she said', whose "not" is hers
    return any(
        child.dep_ in {"dobj", "attr"}
        and first <= child.idx < last
        and any(det.dep_ == "det" and det.lower_ in DENYING_DETERMINERS for det in child.children)
        for child in cue.children
    )


def in_scope(doc: Doc, candidate: Candidate, scope: Scope) -> bool:
    """Whether a candidate is a quote under the chosen guideline; only indirect content and negated or
    refused reports are ever left out."""
    if scope == "attributions":
        return True
    if negated_report(doc, candidate):
        return False
    if candidate.attribution is not None and candidate.attribution.kind == "headline":
        return False  # a headline sums up an article; its words are the editor's
    if candidate.type != "indirect":
        return True
    according = candidate.attribution is not None and candidate.attribution.kind == "according"
    return _stated(doc, candidate) and (according or reports_statement(doc, candidate))
