-- 001: articles, quotes, speakers (with aliases and titles), mentions, failures; FTS5 indexes.
-- Offsets are Python str indices into articles.text, as everywhere in saidwhat.

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    ext_id        TEXT NOT NULL UNIQUE,        -- the id the input gave (file path, JSONL id, URL)
    content_hash  TEXT NOT NULL,               -- sha256 of text: the same story twice is stored once
    title         TEXT,
    url           TEXT,
    date          TEXT,                        -- ISO 8601 (YYYY-MM-DD or full timestamp) or NULL
    source        TEXT,                        -- where it was read from (file, feed, site)
    byline        TEXT,
    text          TEXT NOT NULL,
    ingested_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_date ON articles (date);
CREATE INDEX articles_source ON articles (source);

-- One row per identity key (saidwhat.identity); a partial name ("Trump") points at the full
-- speaker it attaches to through canonical_id. NULL canonical_id: the speaker is its own canonical.
CREATE TABLE speakers (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,               -- the fullest name seen
    kind          TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'unknown')),
    surname       TEXT NOT NULL,
    is_description INTEGER NOT NULL DEFAULT 0, -- an article-scoped description ("officials")
    canonical_id  INTEGER REFERENCES speakers (id)
);
CREATE INDEX speakers_surname ON speakers (surname);
CREATE INDEX speakers_canonical ON speakers (canonical_id);

CREATE TABLE speaker_aliases (
    id            INTEGER PRIMARY KEY,
    speaker_id    INTEGER NOT NULL REFERENCES speakers (id),
    alias         TEXT NOT NULL,
    count         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (speaker_id, alias)
);

CREATE TABLE speaker_titles (
    speaker_id    INTEGER NOT NULL REFERENCES speakers (id),
    title         TEXT NOT NULL,
    count         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (speaker_id, title)
);

-- Which speakers an article has, under the id and name the extractor gave them in that article.
CREATE TABLE article_speakers (
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    local_id      TEXT NOT NULL,
    speaker_id    INTEGER NOT NULL REFERENCES speakers (id),
    name          TEXT NOT NULL,
    PRIMARY KEY (article_id, local_id)
);
CREATE INDEX article_speakers_speaker ON article_speakers (speaker_id);

CREATE TABLE quotes (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,            -- order within the article
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    spans         TEXT NOT NULL,               -- JSON [[start, end], ...]
    text          TEXT NOT NULL,
    type          TEXT NOT NULL CHECK (type IN ('direct', 'mixed', 'indirect')),
    speaker_id    INTEGER REFERENCES speakers (id),
    cue           TEXT,
    cue_start     INTEGER,
    cue_end       INTEGER,
    confidence    REAL NOT NULL DEFAULT 0,
    UNIQUE (article_id, seq)
);
CREATE INDEX quotes_speaker ON quotes (speaker_id);

-- The words at the cue that name a quote's speaker ("the president", "he").
CREATE TABLE mentions (
    id            INTEGER PRIMARY KEY,
    quote_id      INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    speaker_id    INTEGER NOT NULL REFERENCES speakers (id),
    text          TEXT NOT NULL,
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL
);
CREATE INDEX mentions_speaker ON mentions (speaker_id);
CREATE INDEX mentions_quote ON mentions (quote_id);

-- Inputs that could not be read or processed; a later successful ingest of the same id removes them.
CREATE TABLE failures (
    id            INTEGER PRIMARY KEY,
    article_ext_id TEXT NOT NULL,
    stage         TEXT NOT NULL,               -- read, input, nlp, extract, store
    reason        TEXT NOT NULL,
    source        TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (article_ext_id, stage, source)
);

CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text, content = 'quotes', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE VIRTUAL TABLE speaker_names_fts USING fts5 (
    alias, content = 'speaker_aliases', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER speaker_names_fts_insert AFTER INSERT ON speaker_aliases BEGIN
    INSERT INTO speaker_names_fts (rowid, alias) VALUES (new.id, new.alias);
END;
CREATE TRIGGER speaker_names_fts_delete AFTER DELETE ON speaker_aliases BEGIN
    INSERT INTO speaker_names_fts (speaker_names_fts, rowid, alias) VALUES ('delete', old.id, old.alias);
END;
