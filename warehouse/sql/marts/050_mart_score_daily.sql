-- mart_score_daily: scored original posts (forwards repeat their original's score) per day,
-- model version, platform and score bucket. Recomputed for every day of publication a
-- refreshed batch touched.
DELETE FROM mart_score_daily WHERE day IN (SELECT day FROM _affected_days);

INSERT INTO mart_score_daily BY NAME
SELECT day, model_version, platform,
       least(100, floor(hoax_score * 100))::SMALLINT AS score_bucket,
       count(*) AS posts, sum(hoax_score) AS score_sum,
       count(*) FILTER (WHERE flagged) AS flagged_posts,
       count(*) FILTER (WHERE flag_reason = 'fact_check_match') AS fact_check_matches
FROM mart_posts
WHERE hoax_score IS NOT NULL AND NOT is_duplicate
  AND day IN (SELECT day FROM _affected_days)
GROUP BY ALL
ORDER BY day, model_version, platform, score_bucket;
