"""Put the stages together for one parsed article: marks + cues -> quotes -> resolved speakers.

Detection (``quotes``, ``attribution``) only proposes; this module decides which proposals are speech,
joins interrupted quotes, types each quote and hands speaker mentions to ``speakers`` for resolution.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from saidwhat.attribution import Attribution, find_attributions
from saidwhat.lexicon import DOCUMENT_NOUNS, REPORTING_VERBS, SPEECH_VERBS
from saidwhat.model import Article, Extraction, Mention, Quote, QuoteType
from saidwhat.model import Span as CharSpan
from saidwhat.nlp import doc_text
from saidwhat.quotes import Quoted, find_quoted
from saidwhat.speakers import SpeakerResolver

NESTED_MIN = 0.8  # a cue inside another cue's content counts only when this sure of itself
AFTER_GAP_CHARS = 60  # "”, the Republican senator from Ohio said": how far a following cue may be
BEFORE_GAP_CHARS = 80  # "said in a statement on Monday: “": how far an introducing cue may be
TRAILING_GAP_CHARS = 25  # words that may join a content clause to a quote after it
_LABEL = re.compile(r"^[ \t\"“]*([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3}):[ \t]+(\S[^\n]*)$", re.MULTILINE)
_CREDIT = re.compile(
    r"[ \t\xa0]*([―—–]|--)[ \t\xa0]*([A-Z](?:[A-Z]\.[ \t]?|[^\n.,;:()]){1,50}?)[ \t]*(?:[.,;(]|$)",
    re.MULTILINE,
)
MIN_SPEECH_WORDS = 4  # shorter quoted strings without a cue are terms or scare quotes
CONTINUATION_SENTENCES = 3  # how far back a cue-less quote may look for its speaker


@dataclass(slots=True)
class Candidate:
    """A quote being assembled: its content ranges, marks inside it and where its speaker comes from."""

    spans: list[tuple[int, int]]
    type: QuoteType
    attribution: Attribution | None
    confidence: float
    continuation_of: Candidate | None = None
    quoted: list[Quoted] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def _alnum(text: str, start: int, end: int) -> int:
    return sum(1 for c in text[start:end] if c.isalnum())


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ranges covering the same positions, for ``_inside``."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` falls in one of ``ranges`` (sorted, non-overlapping)."""
    k = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
    return k >= 0 and ranges[k][0] <= pos < ranges[k][1]


def _words(text: str) -> list[str]:
    return [w for w in text.split() if any(c.isalnum() for c in w)]


def _is_title(text: str) -> bool:
    """ "Joint Agreement Signing Ceremony": every word capitalised, so a name or title, not speech."""
    words = _words(text)
    small = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "with", "or", "by"}
    content = [w for w in words if w.lower() not in small]
    return len(content) >= 1 and all(w[0].isupper() or not w[0].isalpha() for w in content)


def _document_wording(doc: Doc, quoted: Quoted) -> bool:
    """ "an agreement to “work toward ...”", "the treaty commits them to “...”": a document's wording."""
    span = doc.char_span(quoted.open_at, quoted.open_at + 1, alignment_mode="expand")
    if span is None:
        return False
    first = span[0].i
    sent = span.sent
    if any(token.lemma_.lower() in DOCUMENT_NOUNS for token in doc[max(first - 4, sent.start) : first]):
        return True
    subjects = [c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < first]
    return any(s.lemma_.lower() in DOCUMENT_NOUNS for s in subjects)


def _share_of_sentence(doc: Doc, quoted: Quoted) -> float:
    span = doc.char_span(quoted.start, quoted.end, alignment_mode="expand")
    if span is None:
        return 0.0
    sent = span[0].sent
    sentence_chars = _alnum(doc_text(doc), sent.start_char, max(sent.end_char, quoted.end))
    return _alnum(doc_text(doc), quoted.start, quoted.end) / sentence_chars if sentence_chars else 0.0


def _opens_sentence(doc: Doc, quoted: Quoted) -> bool:
    span = doc.char_span(quoted.open_at, quoted.open_at + 1, alignment_mode="expand")
    if span is None:
        return False
    sent = span[0].sent
    return not any(c.isalnum() for c in doc_text(doc)[sent.start_char : quoted.open_at])


def _covers(text: str, outer: tuple[int, int], inner: Quoted, share: float = 0.85) -> bool:
    """Whether a quoted stretch makes up (nearly) all of a content range."""
    outer_chars = _alnum(text, *outer)
    inside = _alnum(text, max(outer[0], inner.start), min(outer[1], inner.end))
    return outer_chars > 0 and inside / outer_chars >= share


def _quotes_within(quoted: list[Quoted], ends: list[int], start: int, end: int) -> range:
    """Indices of the quotes (sorted, never overlapping) that may overlap ``[start, end)``."""
    first = bisect.bisect_right(ends, start)
    last = first
    while last < len(quoted) and quoted[last].start < end:
        last += 1
    return range(first, last)


def _from_attributions(doc: Doc, attributions: list[Attribution], quoted: list[Quoted]) -> list[Candidate]:
    text = doc_text(doc)
    ends = [q.end for q in quoted]
    opens = [q.open_at for q in quoted]
    candidates: list[Candidate] = []
    used: set[int] = set()
    for attribution in attributions:
        if not attribution.content:
            continue
        inner = [
            k
            for a, b in attribution.content
            for k in _quotes_within(quoted, ends, a, b)
            if k not in used and _overlap((quoted[k].start, quoted[k].end), (a, b))
        ]
        inner = sorted(set(inner))
        envelope = (attribution.content[0][0], attribution.content[-1][1])
        inner += _trailing_quotes(
            doc, envelope, quoted, opens, used | set(inner), attribution.sentence.end_char
        )
        if len(inner) == 1 and _covers(text, envelope, quoted[inner[0]]):
            q = quoted[inner[0]]
            used.add(inner[0])
            candidates.append(Candidate([(q.start, q.end)], "direct", attribution, 0.9, quoted=[q]))
            continue
        spans = [list(c) for c in attribution.content]
        quote_type: QuoteType = "indirect"
        for k in inner:
            q = quoted[k]
            used.add(k)
            if not _is_title(text[q.start : q.end]):
                quote_type = (
                    "mixed"  # a quoted title ("his book ''Make Your Kid a Millionaire''") is not speech
                )
            spans[0][0] = min(spans[0][0], q.start) if q.start < spans[0][1] else spans[0][0]
            spans[-1][1] = max(spans[-1][1], q.end) if q.end > spans[-1][0] else spans[-1][1]
        confidence = 0.85 if quote_type == "mixed" else 0.75
        if attribution.cue.lemma_.lower() not in SPEECH_VERBS and attribution.kind == "verb":
            confidence -= 0.15
        candidates.append(
            Candidate(
                [(a, b) for a, b in spans],
                quote_type,
                attribution,
                confidence,
                quoted=[quoted[k] for k in inner],
            )
        )
    return candidates


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


def _speaker_labels(doc: Doc, quoted: list[Quoted]) -> list[Candidate]:
    """Transcripts: "WALLACE: But, Governor Pence, ..." is the labelled person's speech."""
    text = doc_text(doc)
    found: list[Candidate] = []
    for match in _LABEL.finditer(text):
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


def _dash_credits(doc: Doc, quoted: list[Quoted]) -> list[Candidate]:
    """“...” ― Karen Bobadilla: a quotation credited with a dash to the name after it."""
    text = doc_text(doc)
    found: list[Candidate] = []
    for q in quoted:
        if q.close_at is None:
            continue
        match = _CREDIT.match(text, q.close_at + 1)
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
        between = doc.char_span(end, q.open_at, alignment_mode="expand")
        if between is not None and any(
            t.pos_ == "VERB" and t.lemma_.lower() in REPORTING_VERBS for t in between
        ):
            break
        found.append(k)
        end = q.end
    return found


def _nearest_cue(
    doc: Doc, q: Quoted, attributions: list[Attribution], cue_starts: list[int], taken: set[int]
) -> Attribution | None:
    """A content-less cue next to a quote: in the quote's own sentences, or right before or after it."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    first_sent, last_sent = span[0].sent, span[-1].sent
    close = q.close_at if q.close_at is not None else q.end
    low = bisect.bisect_left(cue_starts, min(first_sent.start_char, q.open_at - BEFORE_GAP_CHARS - 1))
    high = bisect.bisect_right(cue_starts, max(last_sent.end_char, close + AFTER_GAP_CHARS + 1))
    best: tuple[int, Attribution] | None = None
    for k in range(low, high):
        attribution = attributions[k]
        if attribution.kind != "verb":
            continue
        if k in taken or attribution.content:
            # A cue may report a clause and a quotation both ("X will win, Kall said: “...”").
            overlaps = any(_overlap((q.start, q.end), c) for c in attribution.content)
            if (
                overlaps
                or attribution.cue_end > q.open_at
                or _adjacent(doc_text(doc), q, attribution) is None
            ):
                continue
        distance = _adjacent(doc_text(doc), q, attribution)
        if distance is None and attribution.sentence.start in (first_sent.start, last_sent.start):
            after = attribution.cue_start >= q.end
            distance = attribution.cue_start - q.end if after else q.start - attribution.cue_end
            distance = distance + 1000 if distance >= 0 else None  # same sentence, but not adjacent
        if distance is None:
            continue
        if best is None or distance < best[0]:
            best = (distance, attribution)
    return best[1] if best else None


def _cued_quote(text: str, q: Quoted, cue: Attribution, candidates: list[Candidate]) -> Candidate:
    """A quote next to a cue without content: direct (“…,” he said / he said: “…”), or mixed when
    words stand between the cue and the marks ("called Trump a “liar” and a “bully”")."""
    between = text[cue.cue_end : q.open_at]
    if cue.cue_end > q.open_at or not any(c.isalnum() for c in between):
        return Candidate([(q.start, q.end)], "direct", cue, 0.9, quoted=[q])
    for candidate in candidates:
        if candidate.attribution is cue and candidate.type == "mixed":
            candidate.spans[-1] = (candidate.spans[-1][0], max(candidate.spans[-1][1], q.end))
            candidate.quoted.append(q)
            return candidate
    start = cue.cue_end
    while start < q.start and not text[start].isalnum():
        start += 1
    # The clause goes on after the marks ("saying he would “never” diagnose anyone"), to the cue's last word.
    last = cue.cue.right_edge
    end = max(q.end, last.idx + len(last.text)) if last.sent == cue.cue.sent else q.end
    while end > q.end and not text[end - 1].isalnum():
        end -= 1
    return Candidate([(start, end)], "mixed", cue, 0.8, quoted=[q])


def _sentence_index(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0].sent.start if span is not None else -1


def assemble(doc: Doc, article: Article, *, keep_not_speech: bool = False) -> Extraction:
    """Everything saidwhat finds in one parsed article."""
    text = doc_text(doc)
    quoted = sorted(find_quoted(text), key=lambda q: q.start)
    quoted_ranges = [(q.start, q.end) for q in quoted]
    attributions = [a for a in find_attributions(doc) if not _inside(a.cue_start, quoted_ranges)]
    # Speech reported inside reported speech counts only for confident cues ("which he said").
    content_ranges = _merged([c for a in attributions for c in a.content])
    attributions = [
        a for a in attributions if a.probability >= NESTED_MIN or not _inside(a.cue_start, content_ranges)
    ]
    candidates = _from_attributions(doc, attributions, quoted)
    candidates += _speaker_labels(doc, quoted)
    claimed_now = {id(q) for c in candidates for q in c.quoted}
    candidates += _dash_credits(doc, [q for q in quoted if id(q) not in claimed_now])
    claimed = {id(q) for c in candidates for q in c.quoted}
    taken = {k for k, a in enumerate(attributions) if a.content}
    cue_starts = [a.cue_start for a in attributions]
    sentence_starts = [s.start_char for s in doc.sents]
    for q in quoted:
        if id(q) in claimed:
            continue
        cue = _nearest_cue(doc, q, attributions, cue_starts, taken)
        if cue is not None:
            candidates.append(_cued_quote(text, q, cue, candidates))
            continue
        words = _words(text[q.start : q.end])
        whole_sentence = _share_of_sentence(doc, q) >= 0.9 and len(words) > 1
        not_speech = (
            (len(words) < MIN_SPEECH_WORDS and not whole_sentence)
            or _is_title(text[q.start : q.end])
            or _document_wording(doc, q)
            or (_share_of_sentence(doc, q) < 0.5 and not _opens_sentence(doc, q))
        )
        if not_speech and not keep_not_speech:
            continue
        candidates.append(
            Candidate([(q.start, q.end)], "direct", None, 0.2 if not_speech else 0.5, quoted=[q])
        )
    candidates = list({id(c): c for c in candidates}.values())
    candidates.sort(key=lambda c: c.start)
    candidates = _join_interrupted(text, candidates, sentence_starts)
    _link_continuations(candidates, sentence_starts)
    resolver = SpeakerResolver(doc)
    quotes: list[Quote] = []
    for candidate in candidates:
        quotes.append(_finish(doc, candidate, resolver))
    finished, speakers = resolver.finalise(quotes)
    return Extraction(article=article, quotes=tuple(finished), speakers=speakers)


def _join_interrupted(text: str, candidates: list[Candidate], sentence_starts: list[int]) -> list[Candidate]:
    """“A,” he said. “B.”: a cue-less quote in the attribution's sentence or the next one continues it."""
    joined: list[Candidate] = []
    for candidate in candidates:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and candidate.attribution in (None, previous.attribution)
            and previous.attribution is not None
            and previous.type == "direct"
            and candidate.type == "direct"
            and previous.attribution.cue_start > previous.end
            and candidate.start >= previous.end
            and "\n" not in text[previous.end : candidate.start]
            and bisect.bisect_right(sentence_starts, candidate.start)
            - bisect.bisect_right(sentence_starts, previous.attribution.cue_start)
            <= 1
            and previous.attribution.cue_end <= candidate.start
        ):
            previous.spans.extend(candidate.spans)
            previous.quoted.extend(candidate.quoted)
            continue
        if (
            previous is not None
            and previous.attribution is None
            and candidate.attribution is not None
            and previous.type == candidate.type == "direct"
            and candidate.attribution.speaker is not None
            and previous.end < candidate.attribution.speaker.start_char < candidate.start
            and previous.end < candidate.attribution.cue_start < candidate.start
            and "\n" not in text[previous.end : candidate.start]
        ):
            # “A,” he said, “B.” where the parser gave the cue to B: A is the quote's first part.
            candidate.spans[:0] = previous.spans
            candidate.quoted[:0] = previous.quoted
            joined[-1] = candidate
            continue
        joined.append(candidate)
    return joined


def _link_continuations(candidates: list[Candidate], sentence_starts: list[int]) -> None:
    """A quote with no cue of its own belongs to the speaker of the quote just before it, if close."""
    last: Candidate | None = None
    for candidate in candidates:
        attribution = candidate.attribution
        speakerless = attribution is None or (attribution.speaker is None and attribution.kind != "passive")
        if speakerless and last is not None:
            here = bisect.bisect_right(sentence_starts, candidate.start)
            there = bisect.bisect_right(sentence_starts, last.end)
            if here - there <= CONTINUATION_SENTENCES:
                candidate.continuation_of = last
                candidate.confidence = min(candidate.confidence + 0.1, 0.7)
        if (
            candidate.attribution is not None and candidate.attribution.speaker is not None
        ) or candidate.continuation_of is not None:
            last = candidate


def _speaker_mention(candidate: Candidate) -> Span | None:
    seen = 0
    current: Candidate | None = candidate
    while current is not None and seen < 20:
        if current.attribution is not None and current.attribution.speaker is not None:
            return current.attribution.speaker
        current = current.continuation_of
        seen += 1
    return None


def _finish(doc: Doc, candidate: Candidate, resolver: SpeakerResolver) -> Quote:
    text = doc_text(doc)
    spans = tuple(CharSpan(a, b) for a, b in candidate.spans)
    attribution = candidate.attribution
    cue = (
        Mention(text[attribution.cue_start : attribution.cue_end], attribution.cue_start, attribution.cue_end)
        if (attribution is not None)
        else None
    )
    mention_span = _speaker_mention(candidate)
    speaker = resolver.resolve(mention_span) if mention_span is not None else None
    mention = None
    confidence = candidate.confidence
    if attribution is not None and attribution.kind == "verb":
        confidence = (confidence + attribution.probability) / 2  # how sure the cue model is of this cue
    if speaker is None:
        confidence *= 0.5
    elif mention_span is not None:
        mention = Mention(mention_span.text, mention_span.start_char, mention_span.end_char)
        confidence *= resolver.confidence(mention_span)
    return Quote(
        spans=spans,
        text=" … ".join(text[s.start : s.end] for s in spans),
        type=candidate.type,
        speaker=speaker,
        mention=mention,
        cue=cue,
        confidence=max(0.01, min(confidence, 0.99)),
    )
