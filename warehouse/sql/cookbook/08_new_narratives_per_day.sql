-- Question: How many new narratives appear each day, how many of them are flagged, and on
--           which weekdays?
-- Parameters:
--   as_of  DATE     last day considered (default: the latest day in the warehouse)
--   days   INTEGER  length of the window in days (default: 30)
-- Columns: day, weekday_name, iso_week_label, new_narratives, flagged_new, first_day_posts, posts_of_new_since
-- Reads: mart_narrative_daily, narrative_dim, dim_date
WITH params AS (
    SELECT coalesce(getvariable('as_of')::DATE, (SELECT max(day) FROM mart_narrative_daily))
               AS as_of,
           coalesce(getvariable('days')::INTEGER, 30) AS days
), life AS (
    SELECT narrative_id, min(day) AS first_seen,
           arg_min(posts, day) AS first_day_posts, sum(posts) AS posts
    FROM mart_narrative_daily, params p
    WHERE day <= p.as_of
    GROUP BY narrative_id
)
SELECT d.day, d.weekday_name, d.iso_week_label,
       count(l.narrative_id) AS new_narratives,
       count(l.narrative_id) FILTER (WHERE n.flagged) AS flagged_new,
       coalesce(sum(l.first_day_posts), 0) AS first_day_posts,
       coalesce(sum(l.posts), 0) AS posts_of_new_since
FROM dim_date d
CROSS JOIN params p
LEFT JOIN life l ON l.first_seen = d.day
LEFT JOIN narrative_dim n USING (narrative_id)
WHERE d.day BETWEEN p.as_of - p.days + 1 AND p.as_of
GROUP BY ALL
ORDER BY d.day;
