-- brief_narrative_trend.sql from the precomputed 14 days ending $day, zeros included.
WITH daily AS (
    SELECT day, posts FROM desk_page_daily
    WHERE $scope IS NULL AND narrative_id = $narrative_id
    UNION ALL
    SELECT day, posts FROM desk_page_region_days
    WHERE $scope IS NOT NULL AND narrative_id = $narrative_id AND region_code = $scope
)
SELECT g.day::DATE AS day, coalesce(sum(d.posts), 0) AS posts
FROM generate_series($day::DATE - 13, $day::DATE, INTERVAL 1 DAY) g(day)
LEFT JOIN daily d ON d.day = g.day::DATE
GROUP BY 1 ORDER BY 1;
