-- Analyst contract: one row per received post (duplicates included, linked by duplicate_of).
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
    coalesce(reg.regions, []::VARCHAR[]) AS regions,
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
JOIN stg_posts s USING (post_id)
LEFT JOIN (
    SELECT post_id, list(region_code ORDER BY region_code) AS regions
    FROM post_regions GROUP BY post_id
) reg USING (post_id)
LEFT JOIN post_scores sc USING (post_id)
LEFT JOIN narrative_posts np USING (post_id);
