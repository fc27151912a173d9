-- Daily posts of a narrative over the 14 days ending $day, zeros included.
SELECT g.day::DATE AS day, coalesce(sum(n.posts), 0) AS posts
FROM generate_series($day::DATE - 13, $day::DATE, INTERVAL 1 DAY) g(day)
LEFT JOIN narrative_region_daily n
       ON n.day = g.day::DATE AND n.narrative_id = $narrative_id
      AND ($scope IS NULL AND n.level = 'province' OR n.region_code = $scope)
GROUP BY 1 ORDER BY 1;
