-- Posts per narrative per day, all regions together.
CREATE OR REPLACE VIEW narrative_daily AS
SELECT np.narrative_id, s.day, count(*) AS posts, count(DISTINCT r.author) AS authors,
       sum(coalesce(r.shares, 0)) AS shares
FROM narrative_posts np
JOIN stg_posts s USING (post_id)
JOIN raw_posts r USING (post_id)
GROUP BY ALL;

-- Posts per narrative per region per day; a regency post also counts for its province.
CREATE OR REPLACE VIEW narrative_region_daily AS
SELECT np.narrative_id, pr.region_code, rg.name AS region_name, rg.level, pr.province_code,
       s.day, count(*) AS posts, count(DISTINCT r.author) AS authors,
       sum(coalesce(r.shares, 0)) AS shares
FROM narrative_posts np
JOIN stg_posts s USING (post_id)
JOIN raw_posts r USING (post_id)
JOIN post_regions pr USING (post_id)
JOIN regions rg ON rg.code = pr.region_code
GROUP BY ALL;
