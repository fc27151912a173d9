-- Question: Is the hoax classifier's score distribution drifting from week to week (and did
--           it change when a new model version was promoted)?
-- Parameters:
--   as_of      DATE     last day considered (default: the latest day in the warehouse)
--   weeks      INTEGER  number of ISO weeks back (default: 12)
--   threshold  DOUBLE   score counted as a classifier flag (default: 0.5, PANTAU_HOAX_THRESHOLD)
-- Columns: iso_week_label, week_start, model_version, scored_posts, mean_score, p50_score, p90_score, classifier_flag_rate, fact_check_match_rate, mean_score_change
-- Reads: mart_score_daily, dim_date
-- Quantiles are read off 0.01-wide score buckets (the bucket's midpoint); the mean is exact.
WITH params AS (
    SELECT coalesce(getvariable('as_of')::DATE, (SELECT max(day) FROM mart_score_daily))
               AS as_of,
           coalesce(getvariable('weeks')::INTEGER, 12) AS weeks,
           coalesce(getvariable('threshold')::DOUBLE, 0.5) AS threshold
), buckets AS (
    SELECT d.iso_week_label, d.week_start, s.model_version, s.score_bucket,
           sum(s.posts) AS posts, sum(s.score_sum) AS score_sum,
           sum(s.fact_check_matches) AS fact_check_matches
    FROM mart_score_daily s
    JOIN dim_date d USING (day), params p
    WHERE s.day BETWEEN date_trunc('week', p.as_of)::DATE - 7 * (p.weeks - 1) AND p.as_of
    GROUP BY ALL
), cumulative AS (
    SELECT *,
           sum(posts) OVER (PARTITION BY week_start, model_version ORDER BY score_bucket)
               / sum(posts) OVER (PARTITION BY week_start, model_version) AS cdf
    FROM buckets
), weekly AS (
    SELECT iso_week_label, week_start, model_version,
           sum(posts) AS scored_posts,
           sum(score_sum) / sum(posts) AS mean_score,
           (min(score_bucket) FILTER (WHERE cdf >= 0.5) + 0.5) / 100 AS p50_score,
           (min(score_bucket) FILTER (WHERE cdf >= 0.9) + 0.5) / 100 AS p90_score,
           sum(posts) FILTER (WHERE score_bucket >= p.threshold * 100) / sum(posts)
               AS classifier_flag_rate,
           sum(fact_check_matches) / sum(posts) AS fact_check_match_rate
    FROM cumulative, params p
    GROUP BY iso_week_label, week_start, model_version, p.threshold
)
SELECT iso_week_label, week_start, model_version, scored_posts,
       round(mean_score, 4) AS mean_score, round(p50_score, 3) AS p50_score,
       round(p90_score, 3) AS p90_score,
       round(coalesce(classifier_flag_rate, 0), 4) AS classifier_flag_rate,
       round(fact_check_match_rate, 4) AS fact_check_match_rate,
       round(mean_score - lag(mean_score) OVER (PARTITION BY model_version ORDER BY week_start),
             4) AS mean_score_change
FROM weekly
ORDER BY week_start, model_version;
