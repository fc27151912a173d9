-- Question: How many narratives, posts and flagged posts did each province see per ISO week?
-- Parameters:
--   as_of  DATE     last day considered (default: the latest day in the warehouse)
--   weeks  INTEGER  number of ISO weeks back (default: 8)
-- Columns: province_code, province_name, iso_week_label, week_start, narratives, posts, flagged_posts
-- Reads: mart_narrative_region_daily, dim_date
-- The one-join pattern: a daily mart plus dim_date gives any daily count by ISO week.
WITH params AS (
    SELECT coalesce(getvariable('as_of')::DATE, (SELECT max(day) FROM mart_narrative_daily))
               AS as_of,
           coalesce(getvariable('weeks')::INTEGER, 8) AS weeks
)
SELECT m.province_code, m.region_name AS province_name, d.iso_week_label, d.week_start,
       count(DISTINCT m.narrative_id) AS narratives, sum(m.posts) AS posts,
       sum(m.flagged_posts) AS flagged_posts
FROM mart_narrative_region_daily m
JOIN dim_date d USING (day), params p
WHERE m.level = 'province'
  AND m.day BETWEEN date_trunc('week', p.as_of)::DATE - 7 * (p.weeks - 1) AND p.as_of
GROUP BY ALL
ORDER BY m.province_code, d.week_start;
