"""Pairing and typing: which cue owns which quotation, and whether a quote is direct, mixed or indirect.

Marks (``quotes.marks``) and cues (``cues.reporting``, ``cues.special``) only propose; this stage decides which
proposals are speech and returns one ``Candidate`` per quote, in text order. Content clauses become
indirect quotes, or mixed when they hold quoted parts; a quotation next to a content-less cue becomes
direct, or mixed when words stand between cue and marks; a quotation no cue claims is judged by
``quotes.not_speech``.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from saidwhat.extraction.candidates.boundaries import to_the_marks
from saidwhat.extraction.confidence import (
    DIRECT,
    INDIRECT,
    MIXED,
    MIXED_NEXT_TO_CUE,
    NOT_SPEECH,
    NOT_SPEECH_VERB,
    UNCUED,
)
from saidwhat.extraction.cues.layout import captions, link_lines, speaker_labels_named
from saidwhat.extraction.cues.reporting import verb_frame
from saidwhat.extraction.cues.special import (
    LABEL,
    colon_cue,
    dash_credits,
    headline_sources,
    interview,
    speaker_labels,
)
from saidwhat.extraction.handoff import Attribution, Candidate, Quoted
from saidwhat.extraction.quotes.not_speech import covers, is_title, not_speech, word_list
from saidwhat.extraction.quotes.ranges import inside, merged, overlap, quotes_within
from saidwhat.extraction.text.loading import doc_text
from saidwhat.extraction.text.offsets import span_at, token_at
from saidwhat.extraction.text.sentences import sentence_of
from saidwhat.lexicon import OCCASION_WORDS, REPORTING_VERBS, SPEECH_VERBS
from saidwhat.model import QuoteType
from saidwhat.model import Span as CharSpan

NESTED_MIN = 0.8  # a cue inside another cue's content counts only when this sure of itself
AFTER_GAP_CHARS = 60  # "”, the Republican senator from Ohio said": how far a following cue may be
BEFORE_GAP_CHARS = 80  # "said in a statement on Monday: “": how far an introducing cue may be
TRAILING_GAP_CHARS = 25  # words that may join a content clause to a quote after it


def _from_attributions(doc: Doc, attributions: list[Attribution], quoted: list[Quoted]) -> list[Candidate]:
    text = doc_text(doc)
    ends = [q.end for q in quoted]
    opens = [q.open_at for q in quoted]
    candidates: list[Candidate] = []
    used: set[int] = set()
    # Innermost first: a quotation belongs to the nearest cue whose content holds it, not to one
    # reporting a whole passage around it ("She said ..., and the mother replied, “...”").
    for attribution in sorted(attributions, key=lambda a: sum(len(c) for c in a.content)):
        if not attribution.content:
            continue
        inner = [
            k
            for c in attribution.content
            for k in quotes_within(quoted, ends, c.start, c.end)
            if k not in used and overlap((quoted[k].start, quoted[k].end), (c.start, c.end))
        ]
        inner = sorted(set(inner))
        envelope = (attribution.content[0].start, attribution.content[-1].end)
        inner += _trailing_quotes(
            doc, envelope, quoted, opens, used | set(inner), _sentence(doc, attribution).end_char
        )
        if len(inner) == 1 and covers(text, envelope, quoted[inner[0]]):
            q = quoted[inner[0]]
            used.add(inner[0])
            candidates.append(
                Candidate((CharSpan(q.start, q.end),), "direct", attribution, DIRECT, quoted=(q,))
            )
            continue
        spans = [[c.start, c.end] for c in attribution.content]
        quote_type: QuoteType = "indirect"
        for k in inner:
            q = quoted[k]
            used.add(k)
            if not is_title(text[q.start : q.end]):
                quote_type = (
                    "mixed"  # a quoted title ("his book ''Make Your Kid a Millionaire''") is not speech
                )
            spans[0][0] = min(spans[0][0], q.start) if q.start < spans[0][1] else spans[0][0]
            spans[-1][1] = max(spans[-1][1], q.end) if q.end > spans[-1][0] else spans[-1][1]
        if (
            quote_type == "mixed"
            and inner
            and verb_frame(token_at(doc, attribution.cue_start)) in {"dobj", "prep"}
        ):
            spans[-1][1] = _occasion_cut(doc, quoted[inner[-1]], spans[-1][1])
        confidence = MIXED if quote_type == "mixed" else INDIRECT
        if attribution.cue_lemma not in SPEECH_VERBS and attribution.kind == "verb":
            confidence -= NOT_SPEECH_VERB
        candidates.append(
            Candidate(
                tuple(CharSpan(a, b) for a, b in spans),
                quote_type,
                attribution,
                confidence,
                quoted=tuple(quoted[k] for k in inner),
            )
        )
    return candidates


def _sentence(doc: Doc, attribution: Attribution) -> Span:
    """The sentence of an attribution's cue."""
    return sentence_of(doc, token_at(doc, attribution.cue_start).i)


def _occasion_cut(doc: Doc, last: Quoted, end: int) -> int:
    """ "blasted Clinton as a “disgrace” Wednesday on the show": an object's quoted complement ends
    the content when only the time or occasion of saying it follows."""
    if last.close_at is None or end <= last.close_at + 1:
        return end
    after = span_at(doc, last.close_at + 1, end)
    words = [t for t in after if not t.is_punct] if after is not None else []
    if words and words[0].lower_ in OCCASION_WORDS:
        return last.end
    return end


def _split_coordinated(doc: Doc, attributions: list[Attribution]) -> list[Attribution]:
    """ "said it was “opposed” and warned North Korea to refrain": a second cue coordinated inside the
    first one's content ends it; the second reports its own content."""
    text = doc_text(doc)
    cue_starts = [a.cue_start for a in attributions]  # attributions come in text order
    result: list[Attribution] = []
    for attribution in attributions:
        content = list(attribution.content)
        if not content:
            result.append(attribution)
            continue
        last_start, last_end = content[-1].start, content[-1].end
        first = bisect.bisect_right(cue_starts, last_start)
        for other in attributions[first : bisect.bisect_left(cue_starts, last_end)]:
            cut = _coordination_start(token_at(doc, other.cue_start))
            if other is attribution or cut is None or not last_start < cut < last_end:
                continue
            while cut > last_start and not text[cut - 1].isalnum():
                cut -= 1
            if cut > last_start:
                content[-1] = CharSpan(last_start, cut)
                break
        changed = content != list(attribution.content)
        result.append(replace(attribution, content=tuple(content)) if changed else attribution)
    return result


def _coordination_start(cue: Token) -> int | None:
    """Where a cue's own clause begins when it is coordinated ("and warned ..."), or None when it is
    part of the surrounding content."""
    if cue.dep_ != "conj":
        return None
    cc = [c for c in cue.head.children if c.dep_ == "cc" and c.i < cue.i]
    return min([cue.left_edge.idx, *(c.idx for c in cc[-1:])])


def _adjacent(text: str, q: Quoted, attribution: Attribution) -> int | None:
    """How far a cue stands from a quote it may introduce or follow, or None when it cannot.

    After the quote: only a short stretch without a line break or a full stop ("”, Obama said").
    Before it: a short stretch ending in a colon or comma ("said in a statement on Monday: “").
    """
    close = q.close_at if q.close_at is not None else q.end
    if attribution.cue_start >= close:
        gap = text[close + 1 : attribution.cue_start]
        if len(gap) <= AFTER_GAP_CHARS and "\n" not in gap and not any(c in gap for c in ".!?"):
            return len(gap)
        return None
    if attribution.cue_end <= q.open_at:
        gap = text[attribution.cue_end : q.open_at]
        if len(gap) <= BEFORE_GAP_CHARS and "\n" not in gap and gap.rstrip()[-1:] in {":", ","}:
            return len(gap)
        if gap.strip() == ":":
            return len(gap)  # "Caddell continued:" and the quote in the next paragraph
    return None


def _trailing_quotes(
    doc: Doc,
    envelope: tuple[int, int],
    quoted: list[Quoted],
    opens: list[int],
    used: set[int],
    sentence_end: int,
) -> list[int]:
    """Quotes that finish a content clause the parser cut short (", and of “all the people ...”").

    Never across another cue (", saying that “...”" is a quote of its own)."""
    text = doc_text(doc)
    found: list[int] = []
    end = envelope[1]
    for k in range(bisect.bisect_left(opens, end), len(quoted)):
        q = quoted[k]
        if q.open_at >= sentence_end:
            break
        if k in used:
            continue
        gap = text[end : q.open_at]
        if len(gap) > TRAILING_GAP_CHARS or "\n" in gap or any(c in gap for c in ".!?;"):
            break
        between = span_at(doc, end, q.open_at)
        if between is not None and any(
            t.pos_ == "VERB" and t.lemma_.lower() in REPORTING_VERBS for t in between
        ):
            break
        found.append(k)
        end = q.end
    return found


def _nearest_cue(
    doc: Doc, q: Quoted, attributions: list[Attribution], cue_starts: list[int]
) -> Attribution | None:
    """A content-less cue next to a quote: in the quote's own sentences, or right before or after it."""
    span = span_at(doc, q.start, q.end)
    if span is None:
        return None
    text = doc_text(doc)
    first_sent, last_sent = sentence_of(doc, span.start), sentence_of(doc, span.end - 1)
    close = q.close_at if q.close_at is not None else q.end
    low = bisect.bisect_left(cue_starts, min(first_sent.start_char, q.open_at - BEFORE_GAP_CHARS - 1))
    high = bisect.bisect_right(cue_starts, max(last_sent.end_char, close + AFTER_GAP_CHARS + 1))
    best: tuple[int, Attribution] | None = None
    for k in range(low, high):
        attribution = attributions[k]
        if attribution.kind != "verb":
            continue
        distance = _adjacent(text, q, attribution)
        if attribution.content:
            # A cue may report a clause and a quotation both ("X will win, Kall said: “...”").
            overlaps = any(overlap((q.start, q.end), (c.start, c.end)) for c in attribution.content)
            if overlaps or attribution.cue_end > q.open_at or distance is None:
                continue
        if (
            distance is None
            and _sentence(doc, attribution).start in (first_sent.start, last_sent.start)
            and len(word_list(text[q.start : q.end])) >= 2  # a lone quoted word is a term
        ):
            after = attribution.cue_start >= q.end
            distance = attribution.cue_start - q.end if after else q.start - attribution.cue_end
            distance = distance + 1000 if distance >= 0 else None  # same sentence, but not adjacent
        if distance is None:
            continue
        if best is None or distance < best[0]:
            best = (distance, attribution)
    return best[1] if best else None


def _cued_quote(
    doc: Doc, q: Quoted, cue: Attribution, candidates: list[Candidate]
) -> tuple[int | None, Candidate]:
    """A quote next to a cue without content: direct (“…,” he said / he said: “…”), or mixed when
    words stand between the cue and the marks ("called Trump a “liar” and a “bully”").

    Returns the candidate and, when it grows one the cue already has, that one's place in ``candidates``."""
    text = doc_text(doc)
    between = text[cue.cue_end : q.open_at]
    reported_before = any(c.end <= cue.cue_start for c in cue.content)
    if cue.cue_end > q.open_at or not any(c.isalnum() for c in between) or reported_before:
        # “A,” Schiff told reporters on Wednesday, “B.”: the words between are the cue's own.
        return None, Candidate((CharSpan(q.start, q.end),), "direct", cue, DIRECT, quoted=(q,))
    for k, candidate in enumerate(candidates):
        if candidate.attribution is cue and candidate.type == "mixed":
            first, last = candidate.spans[-1].start, candidate.spans[-1].end
            spans = (*candidate.spans[:-1], CharSpan(first, max(last, q.end)))
            return k, replace(candidate, spans=spans, quoted=(*candidate.quoted, q))
    start = cue.cue_end
    while start < q.start and not text[start].isalnum():
        start += 1
    # The clause goes on after the marks ("saying he would “never” diagnose anyone"), to the cue's last word.
    word = token_at(doc, cue.cue_start)
    edge = word.right_edge
    end = max(q.end, edge.idx + len(edge.text)) if edge.sent == word.sent else q.end
    while end > q.end and not text[end - 1].isalnum():
        end -= 1
    return None, Candidate((CharSpan(start, end),), "mixed", cue, MIXED_NEXT_TO_CUE, quoted=(q,))


def pair(
    doc: Doc, quoted: list[Quoted], attributions: list[Attribution], *, keep_not_speech: bool
) -> list[Candidate]:
    """Which cue owns which quotation, and the type of each quote, in text order (``quoted`` sorted by
    start, ``attributions`` in text order)."""
    text = doc_text(doc)
    quoted_ranges = [(q.start, q.end) for q in quoted]
    attributions = [a for a in attributions if not inside(a.cue_start, quoted_ranges)]
    # Speech reported inside reported speech counts only for confident cues ("which he said").
    content_ranges = merged([(c.start, c.end) for a in attributions for c in a.content])
    attributions = [
        a for a in attributions if a.probability >= NESTED_MIN or not inside(a.cue_start, content_ranges)
    ]
    attributions = _split_coordinated(doc, attributions)
    candidates = _from_attributions(doc, attributions, quoted)
    candidates += speaker_labels(doc, quoted)
    headlines = headline_sources(doc, quoted)
    lines = [
        (c.attribution.content[0].start, c.attribution.content[0].end)
        for c in headlines
        if c.attribution is not None
    ]
    candidates = [c for c in candidates if not inside(c.start, lines)] + headlines
    claimed_now = {id(q) for c in candidates for q in c.quoted}
    candidates += dash_credits(doc, [q for q in quoted if id(q) not in claimed_now])
    claimed = {id(q) for c in candidates for q in c.quoted}
    cue_starts = [a.cue_start for a in attributions]
    for q in quoted:
        if id(q) in claimed:
            continue
        cue = _nearest_cue(doc, q, attributions, cue_starts)
        if cue is not None:
            at, candidate = _cued_quote(doc, q, cue, candidates)
            if at is None:
                candidates.append(candidate)
            else:
                candidates[at] = candidate
            continue
        introduced = colon_cue(doc, q)
        if introduced is not None:
            candidates.append(introduced)
            continue
        flagged = not_speech(doc, q)
        if flagged and not keep_not_speech:
            continue
        candidates.append(
            Candidate(
                (CharSpan(q.start, q.end),), "direct", None, NOT_SPEECH if flagged else UNCUED, quoted=(q,)
            )
        )
    # Link lines and photo captions are not where anybody is reported speaking.
    labels = list(LABEL.finditer(text))
    off_text = merged(link_lines(doc, labels, speaker_labels_named(doc, labels)) + captions(text))
    candidates = [to_the_marks(text, c) for c in candidates if not inside(c.start, off_text)]
    answers, qa_block = interview(doc, quoted)
    if answers:  # in a Q&A the answers are the interviewee's, and nothing else in it is anybody's quote
        candidates = [c for c in candidates if not inside(c.start, qa_block)] + answers
    candidates.sort(key=lambda c: c.start)
    return candidates
