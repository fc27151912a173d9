-- Question: When a flagged narrative reaches a province, how long until it is clarified there
--           (a post by an official source of that province's narrative, or a fact-check)?
-- Parameters:
--   as_of  DATE     last day considered (default: the latest day in the warehouse)
--   days   INTEGER  narratives that reached the province in the last N days (default: 30)
-- Columns: province_code, province_name, flagged_narratives, clarified, not_clarified, median_lag_days, avg_lag_days, clarified_within_2_days
-- Reads: mart_narrative_region_daily, mart_post_regions, sources, narrative_dim, fact_checks
WITH params AS (
    SELECT coalesce(getvariable('as_of')::DATE, (SELECT max(day) FROM mart_narrative_daily))
               AS as_of,
           coalesce(getvariable('days')::INTEGER, 30) AS days
), reached AS (
    -- first day each flagged narrative was seen in each province
    SELECT m.province_code, m.narrative_id, min(m.day) AS first_seen
    FROM mart_narrative_region_daily m
    JOIN narrative_dim d USING (narrative_id)
    WHERE d.flagged AND m.level = 'province'
    GROUP BY ALL
), official AS (
    SELECT r.province_code, r.narrative_id, min(r.day) AS first_official
    FROM mart_post_regions r
    JOIN sources s ON s.source = r.source AND s.official
    WHERE r.level = 'province' AND r.narrative_id IS NOT NULL
    GROUP BY ALL
), fact_check AS (
    SELECT d.narrative_id,
           (min(f.published_at) AT TIME ZONE 'Asia/Jakarta')::DATE AS fact_check_day
    FROM narrative_dim d JOIN fact_checks f USING (fact_check_id)
    GROUP BY ALL
), lags AS (
    SELECT r.province_code, r.narrative_id, r.first_seen,
           least(o.first_official, fc.fact_check_day) AS clarified_day
    FROM reached r
    CROSS JOIN params p
    LEFT JOIN official o USING (province_code, narrative_id)
    LEFT JOIN fact_check fc USING (narrative_id)
    WHERE r.first_seen BETWEEN p.as_of - p.days + 1 AND p.as_of
), measured AS (
    SELECT l.*,
           CASE WHEN l.clarified_day <= p.as_of
                THEN greatest(l.clarified_day - l.first_seen, 0) END AS lag_days
    FROM lags l, params p
)
SELECT m.province_code, g.region_name AS province_name,
       count(*) AS flagged_narratives,
       count(lag_days) AS clarified,
       count(*) - count(lag_days) AS not_clarified,
       median(lag_days) AS median_lag_days,
       round(avg(lag_days), 2) AS avg_lag_days,
       round(count(*) FILTER (WHERE lag_days <= 2) / count(*), 3) AS clarified_within_2_days
FROM measured m
JOIN dim_region g ON g.region_code = m.province_code
GROUP BY ALL
ORDER BY not_clarified DESC, median_lag_days DESC NULLS FIRST, m.province_code;
