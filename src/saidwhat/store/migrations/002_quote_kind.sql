-- 002: what sort of report each quote is (EVAL.md's kind): speech, writing, thought or finding.
-- Quotes stored before this migration are speech, the kind the extractor gave nearly all of them.

ALTER TABLE quotes ADD COLUMN kind TEXT NOT NULL DEFAULT 'speech'
    CHECK (kind IN ('speech', 'writing', 'thought', 'finding'));
CREATE INDEX quotes_kind ON quotes (kind);
