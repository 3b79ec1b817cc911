"""Names of people and organisations in a parsed article, with or without a named-entity recogniser.

The default pipeline leaves spaCy's NER out: in ``en_core_web_sm`` it carries a network of its own and
costs more than tagging and parsing together. Names are then read off the tagger's proper-noun runs:
titles are split off ("President Donald Trump" -> "Donald Trump"), and a run is an organisation when
its words say so (an acronym, "the ...", a word such as Ministry, Party or Times, a known place).
A pipeline that has NER keeps using it.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from saidwhat.extraction.speakers.gazetteer import is_first_name, is_place, is_region, name_particles
from saidwhat.extraction.text.lookup import starting_with
from saidwhat.lexicon import (
    AFFILIATION_NOUNS,
    AGENT_ENDINGS,
    FAMILY_NOUNS,
    FIRST_NAMES_ALSO_WORDS,
    MONTHS_ALSO_NAMES,
    NAME_PREFIX_TITLES,
    NAME_PREFIXES,
    NAME_TITLES,
    NEWS_ORGANISATIONS,
    NOT_AGENT_ENDINGS,
    ORGANISATION_LINKS,
    ORGANISATION_NAME_OPENERS,
    ORGANISATION_NOUNS,
    PARTY_TAGS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    ROLE_NOUNS,
    SPEAKER_INDEFINITE_ARTICLES,
    TIME_WORDS,
)
from saidwhat.namewords import plain

PERSON = "PERSON"
ORGANISATION = "ORG"
_NER_PERSON = frozenset({"PERSON"})
_NER_ORGANISATION = frozenset({"ORG", "GPE", "NORP"})
_PLACE_PREPOSITIONS = PLACE_PREPOSITIONS
_ORG_LINKS = ORGANISATION_LINKS  # "the Institute on Drug Abuse", "the Port of Rotterdam Authority"
_APOSTROPHE_NAME = re.compile(r"^(?:[A-Z][a-z]*|[dl])['’][A-Z][a-z]+$")  # Brind'Amour, O'Brien, d’Entremont


def find_names(doc: Doc) -> list[Span]:
    """Person and organisation names, labelled PERSON or ORG, in text order."""
    if doc.has_annotation("ENT_IOB"):
        found = []
        for ent in doc.ents:
            if ent.label_ in _NER_PERSON:
                found.append(Span(doc, ent.start, ent.end, label=PERSON))
            elif ent.label_ in _NER_ORGANISATION:
                found.append(Span(doc, ent.start, ent.end, label=ORGANISATION))
        return found
    return _proper_noun_runs(doc)


def _plain(token: Token) -> str:
    return plain(token.text)


def _is_name_word(token: Token) -> bool:
    if _APOSTROPHE_NAME.match(token.text):
        return True  # the tagger reads "Brind'Amour" as anything but a proper noun
    return token.pos_ == "PROPN" and token.text[:1].isupper() and _plain(token) not in TIME_WORDS


def _starts_name(doc: Doc, i: int) -> bool:
    """Whether a name starts at token ``i``: a name word, a known first name before a name word or a particle,
    a capitalised particle opening a sentence ("Van der Kolk said"), or a capitalised word the tagger missed
    before an apostrophe name ("Rémi d’Entremont")."""
    token = doc[i]
    if token.lower_ in MONTHS_ALSO_NAMES and i > 0 and doc[i - 1].pos_ == "ADP":
        return False  # "in May Trump said": the month, then the name
    if _is_name_word(token):
        return True
    if i + 1 >= len(doc) or not token.text[:1].isupper() or not token.is_alpha:
        return False
    following = doc[i + 1]
    if _plain(token) in TIME_WORDS and i > 0 and _is_title_word(doc[i - 1]):
        return _is_name_word(following)  # "Mayor Cr Jan Pettigrew": Jan, not January
    if token.lower_ in FIRST_NAMES_ALSO_WORDS:
        # "Will Hardy", "May Chen": a first name that is also a small word, before a name word; never after
        # a preposition ("in May Trump said") nor opening a question ("Will Trump sign?")
        return (
            _is_name_word(following)
            and not (i > 0 and doc[i - 1].pos_ == "ADP")
            and not (token.is_sent_start and token.sent[-1].text == "?")
        )
    if token.is_stop:
        return False
    if is_first_name(token.text) and (
        _is_name_word(following) or (following.is_lower and following.lower_ in name_particles())
    ):
        return True  # "Maarten van der Kolk", "Elke van der Kolk": a first name the tagger took for a word
    if token.lower_ in name_particles():
        return (following.is_lower and following.lower_ in name_particles()) or _is_name_word(following)
    return bool(_APOSTROPHE_NAME.match(following.text))


def _is_credit(doc: Doc, start: int, end: int) -> bool:
    """A photo credit or byline slug ("Kali Madej/CBC", "Name / Agency"): a slash touches the run."""
    touching = [doc[k] for k in (start - 1, end) if 0 <= k < len(doc)]
    if any("/" in t.text for t in doc[start:end]) or any(t.text == "/" for t in touching):
        return True
    # a byline: "By Tomas Berglund" on a line of its own names the writer, never a source
    by = start - 1
    return (
        by >= 0
        and doc[by].text in {"By", "BY"}
        and (by == 0 or "\n" in doc[by - 1].text_with_ws or doc[by - 1].is_space)
        and (end >= len(doc) or "\n" in doc[end - 1].whitespace_ or doc[end].is_space)
    )


def _person_after_credit(doc: Doc, start: int, end: int) -> Span | None:
    """ "AFP/Getty Images Jane Porter said": the agency's credit, then a person's name that opens the text.

    The name must start with a known first name at least two words after the slash, so that a credit's
    own photographer ("Reuters/Jane Smith") stays part of the credit.
    """
    slashes = [k for k in range(max(0, start - 1), end) if "/" in doc[k].text]
    if not slashes:
        return None
    for k in range(slashes[-1] + 2, end - 1):
        if is_first_name(doc[k].text) and all(_is_name_word(t) for t in doc[k:end]):
            return Span(doc, k, end, label=PERSON) if kind_of(doc, k, end) == PERSON else None
    return None


def _is_dateline(doc: Doc, start: int, end: int) -> bool:
    """ "NORTHGATE, Calif. —", "CEDAR FLATS —": a place in capitals opening a paragraph, where the story
    was filed; never a source."""
    words = [t for t in doc[start:end] if t.is_alpha]
    if not words or not all(t.text.isupper() for t in words) or len(" ".join(t.text for t in words)) < 4:
        return False
    opens = start == 0 or "\n" in doc[start - 1].text_with_ws or doc[start - 1].is_space
    return opens and end < len(doc) and doc[end].text in {",", "—", "–", "-", "--"}


def _is_party_tag(doc: Doc, i: int) -> bool:
    """ "D-Conn.", "R-Ky.": a party and a state after a US politician's name."""
    return doc[i].lower_ in PARTY_TAGS and i + 1 < len(doc) and doc[i + 1].text == "-"


def _continues(doc: Doc, j: int) -> bool:
    """Whether token ``j`` carries a name on: a proper noun, "Jong-un"'s hyphen and the part after it,
    or "de" in "Charles de Gaulle"."""
    token = doc[j]
    if _is_name_word(token):
        return True
    if doc[j - 1].text == "-" and not doc[j - 1].whitespace_ and token.is_alpha:
        return True
    if token.text == "&" and j + 1 < len(doc) and _is_name_word(doc[j + 1]):
        return True  # "Lavelle Power & Light", "Johnson & Johnson": a firm's name goes on
    following = j + 1 < len(doc) and (_is_name_word(doc[j + 1]) or doc[j + 1].is_alpha)
    if token.text == "-" and not doc[j - 1].whitespace_ and not token.whitespace_ and following:
        return True
    if token.lower_ in name_particles() and token.is_lower:
        if (
            j + 2 < len(doc)
            and doc[j + 1].text == "-"
            and not token.whitespace_
            and _is_name_word(doc[j - 1])
            and _is_name_word(doc[j + 2])
        ):
            return True  # "Ahmed bin Salman al-Rashid": a particle joined to the name by a hyphen
        return j + 1 < len(doc) and (_is_name_word(doc[j + 1]) or _continues_particle(doc, j + 1))
    return False


def _continues_particle(doc: Doc, j: int) -> bool:
    """ "van der Pluijm": a particle may follow a particle before the name word."""
    return doc[j].lower_ in name_particles() and j + 1 < len(doc) and _is_name_word(doc[j + 1])


def _org_link(doc: Doc, start: int, j: int) -> int:
    """How many tokens at ``j`` link an organisation's name on ("on", "of the", "and"), or 0.

    Only inside what is already an organisation: a run with an organisation word, or one after "the"
    ("the Guild of Rope Makers and Weavers"); "and" only after such a link ("Makers and Weavers").
    """
    run = doc[start:j]
    linked = any(t.lower_ in _ORG_LINKS for t in run)
    if not (doc[j].lower_ in _ORG_LINKS or (doc[j].lower_ == "and" and linked)):
        return 0
    if not (
        any(t.lower_ in ORGANISATION_NOUNS for t in run) or (start > 0 and doc[start - 1].lower_ == "the")
    ):
        return 0
    k = j + 1
    if k < len(doc) and doc[k].lower_ == "the":
        k += 1
    return k - j + 1 if k < len(doc) and _is_name_word(doc[k]) else 0


def _is_title_word(token: Token) -> bool:
    plain = _plain(token)
    return (
        plain in NAME_TITLES
        or plain in NAME_PREFIX_TITLES
        or token.lower_ in ROLE_NOUNS
        or token.lower_ in AFFILIATION_NOUNS
    )


def _title_continues(doc: Doc, start: int, end: int) -> int:
    """Where a person's name starts in a run that a title or an occupation ran into.

    "Minister of Public Works and Transportation Hélène Bouchard-Avery", "Minister of State for Older People
    Máire Costigan": a title's own words (after a title word, not right after it) ran on into the name;
    the name starts at its first name, or is its last two words (with any particles) when no first name is
    known. "Boatbuilder Maarten van der Kolk": an occupation before a first name is no part of the name.
    ``start`` itself when nothing says so.
    """
    if end - start < 2 or is_first_name(doc[start].text):
        return start
    if _agent_noun(doc[start].text) and is_first_name(doc[start + 1].text):
        return start + 1
    if end - start < 3 or start < 2 or not doc[start - 1].is_alpha or _is_title_word(doc[start - 1]):
        return start
    if not any(_is_title_word(t) for t in doc[max(0, start - 10) : start - 1]):
        return start
    for k in range(start + 1, end - 1):
        if is_first_name(doc[k].text):
            return k
    if any(t.text == "-" or _plain(t) in ORGANISATION_NOUNS for t in doc[start:end]):
        return start  # "Department of Public Works": an organisation's name, whole
    k = end - 2
    while k - 1 > start and doc[k].is_lower and doc[k].lower_ in name_particles():
        k -= 1
    return k


def _person_after_organisation(doc: Doc, start: int, end: int) -> int:
    """Where a run that holds an organisation and then a person splits ("the Bankers' Federation Judith
    Amsel": the federation's, then Judith Amsel): at a known first name right after an organisation word,
    with a name word after it. ``end`` when the run is one name."""
    for k in range(start + 1, end - 1):
        if (
            _plain(doc[k - 1]) in ORGANISATION_NOUNS
            and is_first_name(doc[k].text)
            and _is_name_word(doc[k + 1])
        ):
            return k
    return end


def _agent_noun(word: str) -> bool:
    """ "Boatbuilder", "Beekeeper": a capitalised occupation (a word ending as agents do), not a name."""
    return word.lower().endswith(AGENT_ENDINGS) and not word.lower().endswith(NOT_AGENT_ENDINGS)


def _could_start_name(character: str) -> bool:
    """A name starts with a capital, or with the d or l of "d’Entremont", "l'Heureux"."""
    return character.isupper() or character in "dl"


def _proper_noun_runs(doc: Doc) -> list[Span]:
    found: list[Span] = []
    starts = starting_with(doc, _could_start_name)  # the few tokens worth asking
    i = 0
    while i < len(doc):
        at = bisect.bisect_left(starts, i)
        if at == len(starts):
            break
        i = starts[at]
        if not _starts_name(doc, i):
            i += 1
            continue
        if _is_party_tag(doc, i):
            i += 3  # "D-Conn."
            continue
        j = i + 1
        while j < len(doc):
            if _continues(doc, j):
                j += 1
            elif link := _org_link(doc, i, j):
                j += link
            else:
                break
        j = _person_after_organisation(doc, i, j)
        kinship_word = j == i + 1 and doc[i].lower_ in FAMILY_NOUNS  # "Mum said": a description, not a name
        if (
            _is_credit(doc, i, j)
            or (j == i + 1 and doc[i].is_stop)
            or kinship_word
            or _is_dateline(doc, i, j)
        ):
            if (after_credit := _person_after_credit(doc, i, j)) is not None:
                found.append(after_credit)
            i = j  # a photo credit; "Out", "Many": a capitalised ordinary word, not a name
            continue
        # "US President Donald Trump", "Transport Minister Anita Kovac": the title is read separately.
        is_org = doc[j - 1].lower_ in ORGANISATION_NOUNS  # "Liberal Party" keeps its words
        titles = [] if is_org else [k for k in range(i, j - 1) if _is_title_word(doc[k])]
        start = titles[-1] + 1 if titles else i
        if j - start >= 3 and start >= 2 and doc[start - 1].lower_ == "of" and _is_title_word(doc[start - 2]):
            start += 1  # "Secretary of State Mike Pompeo"
        if not is_org:
            start = _title_continues(doc, start, j)
        # a name with a particle is a person's, never a modifier ("Van der Kolk shrugs", "shrugs" read as a noun)
        particled = any(t.is_lower and t.lower_ in name_particles() for t in doc[start:j])
        # ("Sorrel Valley Regional District board chair X": an organisation's name before a role stays one)
        modifies = (
            not particled and not is_org and j < len(doc) and doc[j].pos_ == "NOUN" and doc[j - 1].head.i == j
        )
        # "US Secretary (of State)" is a title, and "Agriculture officials" a description, not a name.
        # "MP for Aldmouth and Stray": what is left after a title is the place it is for, not a name
        if titles and doc[start].is_lower:
            # "the Deputy Minister of Public Works and Transportation Hélène X": the name at its first name
            start = next((k for k in range(start + 1, j - 1) if is_first_name(doc[k].text)), start)
        place_of_title = bool(titles) and doc[start].is_lower
        if not _is_title_word(doc[j - 1]) and not modifies and not place_of_title:
            found.append(Span(doc, start, j, label=kind_of(doc, start, j)))
        i = j
    return found


def _described_as_organisation(head: Token) -> bool:
    """ "Dixon Hall, a non-profit agency that ...": an appositive after the name says what it is."""
    return any(
        c.dep_ == "appos"
        and c.i > head.i
        and c.pos_ == "NOUN"
        and c.lemma_.lower() in ORGANISATION_NOUNS
        and (c.whitespace_ or c.i + 1 >= len(c.doc) or c.doc[c.i + 1].text != "-")  # not "a co-author"
        and any(d.dep_ == "det" and d.lower_ in SPEAKER_INDEFINITE_ARTICLES | {"the"} for d in c.children)
        for c in head.children
    )


def _named_after_place(words: list[Token]) -> bool:
    """ "Statistics Canada", "Langley City", "Surrey County": an organisation or place named for a place,
    unless its first word is somebody's first name ("Denzel Washington", "Jordan Alberta")."""
    last = _plain(words[-1])
    if not (last in PLACE_NOUNS or is_region(words[-1].text)):
        return False
    return not is_first_name(words[0].text)


_NAME_PREFIXES = NAME_PREFIXES


def _camel_case(word: str) -> bool:
    """ "TransLink", "YouTube": a capital inside a word, where no name prefix (Mc, De, Le, O') explains it."""
    inner = word[1:]
    if not word[:1].isupper() or not any(c.isupper() for c in inner) or word.isupper():
        return False
    return not word.startswith(_NAME_PREFIXES) and not any(c in word for c in "-'’")


def kind_of(doc: Doc, start: int, end: int) -> str:
    """PERSON or ORG for the name at tokens ``[start, end)``, from its own words and what stands before it."""
    words = [t for t in doc[start:end] if t.text != "-"]
    text = " ".join(t.text for t in words)
    letters = text.replace(".", "").replace(" ", "")
    if "&" in text:
        return ORGANISATION  # nobody's own name has an ampersand
    if letters.isupper() and len(letters) >= 2:
        return ORGANISATION  # FBI, NATO, U.S.
    if is_place(text) or any(_plain(t) in ORGANISATION_NOUNS for t in words):
        return ORGANISATION  # Vancouver; Ford Motor Co.
    if len(words) == 1 and (words[0].tag_ == "NNPS" or _plain(words[0]) in PLACE_NOUNS):
        return ORGANISATION  # Democrats, Canadians: a group; "City": a place
    if any(_camel_case(t.text) for t in words) and not is_first_name(words[0].text):
        return ORGANISATION  # TransLink, Langley SkyTrain: a brand
    if len(words) > 1 and _named_after_place(words):
        return ORGANISATION  # Infrastructure Canada, Langley City
    if text.lower() in NEWS_ORGANISATIONS or _described_as_organisation(words[-1]):
        return ORGANISATION  # Reuters; "Dixon Hall, a non-profit agency"
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in ORGANISATION_NAME_OPENERS:
        return ORGANISATION  # the White House, the Pentagon; St. Matthew's (a church), St. Louis
    if before in _PLACE_PREPOSITIONS and len(words) == 1:
        return ORGANISATION  # "talks in Hanoi": a place
    if before == "at" and start > 1 and _works_somewhere(doc[start - 2]):
        return ORGANISATION  # "a researcher at Dixon Hall", "a strategist at Northbank": an employer
    return PERSON


def _works_somewhere(token: Token) -> bool:
    """A role or an agent noun ("researcher", "economist") that "at" then follows with a workplace."""
    noun = token.lower_
    return token.pos_ == "NOUN" and (
        noun in ROLE_NOUNS or (noun.endswith(AGENT_ENDINGS) and not noun.endswith(NOT_AGENT_ENDINGS))
    )
