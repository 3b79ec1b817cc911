-- 005: quote families (saidwhat.families): the same words quoted in several articles.
-- Kept up to date by the writer in each article's own transaction (saidwhat.store.families), so a
-- new quote costs a few indexed look-ups whatever the size of the store.

-- Every quote of at least families.MIN_WORDS words: its normal form's key and its family (named by
-- the family's smallest quote id).
CREATE TABLE quote_family (
    quote_id      INTEGER PRIMARY KEY REFERENCES quotes (id) ON DELETE CASCADE,
    family_id     INTEGER NOT NULL,
    normal_key    INTEGER NOT NULL             -- families.normal_key of the quote's normal form
);
CREATE INDEX quote_family_family ON quote_family (family_id);
CREATE INDEX quote_family_normal ON quote_family (normal_key);

-- LSH buckets: one row per band of each distinct normal form (its first quote stands for it).
CREATE TABLE family_buckets (
    band_key      INTEGER NOT NULL,
    quote_id      INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, quote_id)
) WITHOUT ROWID;

-- One row per family of two quotes or more, recomputed from its quotes whenever one joins.
-- named_speakers counts distinct named speaker rows (not canonical ones, which can still merge): a
-- family with two or more may be a conflict, which queries decide with canonical speakers.
CREATE TABLE families (
    id            INTEGER PRIMARY KEY,
    quotes        INTEGER NOT NULL,
    articles      INTEGER NOT NULL,
    outlets       INTEGER NOT NULL,
    first_date    TEXT,
    last_date     TEXT,
    named_speakers INTEGER NOT NULL
);
CREATE INDEX families_articles ON families (articles);
CREATE INDEX families_named_speakers ON families (named_speakers);

-- Quotes stored before this migration, to be put in families by the next writer (then removed).
CREATE TABLE family_backlog (
    quote_id      INTEGER PRIMARY KEY
);
INSERT INTO family_backlog (quote_id) SELECT id FROM quotes;
