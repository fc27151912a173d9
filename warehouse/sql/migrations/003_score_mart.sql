-- Marts layer: the hoax-score distribution per day, model version and platform, in buckets of
-- 0.01, so drift questions read thousands of rows instead of every post. Refreshed with the
-- other marts (warehouse/sql/marts/050_mart_score_daily.sql).
CREATE TABLE IF NOT EXISTS mart_score_daily (
    day                DATE NOT NULL,
    model_version      VARCHAR,
    platform           VARCHAR,
    score_bucket       SMALLINT NOT NULL,   -- floor(hoax_score * 100): 0 … 100
    posts              BIGINT NOT NULL,
    score_sum          DOUBLE NOT NULL,
    flagged_posts      BIGINT NOT NULL,
    fact_check_matches BIGINT NOT NULL
);
