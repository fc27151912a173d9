-- Posts of a narrative per region and day over the 14 days ending $day: provinces, or the
-- kabupaten/kota of $province.
SELECT region_code, any_value(region_name) AS region_name, day, sum(posts) AS posts
FROM narrative_region_daily
WHERE narrative_id = $narrative_id AND day BETWEEN $day::DATE - 13 AND $day::DATE
  AND (CASE WHEN $province IS NULL THEN level = 'province'
            ELSE level = 'regency' AND province_code = $province END)
GROUP BY region_code, day
ORDER BY region_code, day;
