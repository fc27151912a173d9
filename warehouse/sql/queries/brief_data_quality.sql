-- The day's reconciliation, and the sources that went silent: those that posted on at least
-- 3 of the 7 days before $day but sent nothing today (a broken feed looks like this).
-- $scope NULL (the national briefing) lists every silent source; a region's briefing lists
-- only the sources based in it (sources.home_region inside $scope), or, for a kabupaten/kota,
-- in its province. Sources with no home_region are national and only named nationally.
WITH regular AS (
    SELECT source, count(DISTINCT batch_day) AS days FROM raw_posts
    WHERE batch_day BETWEEN $day::DATE - 7 AND $day::DATE - 1
    GROUP BY 1 HAVING count(DISTINCT batch_day) >= 3
), today AS (
    SELECT DISTINCT source FROM raw_posts WHERE batch_day = $day::DATE
), in_scope AS (
    SELECT r.source FROM regular r LEFT JOIN sources s USING (source)
    WHERE $scope::VARCHAR IS NULL
       OR s.home_region = $scope::VARCHAR
       OR starts_with(s.home_region, $scope::VARCHAR || '.')
       OR (contains($scope::VARCHAR, '.') AND s.home_region = split_part($scope::VARCHAR, '.', 1))
)
SELECT rs.received, rs.stored, rs.duplicates, rs.quarantined, rs.reconciled,
       (SELECT count(*) FROM today) AS sources_today,
       (SELECT list(source ORDER BY source) FROM in_scope
        WHERE source NOT IN (SELECT source FROM today)) AS silent_sources,
       (SELECT count(*) FROM fact_checks WHERE batch_day = $day::DATE) AS fact_checks_today
FROM (SELECT $day::DATE AS day) d LEFT JOIN run_summary rs USING (day);
