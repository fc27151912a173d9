-- Fact-check matches in two tiers (pipelines/fact_check_match.py): 'cocok' (confirmed, shown with
-- the debunk's link and counted as countered) or 'mungkin terkait' (a suggestion, never counted),
-- with the calibrated probability of the match. Matches stored before this migration came from
-- an embedding-similarity threshold alone, so they become suggestions until the days are
-- re-scored (`pantau rescore`).
ALTER TABLE post_scores ADD COLUMN IF NOT EXISTS fact_check_tier VARCHAR;
ALTER TABLE post_scores ADD COLUMN IF NOT EXISTS fact_check_score DOUBLE;
UPDATE post_scores SET fact_check_tier = 'mungkin terkait'
WHERE fact_check_id IS NOT NULL AND fact_check_tier IS NULL;
ALTER TABLE mart_posts ADD COLUMN IF NOT EXISTS fact_check_tier VARCHAR;
UPDATE mart_posts SET fact_check_tier = 'mungkin terkait'
WHERE fact_check_id IS NOT NULL AND fact_check_tier IS NULL;
