-- mart_post_regions: one row per region tag of a post (a regency tag also has its province
-- tag), with the post's attributes copied so regional questions need no join.
DELETE FROM mart_post_regions WHERE batch_day IN (SELECT batch_day FROM _refresh_days);

INSERT INTO mart_post_regions BY NAME
SELECT pr.post_id, pr.batch_day, p.day, pr.region_code, pr.level, pr.province_code,
       pr.confidence, p.source, p.platform, p.author, p.narrative_id, p.is_duplicate, p.flagged,
       p.shares
FROM (SELECT * FROM post_regions WHERE batch_day IN (SELECT batch_day FROM _refresh_days)) pr
JOIN (SELECT * FROM mart_posts WHERE batch_day IN (SELECT batch_day FROM _refresh_days)) p
    USING (post_id)
ORDER BY p.batch_day, p.day, pr.post_id, pr.region_code;
