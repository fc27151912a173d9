-- Reconciliation per day: received = stored + duplicates + quarantined.
-- Ingest counts redeliveries as duplicates; normalisation then finds content duplicates.
CREATE OR REPLACE VIEW run_summary AS
WITH content_dups AS (
    SELECT batch_day AS day, count(*) AS n FROM stg_posts
    WHERE duplicate_of IS NOT NULL GROUP BY 1
)
SELECT r.day,
       r.received,
       r.stored - coalesce(c.n, 0) AS stored,
       r.duplicates + coalesce(c.n, 0) AS duplicates,
       r.quarantined,
       r.received = r.stored + r.duplicates + r.quarantined AS reconciled,
       r.finished_at
FROM runs r LEFT JOIN content_dups c USING (day)
WHERE r.stage = 'ingest';
