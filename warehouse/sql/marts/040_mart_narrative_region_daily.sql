-- mart_narrative_region_daily: the narrative_region_daily view, materialised, plus flagged
-- posts. Recomputed for every day of publication a refreshed batch touched.
DELETE FROM mart_narrative_region_daily WHERE day IN (SELECT day FROM _affected_days);

INSERT INTO mart_narrative_region_daily BY NAME
SELECT m.narrative_id, m.region_code, rg.name AS region_name, m.level, m.province_code, m.day,
       count(*) AS posts, count(DISTINCT m.author) AS authors, sum(m.shares) AS shares,
       count(*) FILTER (WHERE m.flagged) AS flagged_posts
FROM mart_post_regions m
JOIN regions rg ON rg.code = m.region_code
WHERE m.narrative_id IS NOT NULL AND m.day IN (SELECT day FROM _affected_days)
GROUP BY ALL
ORDER BY m.day, m.narrative_id, m.region_code;
