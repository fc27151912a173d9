-- Question: Which narratives that first appeared this week are spreading most in each province?
-- Parameters:
--   as_of  DATE     last day of the week (default: the latest day in the warehouse)
--   top_n  INTEGER  narratives per province (default: 3)
-- Columns: province_code, province_name, rank, narrative_id, label, flagged, first_seen, week_posts, flagged_posts, share_of_province
-- Reads: mart_narrative_region_daily, mart_narrative_daily, narrative_dim
WITH params AS (
    SELECT coalesce(getvariable('as_of')::DATE, (SELECT max(day) FROM mart_narrative_daily))
               AS as_of,
           coalesce(getvariable('top_n')::INTEGER, 3) AS top_n
), first_seen AS (
    SELECT narrative_id, min(day) AS first_seen FROM mart_narrative_daily GROUP BY narrative_id
), week AS (
    SELECT m.province_code, m.narrative_id, sum(m.posts) AS week_posts,
           sum(m.flagged_posts) AS flagged_posts
    FROM mart_narrative_region_daily m, params p
    WHERE m.level = 'province' AND m.day BETWEEN p.as_of - 6 AND p.as_of
    GROUP BY ALL
), ranked AS (
    SELECT w.*, f.first_seen,
           row_number() OVER (PARTITION BY w.province_code
                              ORDER BY w.week_posts DESC, w.narrative_id) AS rank
    FROM week w JOIN first_seen f USING (narrative_id), params p
    WHERE f.first_seen BETWEEN p.as_of - 6 AND p.as_of
)
SELECT r.province_code, g.region_name AS province_name, r.rank, r.narrative_id, d.label,
       d.flagged, r.first_seen, r.week_posts, r.flagged_posts,
       round(r.week_posts / t.province_posts, 3) AS share_of_province
FROM ranked r
JOIN (SELECT province_code, sum(week_posts) AS province_posts FROM week GROUP BY 1) t
    USING (province_code)
JOIN narrative_dim d USING (narrative_id)
JOIN dim_region g ON g.region_code = r.province_code, params p
WHERE r.rank <= p.top_n
ORDER BY r.province_code, r.rank;
