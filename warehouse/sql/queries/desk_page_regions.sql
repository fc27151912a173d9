-- desk_narrative_regions.sql from the precomputed 14 days (provinces, or the kabupaten/kota
-- of $province).
SELECT region_code, region_name, day, posts
FROM desk_page_region_days
WHERE narrative_id = $narrative_id AND day BETWEEN $day::DATE - 13 AND $day::DATE
  AND (CASE WHEN $province IS NULL THEN level = 'province'
            ELSE level = 'regency' AND province_code = $province END)
ORDER BY region_code, day;
