-- Question: Which authors spread several different flagged narratives (super-spreaders or
--           coordinated accounts worth a closer look)?
-- Parameters:
--   as_of           DATE     last day considered (default: the latest day in the warehouse)
--   days            INTEGER  length of the window in days (default: 30)
--   min_narratives  INTEGER  least number of distinct flagged narratives (default: 2)
--   top_n           INTEGER  authors listed (default: 50)
-- Columns: author, platforms, flagged_narratives, flagged_posts, forwards, provinces, first_day, last_day
-- Reads: mart_posts, narrative_dim, sources
-- Official sources are left out: their posts in a flagged narrative are clarifications.
WITH params AS (
    SELECT coalesce(getvariable('as_of')::DATE, (SELECT max(day) FROM mart_posts)) AS as_of,
           coalesce(getvariable('days')::INTEGER, 30) AS days,
           coalesce(getvariable('min_narratives')::INTEGER, 2) AS min_narratives,
           coalesce(getvariable('top_n')::INTEGER, 50) AS top_n
), spread AS MATERIALIZED (
    SELECT m.author, m.narrative_id, m.platform, m.province_code, m.is_duplicate, m.day
    FROM mart_posts m, params p
    WHERE m.author IS NOT NULL
      AND m.day BETWEEN p.as_of - p.days + 1 AND p.as_of
      AND m.narrative_id IN (SELECT narrative_id FROM narrative_dim WHERE flagged)
      AND m.source NOT IN (SELECT source FROM sources WHERE official)
), candidates AS (
    -- cheap first cut: fewer posts than min_narratives cannot make enough narratives
    SELECT author FROM spread GROUP BY author
    HAVING count(*) >= (SELECT min_narratives FROM params)
)
SELECT s.author,
       list(DISTINCT s.platform ORDER BY s.platform) AS platforms,
       count(DISTINCT s.narrative_id) AS flagged_narratives,
       count(*) AS flagged_posts,
       count(*) FILTER (WHERE s.is_duplicate) AS forwards,
       count(DISTINCT s.province_code) AS provinces,
       min(s.day) AS first_day, max(s.day) AS last_day
FROM spread s
WHERE s.author IN (SELECT author FROM candidates)
GROUP BY s.author
HAVING count(DISTINCT s.narrative_id) >= (SELECT min_narratives FROM params)
ORDER BY flagged_narratives DESC, flagged_posts DESC, s.author
LIMIT (SELECT top_n FROM params);
