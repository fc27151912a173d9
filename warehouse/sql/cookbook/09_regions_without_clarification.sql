-- Question: Which provinces have flagged narratives circulating this week that nobody has
--           clarified yet (no post by an official source there, no fact-check)?
-- Parameters:
--   as_of  DATE     last day of the week (default: the latest day in the warehouse)
-- Columns: province_code, province_name, flagged_narratives, unclarified_narratives, unclarified_posts, top_unclarified_narrative, top_unclarified_label
-- Reads: mart_narrative_region_daily, mart_post_regions, sources, narrative_dim
WITH params AS (
    SELECT coalesce(getvariable('as_of')::DATE, (SELECT max(day) FROM mart_narrative_daily))
               AS as_of
), active AS (
    SELECT m.province_code, m.narrative_id, sum(m.posts) AS week_posts
    FROM mart_narrative_region_daily m
    JOIN narrative_dim d USING (narrative_id), params p
    WHERE d.flagged AND m.level = 'province' AND m.day BETWEEN p.as_of - 6 AND p.as_of
    GROUP BY ALL
), clarified_here AS (
    SELECT DISTINCT r.province_code, r.narrative_id
    FROM mart_post_regions r
    JOIN sources s ON s.source = r.source AND s.official, params p
    WHERE r.level = 'province' AND r.narrative_id IS NOT NULL AND r.day <= p.as_of
), status AS (
    SELECT a.*, d.label,
           c.narrative_id IS NULL
           AND (d.fact_check_id IS NULL
                OR (f.published_at AT TIME ZONE 'Asia/Jakarta')::DATE > p.as_of) AS unclarified
    FROM active a
    JOIN narrative_dim d USING (narrative_id)
    LEFT JOIN fact_checks f ON f.fact_check_id = d.fact_check_id
    LEFT JOIN clarified_here c USING (province_code, narrative_id), params p
)
SELECT s.province_code, g.region_name AS province_name,
       count(*) AS flagged_narratives,
       count(*) FILTER (WHERE s.unclarified) AS unclarified_narratives,
       coalesce(sum(s.week_posts) FILTER (WHERE s.unclarified), 0) AS unclarified_posts,
       arg_max(s.narrative_id, s.week_posts) FILTER (WHERE s.unclarified)
           AS top_unclarified_narrative,
       arg_max(s.label, s.week_posts) FILTER (WHERE s.unclarified) AS top_unclarified_label
FROM status s
JOIN dim_region g ON g.region_code = s.province_code
GROUP BY ALL
HAVING count(*) FILTER (WHERE s.unclarified) > 0
ORDER BY unclarified_posts DESC, s.province_code;
