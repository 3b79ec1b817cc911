"""Words saidwhat knows: reporting verbs and nouns, titles, pronouns, dates, quotation marks.

Every word list lives in ``data/lexicon.toml`` so it can be read and extended without touching code, and
is read here once; modules import the names below, never spell words out themselves. Verbs are lemmas
(spaCy's lemmatizer maps "said", "says", "saying" to "say").
"""

from __future__ import annotations

import tomllib
from importlib import resources


def _load() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    """Word lists split on white space, phrase lists (keys ending in _multiword) on commas, and ordered
    lists (TOML arrays) kept in their order."""
    raw = tomllib.loads(resources.files("saidwhat").joinpath("data/lexicon.toml").read_text(encoding="utf-8"))
    sets = {key: value for key, value in raw.items() if isinstance(value, str)}
    words = {key: frozenset(value.split()) for key, value in sets.items() if not key.endswith("_multiword")}
    phrases = {
        key: frozenset(" ".join(p.split()) for p in value.split(",") if p.strip())
        for key, value in sets.items()
        if key.endswith("_multiword")
    }
    ordered = {key: tuple(str(v) for v in value) for key, value in raw.items() if isinstance(value, list)}
    return words, phrases, ordered


_WORDS, _PHRASES, _ORDERED = _load()

SPEECH_VERBS: frozenset[str] = _WORDS["speech_verbs"]
BELIEF_VERBS: frozenset[str] = _WORDS["belief_verbs"]
REPORTING_VERBS: frozenset[str] = SPEECH_VERBS | BELIEF_VERBS
STANCE_ADJECTIVES: frozenset[str] = _WORDS["stance_adjectives"]
CLAUSE_ONLY_VERBS: frozenset[str] = BELIEF_VERBS | _WORDS["clause_only_verbs"]
WRITING_VERBS: frozenset[str] = _WORDS["writing_verbs"]
WRITING_NOUNS: frozenset[str] = _WORDS["writing_nouns"]
THOUGHT_VERBS: frozenset[str] = _WORDS["thought_verbs"] | _WORDS["belief_verbs"]
FINDING_SOURCES: frozenset[str] = _WORDS["finding_sources"]
STATING_VERBS: frozenset[str] = _WORDS["stating_verbs"]
FINDING_VERBS: frozenset[str] = _WORDS["finding_verbs"]
PLAIN_SAYING_VERBS: frozenset[str] = _WORDS["plain_saying_verbs"]
SOURCELESS_PASSIVE_VERBS: frozenset[str] = _WORDS["sourceless_passive_verbs"]
QUESTION_ASKERS: frozenset[str] = _WORDS["question_askers"]
REFUSAL_VERBS: frozenset[str] = _WORDS["refusal_verbs"]
DENYING_DETERMINERS: frozenset[str] = _WORDS["denying_determiners"]
SPEECH_NOUNS: frozenset[str] = _WORDS["speech_nouns"]
DOCUMENT_NOUNS: frozenset[str] = _WORDS["document_nouns"]
NAME_TITLES: frozenset[str] = _WORDS["name_titles"]
ROLE_NOUNS: frozenset[str] = _WORDS["role_nouns"]
NAME_PREFIX_TITLES: frozenset[str] = _WORDS["name_prefix_titles"]
UTILITY_NAME_WORDS: frozenset[str] = _WORDS["utility_name_words"]
ORGANISATION_NOUNS: frozenset[str] = _WORDS["organisation_nouns"]
PLACES: frozenset[str] = _WORDS["places"] | _PHRASES["places_multiword"]
REGIONS: frozenset[str] = _PHRASES["regions_multiword"]
TIME_WORDS: frozenset[str] = _WORDS["time_words"]
MONTHS_ALSO_NAMES: frozenset[str] = _WORDS["months_also_names"]
FIRST_NAMES_ALSO_WORDS: frozenset[str] = _WORDS["first_names_also_words"]
AFFILIATION_NOUNS: frozenset[str] = _WORDS["affiliation_nouns"]
PERSON_NOUNS: frozenset[str] = _WORDS["person_nouns"]
ADDRESSEE_VERBS: frozenset[str] = _WORDS["addressee_verbs"]
ADDRESSEES: frozenset[str] = _WORDS["addressees"]
NEWS_ORGANISATIONS: frozenset[str] = _WORDS["news_organisations"]
ISSUED_DOCUMENTS: frozenset[str] = _WORDS["issued_documents"]
PLACE_NOUNS: frozenset[str] = _WORDS["place_nouns"]
MEDIUM_NOUNS: frozenset[str] = _WORDS["medium_nouns"]
FAMILY_NOUNS: frozenset[str] = _WORDS["family_nouns"]
NOT_PARTICLES: frozenset[str] = _WORDS["not_particles"]
PARTY_TAGS: frozenset[str] = _WORDS["party_tags"]
SECTION_LABELS: frozenset[str] = _PHRASES["section_labels_multiword"]

# Pronouns and honorifics by what they can refer to.
MALE_PRONOUNS: frozenset[str] = _WORDS["male_pronouns"]
FEMALE_PRONOUNS: frozenset[str] = _WORDS["female_pronouns"]
PLURAL_PRONOUNS: frozenset[str] = _WORDS["plural_pronouns"]
QUANTIFIER_PRONOUNS: frozenset[str] = _WORDS["quantifier_pronouns"]
MALE_HONORIFICS: frozenset[str] = _WORDS["male_honorifics"]
FEMALE_HONORIFICS: frozenset[str] = _WORDS["female_honorifics"]
# Role and family nouns of one gender ("spokeswoman", "chairman", "mother"): gender evidence (gender.py).
FEMALE_ROLES: frozenset[str] = _WORDS["female_roles"]
MALE_ROLES: frozenset[str] = _WORDS["male_roles"]
NOT_PERSON_NAME_WORDS: frozenset[str] = _WORDS["not_person_name_words"]
NAME_PARTICLE_WORDS: frozenset[str] = _WORDS["name_particles"]
GENERIC_SOURCE_WORDS: frozenset[str] = _WORDS["generic_source_words"]
PLACE_PREPOSITIONS: frozenset[str] = _WORDS["place_prepositions"]
ORGANISATION_LINKS: frozenset[str] = _WORDS["organisation_links"]
NAME_PREFIXES: tuple[str, ...] = tuple(sorted(_WORDS["name_prefixes"]))
ROLE_SKIP_WORDS: frozenset[str] = _WORDS["role_skip_words"]
RELATIVE_PRONOUNS: frozenset[str] = _WORDS["relative_pronouns"]
TITLE_SMALL_WORDS: frozenset[str] = _WORDS["title_small_words"]
COMPLEMENTISERS: frozenset[str] = _WORDS["complementisers"]
CONCESSIVE_CONJUNCTIONS: frozenset[str] = _WORDS["concessive_conjunctions"]
SPEAKER_ACT_VERBS: frozenset[str] = REPORTING_VERBS | _WORDS["speaker_act_verbs"]
CONTENT_PREPOSITIONS: frozenset[str] = _WORDS["content_prepositions"]
TOLD_ABOUT_PREPOSITIONS: frozenset[str] = _WORDS["told_about_prepositions"]
QUESTION_WORDS: frozenset[str] = _WORDS["question_words"]
FIRST_PERSON_SUBJECTS: frozenset[str] = _WORDS["first_person_subjects"]
WRITING_PREPOSITIONS: frozenset[str] = _WORDS["writing_prepositions"]
FIRST_SECOND_PERSON: frozenset[str] = _WORDS["first_second_person"]
TRANSCRIPT_ROLE_LABELS: frozenset[str] = _WORDS["transcript_role_labels"]
OCCASION_WORDS: frozenset[str] = TIME_WORDS | _WORDS["occasion_words"]
SOURCE_NAME_LINKS: frozenset[str] = _WORDS["source_name_links"]
# Words before a colon that make it a title, not a source; the links a source name holds are not among them.
TITLE_LINKS: frozenset[str] = (TITLE_SMALL_WORDS | _WORDS["title_prepositions"]) - SOURCE_NAME_LINKS
PERSONAL_PRONOUNS: frozenset[str] = _WORDS["personal_pronouns"]

# Dates (datelines.py): label words, and month and weekday names in calendar order.
DATE_LINE_LABELS: frozenset[str] = _WORDS["date_line_labels"]
MONTHS: tuple[tuple[str, ...], ...] = tuple(tuple(names.split()) for names in _ORDERED["months"])
WEEKDAYS: tuple[str, ...] = _ORDERED["weekdays"]

# Speaker resolution (extraction/speakers).
SPEAKER_GENERIC_HEADS: frozenset[str] = _WORDS["speaker_generic_heads"]
SPEAKER_DETERMINERS: frozenset[str] = _WORDS["speaker_determiners"]
SPEAKER_DEFINITE_DETERMINERS: frozenset[str] = _WORDS["speaker_definite_determiners"]
SPEAKER_INDEFINITE_DETERMINERS: frozenset[str] = _WORDS["speaker_indefinite_determiners"]
SPEAKER_NOT_TITLES: frozenset[str] = _WORDS["speaker_not_titles"]
SPEAKER_PERSON_ENDINGS: frozenset[str] = _WORDS["speaker_person_endings"]
SPEAKER_QUALIFIERS: frozenset[str] = _WORDS["speaker_qualifiers"]
SPEAKER_CLAUSE_BREAKS: frozenset[str] = _WORDS["speaker_clause_breaks"]
SPEAKER_ANONYMITY_WORDS: frozenset[str] = _WORDS["speaker_anonymity_words"]
SPEAKER_INITIALS_SKIP: frozenset[str] = _WORDS["speaker_initials_skip"]
SPEAKER_EMPTY_PRONOUNS: frozenset[str] = _WORDS["speaker_empty_pronouns"]
SPEAKER_GROUP_NOUNS: frozenset[str] = _WORDS["speaker_group_nouns"]
SPEAKER_COMPANY_NOUNS: frozenset[str] = _WORDS["speaker_company_nouns"]
SPEAKER_STATEMENT_NOUNS: frozenset[str] = _WORDS["speaker_statement_nouns"]

# Quotation marks: opening and closing characters; straight marks are decided by their context.
OPEN_DOUBLE: frozenset[str] = frozenset("“„«‟")
CLOSE_DOUBLE: frozenset[str] = frozenset("”»")
OPEN_SINGLE: frozenset[str] = frozenset("‘‚‹‛")
CLOSE_SINGLE: frozenset[str] = frozenset("’›")
