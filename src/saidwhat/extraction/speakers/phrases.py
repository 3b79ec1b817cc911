"""Reading the words of a mention or a name: pure functions of the parse, shared by the speaker steps."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from saidwhat.extraction.speakers.gazetteer import is_place
from saidwhat.extraction.text.loading import doc_text
from saidwhat.lexicon import (
    ADDRESSEE_VERBS,
    AFFILIATION_NOUNS,
    FAMILY_NOUNS,
    ISSUED_DOCUMENTS,
    MEDIUM_NOUNS,
    NAME_TITLES,
    ORGANISATION_NOUNS,
    PARTY_TAGS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    SPEAKER_ANONYMITY_WORDS,
    SPEAKER_CLAUSE_BREAKS,
    SPEAKER_DEFINITE_DETERMINERS,
    SPEAKER_DETERMINERS,
    SPEAKER_NOT_TITLES,
    SPEAKER_PERSON_ENDINGS,
    SPEAKER_QUALIFIERS,
    SPEECH_VERBS,
)
from saidwhat.namewords import plain

GLUED_POSSESSIVE = re.compile(r"['’‘]s?$")
_NOT_AGENT_ENDINGS = ("ment", "ter", "ber", "der", "ure")  # "government", "letter": no agent


def strip_possessive(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if t.tag_ != "POS" and t.text not in {"'s", "’s", "‘s", "'", "’"}]


def names_person(noun: str) -> bool:
    """Whether a common noun names a person: a role or person noun, or an agent ending ("proprietor")."""
    if noun in ROLE_NOUNS or noun in PERSON_NOUNS:
        return True
    return noun.endswith(tuple(SPEAKER_PERSON_ENDINGS)) and not noun.endswith(_NOT_AGENT_ENDINGS)


def names_place(text: str) -> bool:
    words = text.split()
    return is_place(text) or (len(words) > 1 and words[0].lower() in PLACE_NOUNS and is_place(words[-1]))


def description(mention: Span) -> str:
    """The mention's words as the article prints them ("Crane's staff"), without punctuation at its ends."""
    tokens = [t for t in mention if t.pos_ != "PUNCT"]
    if not tokens:
        return ""
    after = tokens[-1].i + 1
    if after < len(mention.doc) and mention.doc[after].text == ")" and "(" in mention.text:
        tokens.append(mention.doc[after])  # "the Farmers Party (FP)": keep the bracket closed
    return re.sub(r"\s+", " ", doc_text(mention.doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)])


def without_medium(mention: Span) -> Span:
    """The mention without a closing "in the video", "on Twitter": where it was said, not who said it."""
    for token in mention:
        if (
            token.dep_ == "prep"
            and token.lower_ in {"in", "on"}
            and token.i > mention.start + 1
            and token.right_edge.i == mention.end - 1
            and any(c.dep_ == "pobj" and c.lower_ in MEDIUM_NOUNS for c in token.children)
        ):
            return mention.doc[mention.start : token.i]
    return mention


def anonymous(root: Token) -> bool:
    """ "a person familiar with the talks", "an official who asked not to be named": a source the article
    keeps unnamed on purpose, so the next person named is somebody else."""
    return any(t.lemma_.lower() in SPEAKER_ANONYMITY_WORDS for t in root.subtree)


def full_description(mention: Span) -> Span | None:
    """ "A person familiar with the company's talks", "one nurse at the hospital": an unnamed source with the
    words after its head that say whose or where it is, up to a comma; None when there are none."""
    root = mention.root
    doc = mention.doc
    last = mention.end - 1
    for child in root.rights:
        if child.i < mention.end - 1 and child.dep_ != "prep":
            continue
        if child.dep_ in {"prep", "amod", "acl"} and child.lower_ in SPEAKER_QUALIFIERS:
            if any(t.text == "," for t in doc[last + 1 : child.i]):
                break
            edge = child.right_edge.i
            stop = next((t.i for t in doc[child.i : edge + 1] if t.text in SPEAKER_CLAUSE_BREAKS), None)
            edge = edge if stop is None else stop - 1  # "with the association, who asked not to be named"
            if edge - root.i > 14:
                break
            last = max(last, edge)
            if stop is not None:
                break
        elif child.i > last:
            break
    return doc[mention.start : last + 1] if last >= mention.end else None


def fuller_appositive(mention: Span) -> Span | None:
    """ "their allies, members of the Farmers Party (FP), said": the appositive after a possessed
    description says who they are, by a name the bare description lacks."""
    root = mention.root
    if root.pos_ != "NOUN":
        return None
    if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in root.children):
        if mention[0].lower_ not in {"a", "an"}:
            return None
        # "A lawyer for the outlets, David Schulz, said": the name in apposition
        return next(
            (
                mention.doc[c.left_edge.i : c.i + 1]
                for c in root.children
                if c.dep_ == "appos"
                and c.pos_ == "PROPN"
                and c.i >= mention.end
                and c.i - mention.end < 8
                and mention.doc[c.left_edge.i - 1].text == ","
            ),
            None,
        )
    bare_list = not any(c.dep_ == "cc" for c in root.children)  # "their allies, members of" parsed as a list
    appositive = next(
        (
            c
            for c in root.children
            if c.i >= mention.end
            and (c.dep_ == "appos" or (c.dep_ == "conj" and bare_list and mention.doc[c.i - 1].text == ","))
        ),
        None,
    )
    if appositive is None or appositive.pos_ != "NOUN":
        return None
    words = [t for t in appositive.subtree if t.pos_ != "PUNCT" or t.text in {"(", ")"}]
    if not any(t.pos_ == "PROPN" for t in words):
        return None
    return mention.doc[appositive.left_edge.i : appositive.right_edge.i + 1]


def definite_description(mention: Span) -> bool:
    """ "the minister", "the rookie defenceman", "the Kentucky Republican": one person, not "officials".

    A singular definite description at a cue names someone the reader already met; organisations,
    places and documents are taken before this is asked.
    """
    root = mention.root
    first = mention[0].lower_
    head = root.lemma_.lower()
    aged = "year-old" in mention.text.lower()
    if first != "the" or head in ORGANISATION_NOUNS | PLACE_NOUNS | ISSUED_DOCUMENTS:
        return False
    if head in FAMILY_NOUNS and not aged:
        return False  # "the father" is somebody's father, not the last person named
    if root.tag_ == "NNP":
        return root.lower_ in ROLE_NOUNS | AFFILIATION_NOUNS
    # "the 31-year-old left wing": only people are described by their age, whatever the noun
    return root.tag_ == "NN" and (names_person(head) or aged)


def definite(mention: Span) -> bool:
    return mention[0].lower_ in SPEAKER_DEFINITE_DETERMINERS


def named_relative(token: Token) -> Token | None:
    """ "his wife, Deborah": the name in apposition to a kinship noun, or None."""
    if token.lemma_.lower() not in FAMILY_NOUNS:
        return None
    return next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def is_relative_appositive(ent: Span) -> bool:
    """ "his wife, Deborah", "Ruiz's sister, Clara": a name given as somebody's relative."""
    return ent.root.dep_ == "appos" and ent.root.head.lemma_.lower() in FAMILY_NOUNS


def is_owner(token: Token) -> bool:
    """A possessor inside a phrase ("Spindler" in "Spindler's father"), or a word of its name."""
    owner = token
    while owner.dep_ == "compound" and owner.head.i != owner.i:
        owner = owner.head
    return owner.dep_ == "poss" and any(c.tag_ == "POS" for c in owner.children)


def party_tag_between(doc: Doc, start: int, end: int) -> bool:
    """ "Sen. Paul Ortega, D-Conn. Kessler": a party tag ends the name, and its full stop the sentence,
    which the parse missed; what follows is no appositive."""
    return any(
        doc[k].lower_ in PARTY_TAGS and doc[k + 1].text == "-" and doc[k + 2].text.endswith(".")
        for k in range(start + 1, end - 2)
    )


def inverted_subject(verb: Token, child: Token) -> bool:
    """ ", insists 15-year-old Milo Brandt, in ...": a name the parse calls the object of a parenthetical
    verb of saying is who says it (never so after "told", "asked", whose object is who was told)."""
    doc = verb.doc
    return (
        child.dep_ == "dobj"
        and child.pos_ == "PROPN"
        and child.i > verb.i
        and verb.i > 0
        and doc[verb.i - 1].text in {",", "”", '"', "’", "'"}
        and verb.lemma_.lower() in SPEECH_VERBS - ADDRESSEE_VERBS - {"ask", "call", "thank", "urge"}
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)  # ", Jr., knew Ali" has one
    )


def main_or_saying(token: Token) -> bool:
    """Whether ``token`` (a subject, an auxiliary or a verb) belongs to a main clause or to a verb of
    saying: "lower earners spend more" inside another clause is no antecedent for "they"."""
    verb = token if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"aux", "auxpass"} else token.head
    return verb.dep_ in {"ROOT", "conj"} or verb.lemma_.lower() in REPORTING_VERBS


def modifies(token: Token, root: Token) -> bool:
    """A word of a compound that modifies ``root`` ("Night Shelter" in "Night Shelter program users")."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
        if token.i == root.i:
            return True
    return False


def _is_modifier(token: Token) -> bool:
    return token.pos_ in {"PROPN", "ADJ", "NOUN"} or token.tag_ == "POS" or token.text in {"-"}


def modifier_run(doc: Doc, i: int, floor: int, names: frozenset[int]) -> list[Token]:
    """The run of name-like modifiers ending at token ``i`` and reaching back at most six tokens."""
    words: list[Token] = []
    while i >= floor and len(words) < 6 and _is_modifier(doc[i]) and i not in names:
        words.insert(0, doc[i])
        i -= 1
    return words


def modifier_run_forward(doc: Doc, i: int, ceiling: int, names: frozenset[int]) -> list[Token]:
    """The role words after a name and its comma ("Kim Jong-un, the North Korean leader")."""
    while i < ceiling and doc[i].lower_ in SPEAKER_DETERMINERS:
        i += 1
    words: list[Token] = []
    while i < ceiling and len(words) < 8 and i not in names:
        token = doc[i]
        if (
            _is_modifier(token)
            or (token.lower_ in {"of", "for", "at"} and words)
            or (token.pos_ == "DET" and words and words[-1].lower_ in {"of", "for", "at"})
        ):
            words.append(token)
            i += 1
        else:
            break
    while words and (words[-1].lower_ in {"of", "for", "at"} or words[-1].pos_ == "DET"):
        words.pop()
    return words


def has_role(words: Sequence[Token]) -> bool:
    return any(w.lower_ in ROLE_NOUNS or plain(w.text) in NAME_TITLES - SPEAKER_NOT_TITLES for w in words)
