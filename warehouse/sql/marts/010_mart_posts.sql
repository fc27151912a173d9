-- mart_posts: one row per stored post (duplicates included), everything an analyst filters or
-- groups by in one place. Rebuilt for the batch days in _refresh_days; the days of publication
-- touched (before and after) are collected in _affected_days for the daily aggregates.
INSERT INTO _affected_days
SELECT DISTINCT day FROM mart_posts WHERE batch_day IN (SELECT batch_day FROM _refresh_days);

DELETE FROM mart_posts WHERE batch_day IN (SELECT batch_day FROM _refresh_days);

INSERT INTO mart_posts BY NAME
WITH tags AS (
    -- the most confident province and regency tag; ties go to the lower code (deterministic)
    SELECT post_id,
           arg_min(region_code, (-confidence, region_code)) FILTER (WHERE level = 'province')
               AS province_code,
           arg_min(region_code, (-confidence, region_code)) FILTER (WHERE level = 'regency')
               AS regency_code,
           count(*) AS n_regions,
           list_sort(list(region_code)) AS regions
    FROM post_regions
    WHERE batch_day IN (SELECT batch_day FROM _refresh_days)
    GROUP BY post_id
)
SELECT r.post_id, r.batch_day, s.day, r.published_at, r.source, r.platform, r.author, s.lang,
       t.province_code, t.regency_code, coalesce(t.n_regions, 0) AS n_regions,
       coalesce(t.regions, []::VARCHAR[]) AS regions,
       np.narrative_id, np.assigned_by,
       s.duplicate_of, s.duplicate_kind, s.duplicate_of IS NOT NULL AS is_duplicate,
       sc.model_version, sc.hoax_score, coalesce(sc.flagged, false) AS flagged, sc.flag_reason,
       sc.fact_check_id, sc.fact_check_similarity, sc.fact_check_tier,
       coalesce(r.shares, 0) AS shares
FROM (SELECT * FROM raw_posts WHERE batch_day IN (SELECT batch_day FROM _refresh_days)) r
JOIN (SELECT * FROM stg_posts WHERE batch_day IN (SELECT batch_day FROM _refresh_days)) s
    USING (post_id)
LEFT JOIN tags t USING (post_id)
LEFT JOIN (SELECT * FROM post_scores WHERE batch_day IN (SELECT batch_day FROM _refresh_days)) sc
    USING (post_id)
-- No batch filter: a post can join a narrative on a later day than its own batch.
LEFT JOIN narrative_posts np USING (post_id)
ORDER BY r.batch_day, s.day, r.post_id;

INSERT INTO _affected_days
SELECT DISTINCT day FROM mart_posts WHERE batch_day IN (SELECT batch_day FROM _refresh_days);
