-- Marts layer: every region tag of a post on its mart_posts row, so the posts view needs no
-- aggregation (a GROUP BY over every tag) to list them. Backfilled here from post_regions;
-- warehouse/sql/marts/010_mart_posts.sql fills it from now on.
ALTER TABLE mart_posts ADD COLUMN IF NOT EXISTS regions VARCHAR[];

UPDATE mart_posts m SET regions = t.regions
FROM (SELECT post_id, batch_day, list_sort(list(region_code)) AS regions
      FROM post_regions GROUP BY post_id, batch_day) t
WHERE m.post_id = t.post_id AND m.batch_day = t.batch_day;

UPDATE mart_posts SET regions = []::VARCHAR[] WHERE regions IS NULL;
