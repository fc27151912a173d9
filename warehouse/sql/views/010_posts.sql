-- Analyst contract: one row per received post (duplicates included, linked by duplicate_of).
-- Exact at every moment, and fast at millions of posts: posts of days the marts hold come
-- from mart_posts (plus their text from raw_posts), posts of days changed since the last
-- refresh (mart_pending_days, usually none or today) are computed from staging. A post's rows
-- in raw_posts, stg_posts, post_regions and post_scores carry its batch_day, so joining on it
-- too lets a filter on day skip the other days' row groups (narrative_posts is joined on
-- post_id alone: clustering a later day can assign a post of an earlier batch).
CREATE OR REPLACE VIEW posts AS
SELECT m.post_id, m.source, m.platform, m.published_at, m.day, m.author, r.url, r.title, r.text,
       m.lang, m.regions, m.hoax_score, m.model_version, m.flagged, m.flag_reason,
       m.fact_check_id, m.narrative_id, m.duplicate_of, r.shares, m.batch_day,
       m.fact_check_tier
FROM mart_posts m
JOIN raw_posts r USING (post_id, batch_day)
WHERE m.day NOT IN (SELECT day FROM mart_pending_days)
UNION ALL
SELECT r.post_id, r.source, r.platform, r.published_at, s.day, r.author, r.url, r.title, r.text,
       s.lang, coalesce(g.regions, []::VARCHAR[]) AS regions, sc.hoax_score, sc.model_version,
       coalesce(sc.flagged, false) AS flagged, sc.flag_reason, sc.fact_check_id,
       np.narrative_id, s.duplicate_of, r.shares, r.batch_day, sc.fact_check_tier
FROM raw_posts r
JOIN stg_posts s USING (post_id, batch_day)
LEFT JOIN (SELECT post_id, batch_day, list_sort(list(region_code)) AS regions
           FROM post_regions
           WHERE batch_day IN (SELECT batch_day FROM stg_posts
                               WHERE day IN (SELECT day FROM mart_pending_days))
           GROUP BY post_id, batch_day) g USING (post_id, batch_day)
LEFT JOIN post_scores sc USING (post_id, batch_day)
LEFT JOIN narrative_posts np ON np.post_id = r.post_id  -- may be assigned on a later day
WHERE s.day IN (SELECT day FROM mart_pending_days);
