-- 006: the evidence a speaker's name and kind are decided from (saidwhat.speaker_choice): how many
-- articles gave each spelling and kind. A store used to keep the first kind and the longest name it
-- saw, so that the same articles in another order gave other names and kinds.

CREATE TABLE speaker_evidence (
    speaker_id    INTEGER NOT NULL REFERENCES speakers (id),
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'unknown')),
    count         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (speaker_id, name, kind)
);

-- A store from before knows only the name and kind it kept, once per article that names the speaker.
INSERT INTO speaker_evidence (speaker_id, name, kind, count)
SELECT s.id, s.name, s.kind, max(1, (SELECT count(*) FROM article_speakers a WHERE a.speaker_id = s.id))
FROM speakers s;
