-- Question: Which sources produced the most flagged posts lately, and what share of their
--           output is flagged?
-- Parameters:
--   as_of  DATE     last day considered (default: the latest day in the warehouse)
--   days   INTEGER  length of the window in days (default: 7)
--   top_n  INTEGER  sources listed (default: 20)
-- Columns: source, platform, official, posts, flagged_posts, flagged_share, flagged_originals, flagged_narratives, top_province
-- Reads: mart_posts, sources
WITH params AS (
    SELECT coalesce(getvariable('as_of')::DATE, (SELECT max(day) FROM mart_posts)) AS as_of,
           coalesce(getvariable('days')::INTEGER, 7) AS days,
           coalesce(getvariable('top_n')::INTEGER, 20) AS top_n
), per_source AS (
    SELECT m.source, any_value(m.platform) AS platform, count(*) AS posts,
           count(*) FILTER (WHERE m.flagged) AS flagged_posts,
           count(*) FILTER (WHERE m.flagged AND NOT m.is_duplicate) AS flagged_originals,
           count(DISTINCT m.narrative_id) FILTER (WHERE m.flagged) AS flagged_narratives,
           mode(m.province_code) FILTER (WHERE m.flagged) AS top_province
    FROM mart_posts m, params p
    WHERE m.day BETWEEN p.as_of - p.days + 1 AND p.as_of
    GROUP BY m.source
)
SELECT s.source, s.platform, coalesce(src.official, false) AS official, s.posts,
       s.flagged_posts, round(s.flagged_posts / s.posts, 3) AS flagged_share,
       s.flagged_originals, s.flagged_narratives, s.top_province
FROM per_source s
LEFT JOIN sources src USING (source), params p
WHERE s.flagged_posts > 0
ORDER BY s.flagged_posts DESC, s.source
LIMIT (SELECT top_n FROM params);
