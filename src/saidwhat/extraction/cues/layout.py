"""Lines of a page that are not running text: link lines ("READ MORE: ..."), section labels over prose
("ENERGY: Benchmark crude fell ...") and photo captions ending in a credit ("... (Jane Roe/CBC)").

Nobody speaks in a link line or a caption as the article reports it: the reported speech is in the
article the link points to, or in the body the caption repeats. A section label is not a speaker.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from saidwhat.extraction.text.loading import doc_text
from saidwhat.lexicon import FIRST_SECOND_PERSON, ROLE_NOUNS, TRANSCRIPT_ROLE_LABELS

SENTENCE_END = frozenset(".!?\"”’'…)")
# "(Steve Lawrence/CBC)", "(Kabir Dhanji/AFP/Getty Images)": a photo credit closing a paragraph.
PHOTO_CREDIT = re.compile(r"\([A-Z][^()\n/]{0,60}(?:/[ \t]?[^()\n/]{1,40}){1,3}\)[ \t]*$", re.MULTILINE)


def _paragraph(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def is_headline(text: str) -> bool:
    """A line that does not end as a sentence does: a headline, a link's title, a section heading."""
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] not in SENTENCE_END


_CLOSING_MARKS = "\"”’'»"


def _link_title(text: str) -> bool:
    """A line after a link label that is a title: no sentence end, even where it closes on a quotation
    mark ("READ MORE: Trump says students were ‘treated unfairly’")."""
    stripped = text.rstrip().rstrip(_CLOSING_MARKS).rstrip()
    return bool(stripped) and stripped[-1] not in SENTENCE_END


def speaker_labels_named(doc: Doc, label_matches: list[re.Match[str]]) -> set[str]:
    """The all-capitals line labels ("WALLACE:") of an article that name someone: a label that is a
    role ("MODERATOR"), that the article also writes as a name in ordinary case ("Chris Wallace"), or
    that labels more than one line of prose (a transcript's turns). "READ MORE" and "ENERGY" do not."""
    prose = [m.group(1) for m in label_matches if not is_headline(m.group(2))]
    names = {t.lower_ for t in doc if t.pos_ == "PROPN" and not t.text.isupper()}
    named: set[str] = set()
    for match in label_matches:
        label = match.group(1)
        words = [w for w in re.split(r"[\s'.-]+", label.lower()) if w]
        if (
            prose.count(label) > 1
            or any(w in TRANSCRIPT_ROLE_LABELS or w in ROLE_NOUNS or w in names for w in words)
            or _addresses(match.group(2))
        ):
            named.add(label)
    return named


def _addresses(line: str) -> bool:
    """Whether a line speaks in the first or second person outside quotation marks ("Governor, do you ...")."""
    unquoted = re.sub(r"[\"“][^\"“”]*[\"”]", " ", line)
    return any(w in FIRST_SECOND_PERSON for w in re.findall(r"[a-z]+", unquoted.lower()))


def captions(text: str) -> list[tuple[int, int]]:
    """Paragraphs that end in a photo credit: captions, which repeat the body or describe a picture."""
    return [_paragraph(text, m.start()) for m in PHOTO_CREDIT.finditer(text)]


def link_lines(doc: Doc, label_matches: list[re.Match[str]], named: set[str]) -> list[tuple[int, int]]:
    """Label lines that are not a speaker's words: "READ MORE: <headline>", "WATCH: <video title>"."""
    text = doc_text(doc)
    found: list[tuple[int, int]] = []
    for match in label_matches:
        if _link_title(match.group(2)) and match.group(1) not in named:
            found.append(_paragraph(text, match.start(2)))
    return found
