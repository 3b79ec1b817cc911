-- 004: search that stems (porter: "strike" finds "strikes"), FTS tables that Datasette and sqlite-utils
-- find by themselves (content=[table]), no file paths posing as sources, and views that count right.
-- Both FTS indexes are dropped and rebuilt from their content tables here, so existing stores keep working.

DROP TRIGGER IF EXISTS quotes_fts_insert;
DROP TRIGGER IF EXISTS quotes_fts_delete;
DROP TABLE IF EXISTS quotes_fts;
CREATE VIRTUAL TABLE [quotes_fts] USING FTS5 (
    [text], content=[quotes], content_rowid=[id], tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
END;

-- Names are not stemmed ("Jones" is not "Jone").
DROP TRIGGER IF EXISTS speaker_names_fts_insert;
DROP TRIGGER IF EXISTS speaker_names_fts_delete;
DROP TABLE IF EXISTS speaker_names_fts;
CREATE VIRTUAL TABLE [speaker_names_fts] USING FTS5 (
    [alias], content=[speaker_aliases], content_rowid=[id], tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO speaker_names_fts (speaker_names_fts) VALUES ('rebuild');
CREATE TRIGGER speaker_names_fts_insert AFTER INSERT ON speaker_aliases BEGIN
    INSERT INTO speaker_names_fts (rowid, alias) VALUES (new.id, new.alias);
END;
CREATE TRIGGER speaker_names_fts_delete AFTER DELETE ON speaker_aliases BEGIN
    INSERT INTO speaker_names_fts (speaker_names_fts, rowid, alias) VALUES ('delete', old.id, old.alias);
END;
CREATE TRIGGER speaker_names_fts_update AFTER UPDATE OF alias ON speaker_aliases BEGIN
    INSERT INTO speaker_names_fts (speaker_names_fts, rowid, alias) VALUES ('delete', old.id, old.alias);
    INSERT INTO speaker_names_fts (rowid, alias) VALUES (new.id, new.alias);
END;

-- Before 004 a text or HTML file's path was stored as its source; a source names an outlet.
UPDATE articles SET source = NULL
WHERE source = ext_id
   OR lower(source) LIKE '%.txt' OR lower(source) LIKE '%.text' OR lower(source) LIKE '%.html'
   OR lower(source) LIKE '%.htm' OR lower(source) LIKE '%.xhtml' OR lower(source) LIKE '%.jsonl'
   OR lower(source) LIKE '%.ndjson' OR lower(source) LIKE '%.csv' OR lower(source) LIKE '%.tsv'
   OR lower(source) LIKE '%.warc' OR lower(source) LIKE '%.warc.gz' OR lower(source) LIKE '%.arc.gz'
   OR lower(source) LIKE '%.urls' OR source = '-';

-- Every speaker row with the speaker it is counted under (a partial name merged into a full one later
-- points at the full one): group by canonical_id, never by quotes.speaker_id.
CREATE VIEW speakers_resolved AS
SELECT s.id AS speaker_id, coalesce(s.canonical_id, s.id) AS canonical_id, c.name AS canonical_name,
       c.kind AS canonical_kind, c.is_description AS is_description, s.name AS name, s.key AS key
FROM speakers s
JOIN speakers c ON c.id = coalesce(s.canonical_id, s.id);

-- One row per quote with its canonical speaker, article title, source and date: the table to count with.
CREATE VIEW quotes_resolved AS
SELECT q.id AS quote_id, q.article_id, a.title AS article_title, a.source AS source,
       a.date AS date, substr(a.date, 1, 7) AS month, a.url AS url, a.ext_id AS article_ext_id,
       q.text, q.type, q.kind, round(q.confidence, 2) AS confidence, q.cue,
       c.id AS speaker_id, c.name AS speaker, c.kind AS speaker_kind, c.is_description AS speaker_is_description,
       q.start_char, q.end_char
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN speakers c ON c.id = coalesce(s.canonical_id, s.id);

-- One row per article with how many quotes it has.
CREATE VIEW articles_resolved AS
SELECT a.id AS article_id, a.title, a.source, a.date, a.url, a.byline, a.ext_id,
       (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes
FROM articles a;
