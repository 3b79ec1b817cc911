-- 003: speaker gender. What each article says about a speaker's gender, kept per article so that a
-- speaker's gender is decided from all of it (saidwhat.gender.decide); and readers' corrections, kept by
-- identity key so that they outlive re-ingests and re-attachments of partial names.

CREATE TABLE speaker_gender_evidence (
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    speaker_id    INTEGER NOT NULL REFERENCES speakers (id),
    evidence      TEXT NOT NULL CHECK (evidence IN ('pronoun', 'honorific', 'role', 'name')),
    female        INTEGER NOT NULL DEFAULT 0,
    male          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, speaker_id, evidence)
);
CREATE INDEX speaker_gender_evidence_speaker ON speaker_gender_evidence (speaker_id);

CREATE TABLE speaker_gender_corrections (
    key           TEXT PRIMARY KEY,            -- speakers.key of the (canonical) speaker corrected
    gender        TEXT NOT NULL CHECK (gender IN ('female', 'male', 'unknown')),
    corrected_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
