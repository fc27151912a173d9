-- Which data the marts do not hold yet: batch days whose stages ran after the last marts
-- refresh (all of them before the first refresh). The live views below read the marts for
-- every other day and compute these days from staging, so they are exact and fast at scale.
CREATE OR REPLACE VIEW mart_stale_batches AS
WITH since AS (SELECT max(refreshed_at) AS refreshed_at FROM mart_refresh)
SELECT DISTINCT r.day AS batch_day
FROM runs r, since
WHERE r.stage IN ('ingest', 'normalise', 'tag_regions', 'embed', 'classify', 'cluster')
  AND (since.refreshed_at IS NULL
       OR greatest(r.started_at, coalesce(r.finished_at, r.started_at)) >= since.refreshed_at);

-- Days of publication touched by those batches, as staged now or as the marts last saw them.
CREATE OR REPLACE VIEW mart_pending_days AS
SELECT DISTINCT day FROM stg_posts WHERE batch_day IN (SELECT batch_day FROM mart_stale_batches)
UNION
SELECT DISTINCT day FROM mart_posts WHERE batch_day IN (SELECT batch_day FROM mart_stale_batches)
UNION
-- posts of earlier batches that a stale batch's clustering assigned to a narrative
SELECT DISTINCT s.day FROM narrative_posts np JOIN stg_posts s ON s.post_id = np.post_id
WHERE np.batch_day IN (SELECT batch_day FROM mart_stale_batches);
