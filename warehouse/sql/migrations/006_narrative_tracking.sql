-- Narratives across days (issue #6): lexical profiles and cumulative sums per narrative and day,
-- so the centroid "as of" any day is one row per narrative; fact-checks linked to narratives.
-- lex_*: the day's summed character/word n-gram profile (truncated, pipelines/clusterer.py);
-- cum_*: everything up to and including that day, merges absorbed included.
ALTER TABLE narrative_day_sums ADD COLUMN lex_idx INTEGER[];
ALTER TABLE narrative_day_sums ADD COLUMN lex_val FLOAT[];
ALTER TABLE narrative_day_sums ADD COLUMN cum_n INTEGER;
ALTER TABLE narrative_day_sums ADD COLUMN cum_vector FLOAT[];
ALTER TABLE narrative_day_sums ADD COLUMN cum_lex_idx INTEGER[];
ALTER TABLE narrative_day_sums ADD COLUMN cum_lex_val FLOAT[];

-- A fact-check that answers a narrative, found by the cluster stage on `day` by comparing the
-- fact-check's claim with the narrative's centroid (via = 'centroid'). Member posts matched to a
-- fact-check by the classify stage (post_scores) count too; the views take both.
CREATE TABLE IF NOT EXISTS narrative_fact_checks (
    narrative_id  VARCHAR NOT NULL,
    fact_check_id VARCHAR NOT NULL,
    day           DATE NOT NULL,
    similarity    DOUBLE,
    via           VARCHAR NOT NULL,
    PRIMARY KEY (narrative_id, fact_check_id)
);
