-- 007: readers' corrections (saidwhat.store.corrections). Each is a row of its own, with its time and
-- note, keyed to the article's text (content_hash) and the quote's offsets, never to row ids, so it
-- outlives re-ingests and re-extractions; extracted rows are never rewritten. Undo stamps undone_at.

CREATE TABLE corrections (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL
                  CHECK (kind IN ('speaker', 'reject', 'restore', 'type', 'add', 'right', 'merge', 'split')),
    article_hash  TEXT,                        -- articles.content_hash of the text the offsets point into
    article_ext_id TEXT,                       -- the article's id when corrected, to show
    start_char    INTEGER,
    end_char      INTEGER,
    quote_text    TEXT,                        -- the quote's words when corrected, to show
    speaker_key   TEXT,                        -- speaker, add, split: the speaker given; merge: the one kept
    speaker_name  TEXT,
    other_key     TEXT,                        -- merge: the speaker merged in; split: the speaker split
    type          TEXT CHECK (type IS NULL OR type IN ('direct', 'mixed', 'indirect')),
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    undone_at     TEXT
);
CREATE INDEX corrections_article ON corrections (article_hash, start_char, end_char);

-- What the live corrections do to each stored quote: derived from corrections (rebuilt whenever a
-- correction or an article is written), so it may be dropped and recomputed at any time.
CREATE TABLE quote_fixes (
    quote_id      INTEGER PRIMARY KEY REFERENCES quotes (id) ON DELETE CASCADE,
    speaker_id    INTEGER REFERENCES speakers (id),
    type          TEXT,
    rejected      INTEGER NOT NULL DEFAULT 0,
    checked       INTEGER NOT NULL DEFAULT 0   -- a reader saw it: right, or corrected
);
CREATE INDEX quote_fixes_speaker ON quote_fixes (speaker_id);

-- A quote a reader added (the correction's id); NULL for every extracted quote.
ALTER TABLE quotes ADD COLUMN added_by INTEGER;
-- How the extractor linked the quote's mention to its speaker (Quote.how: the rule and the words it
-- went through), so that the check queue can put the least certain links first and say why.
ALTER TABLE quotes ADD COLUMN how TEXT;

-- Every read goes through this view: the quotes as corrected (rejected ones left out), with the same
-- columns as quotes plus whether a reader changed the speaker and whether one checked the quote. A view
-- over quotes alone (no join), so that SQLite folds it into each query and keeps quotes' own indexes
-- for everything but the corrected columns.
CREATE VIEW quotes_corrected AS
SELECT q.id, q.article_id, q.seq, q.start_char, q.end_char, q.spans, q.text,
       coalesce((SELECT f.type FROM quote_fixes f WHERE f.quote_id = q.id), q.type) AS type,
       coalesce((SELECT f.speaker_id FROM quote_fixes f WHERE f.quote_id = q.id), q.speaker_id) AS speaker_id,
       q.cue, q.cue_start, q.cue_end, q.confidence, q.kind, q.added_by, q.how,
       (q.added_by IS NOT NULL OR EXISTS (SELECT 1 FROM quote_fixes f WHERE f.quote_id = q.id
                                          AND f.speaker_id IS NOT NULL)) AS speaker_corrected,
       coalesce((SELECT f.checked FROM quote_fixes f WHERE f.quote_id = q.id), 0) AS checked
FROM quotes q
WHERE q.id NOT IN (SELECT f.quote_id FROM quote_fixes f WHERE f.rejected);

DROP VIEW IF EXISTS quotes_resolved;
CREATE VIEW quotes_resolved AS
SELECT q.id AS quote_id, q.article_id, a.title AS article_title, a.source AS source,
       a.date AS date, substr(a.date, 1, 7) AS month, a.url AS url, a.ext_id AS article_ext_id,
       q.text, q.type, q.kind, round(q.confidence, 2) AS confidence, q.cue,
       c.id AS speaker_id, c.name AS speaker, c.kind AS speaker_kind, c.is_description AS speaker_is_description,
       q.start_char, q.end_char
FROM quotes_corrected q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN speakers c ON c.id = coalesce(s.canonical_id, s.id);

DROP VIEW IF EXISTS articles_resolved;
CREATE VIEW articles_resolved AS
SELECT a.id AS article_id, a.title, a.source, a.date, a.url, a.byline, a.ext_id,
       (SELECT count(*) FROM quotes_corrected q WHERE q.article_id = a.id) AS quotes
FROM articles a;
