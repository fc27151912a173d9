-- The day's reconciliation and the sources that went silent (posted in the prior week, not today).
SELECT rs.received, rs.stored, rs.duplicates, rs.quarantined, rs.reconciled,
       (SELECT list(DISTINCT source ORDER BY source) FROM raw_posts
        WHERE batch_day BETWEEN $day::DATE - 7 AND $day::DATE - 1
          AND source NOT IN (SELECT source FROM raw_posts WHERE batch_day = $day::DATE))
           AS silent_sources
FROM (SELECT $day::DATE AS day) d LEFT JOIN run_summary rs USING (day);
