-- Posts per narrative per day, all regions together. Exact at every moment: days the marts
-- hold come from mart_narrative_daily, days changed since the last refresh (mart_pending_days,
-- usually none or today) are computed from staging.
CREATE OR REPLACE VIEW narrative_daily AS
SELECT narrative_id, day, posts, authors, shares
FROM mart_narrative_daily
WHERE day NOT IN (SELECT day FROM mart_pending_days)
UNION ALL
SELECT np.narrative_id, s.day, count(*) AS posts, count(DISTINCT r.author) AS authors,
       sum(coalesce(r.shares, 0)) AS shares
FROM narrative_posts np
-- A post may join a narrative on a later day than its own batch: match on post_id alone.
JOIN stg_posts s ON s.post_id = np.post_id
JOIN raw_posts r ON r.post_id = np.post_id
WHERE s.day IN (SELECT day FROM mart_pending_days)
GROUP BY ALL;

-- Posts per narrative per region per day; a regency post also counts for its province.
-- Same split between the mart and staging as narrative_daily.
CREATE OR REPLACE VIEW narrative_region_daily AS
SELECT narrative_id, region_code, region_name, level, province_code, day, posts, authors,
       shares
FROM mart_narrative_region_daily
WHERE day NOT IN (SELECT day FROM mart_pending_days)
UNION ALL
SELECT np.narrative_id, pr.region_code, rg.name AS region_name, rg.level, pr.province_code,
       s.day, count(*) AS posts, count(DISTINCT r.author) AS authors,
       sum(coalesce(r.shares, 0)) AS shares
FROM narrative_posts np
JOIN stg_posts s ON s.post_id = np.post_id
JOIN raw_posts r ON r.post_id = np.post_id
JOIN post_regions pr ON pr.post_id = np.post_id
JOIN regions rg ON rg.code = pr.region_code
WHERE s.day IN (SELECT day FROM mart_pending_days)
GROUP BY ALL;
