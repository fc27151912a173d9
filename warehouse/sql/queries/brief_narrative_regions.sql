-- Where a narrative spread in the week before $day: provinces (or regencies of $province).
SELECT region_code, region_name, sum(posts) AS posts
FROM narrative_region_daily
WHERE narrative_id = $narrative_id
  AND day BETWEEN $day::DATE - 6 AND $day::DATE
  AND (CASE WHEN $province IS NULL THEN level = 'province'
            ELSE level = 'regency' AND province_code = $province END)
GROUP BY 1, 2
ORDER BY posts DESC, region_code
LIMIT 5;
