-- 008: the exports' view says why each quote has its speaker (issue 22): the extractor's rule and the
-- words it went through (quotes.how), or 'corrected by a reader' when a reader gave the quote its
-- speaker. Every other column as migration 007 left it; speaker_how comes last, so readers that name
-- their columns see no change.

DROP VIEW IF EXISTS quotes_resolved;
CREATE VIEW quotes_resolved AS
SELECT q.id AS quote_id, q.article_id, a.title AS article_title, a.source AS source,
       a.date AS date, substr(a.date, 1, 7) AS month, a.url AS url, a.ext_id AS article_ext_id,
       q.text, q.type, q.kind, round(q.confidence, 2) AS confidence, q.cue,
       c.id AS speaker_id, c.name AS speaker, c.kind AS speaker_kind, c.is_description AS speaker_is_description,
       q.start_char, q.end_char,
       CASE WHEN q.speaker_corrected THEN 'corrected by a reader' ELSE q.how END AS speaker_how
FROM quotes_corrected q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN speakers c ON c.id = coalesce(s.canonical_id, s.id);
