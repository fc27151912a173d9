-- Analyst contract: one row per received post (duplicates included, linked by duplicate_of).
-- Every staging row of a post carries the post's batch_day, so joining on it as well lets a
-- filter on day skip the other days' row groups of every table (seconds → milliseconds at
-- millions of posts).
CREATE OR REPLACE VIEW posts AS
SELECT
    r.post_id,
    r.source,
    r.platform,
    r.published_at,
    s.day,
    r.author,
    r.url,
    r.title,
    r.text,
    s.lang,
    coalesce((SELECT list(pr.region_code ORDER BY pr.region_code) FROM post_regions pr
              WHERE pr.post_id = r.post_id AND pr.batch_day = r.batch_day),
             []::VARCHAR[]) AS regions,
    sc.hoax_score,
    sc.model_version,
    coalesce(sc.flagged, false) AS flagged,
    sc.flag_reason,
    sc.fact_check_id,
    np.narrative_id,
    s.duplicate_of,
    r.shares,
    r.batch_day
FROM raw_posts r
JOIN stg_posts s USING (post_id, batch_day)
LEFT JOIN post_scores sc USING (post_id, batch_day)
LEFT JOIN narrative_posts np USING (post_id, batch_day);
