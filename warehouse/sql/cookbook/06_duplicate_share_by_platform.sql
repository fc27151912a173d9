-- Question: What share of each platform's posts are forwards or copies (exact or near
--           duplicates), and how much of the forwarding carries flagged content?
-- Parameters:
--   as_of  DATE     last day considered (default: the latest day in the warehouse)
--   days   INTEGER  length of the window in days (default: 7)
-- Columns: platform, posts, exact_duplicates, near_duplicates, duplicate_share, flagged_share_of_duplicates, flagged_share_of_originals, avg_shares
-- Reads: mart_posts
WITH params AS (
    SELECT coalesce(getvariable('as_of')::DATE, (SELECT max(day) FROM mart_posts)) AS as_of,
           coalesce(getvariable('days')::INTEGER, 7) AS days
)
SELECT coalesce(m.platform, '(unknown)') AS platform,
       count(*) AS posts,
       count(*) FILTER (WHERE m.duplicate_kind = 'exact') AS exact_duplicates,
       count(*) FILTER (WHERE m.duplicate_kind = 'near') AS near_duplicates,
       round(avg(m.is_duplicate::INTEGER), 4) AS duplicate_share,
       round(avg(m.flagged::INTEGER) FILTER (WHERE m.is_duplicate), 4)
           AS flagged_share_of_duplicates,
       round(avg(m.flagged::INTEGER) FILTER (WHERE NOT m.is_duplicate), 4)
           AS flagged_share_of_originals,
       round(avg(m.shares), 2) AS avg_shares
FROM mart_posts m, params p
WHERE m.day BETWEEN p.as_of - p.days + 1 AND p.as_of
GROUP BY 1
ORDER BY duplicate_share DESC, platform;
