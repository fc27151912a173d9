-- Marts layer: mart_narrative_daily also counts, per (assigned) narrative and day, the posts that
-- spread it and the official clarifications, so the narratives view reads the mart instead of
-- every narrative post (warehouse/sql/views/030_narratives.sql). Backfilled here from mart_posts;
-- warehouse/sql/marts/030_mart_narrative_daily.sql fills them from now on.
ALTER TABLE mart_narrative_daily ADD COLUMN IF NOT EXISTS spread_posts BIGINT;
ALTER TABLE mart_narrative_daily ADD COLUMN IF NOT EXISTS clarifications BIGINT;

UPDATE mart_narrative_daily m
SET spread_posts = a.spread_posts, clarifications = a.clarifications
FROM (SELECT narrative_id, day,
             count(*) FILTER (WHERE assigned_by NOT LIKE 'clarification%') AS spread_posts,
             count(*) FILTER (WHERE assigned_by = 'clarification') AS clarifications
      FROM mart_posts WHERE narrative_id IS NOT NULL GROUP BY ALL) a
WHERE m.narrative_id = a.narrative_id AND m.day = a.day;
