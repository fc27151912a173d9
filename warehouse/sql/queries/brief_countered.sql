-- First official clarification of a narrative in the scope (official source posts in the
-- narrative, or a fact-check matched to it), and the response lag from first sighting.
WITH first_seen AS (
    SELECT min(day) AS day FROM narrative_region_daily
    WHERE narrative_id = $narrative_id AND ($scope IS NULL OR region_code = $scope)
), official AS (
    SELECT min(s.day) AS day FROM narrative_posts np
    JOIN stg_posts s USING (post_id) JOIN raw_posts r USING (post_id)
    JOIN sources src ON src.source = r.source AND src.official
    LEFT JOIN post_regions pr ON pr.post_id = np.post_id
    WHERE np.narrative_id = $narrative_id AND s.day <= $day::DATE
      AND ($scope IS NULL OR pr.region_code = $scope)
), fact_check AS (
    SELECT min(fc.published_at)::DATE AS day FROM narrative_dim d
    JOIN fact_checks fc ON fc.fact_check_id = d.fact_check_id
    WHERE d.narrative_id = $narrative_id AND fc.published_at::DATE <= $day::DATE
)
SELECT f.day AS first_seen, o.day AS first_official, fc.day AS fact_check_day,
       CASE WHEN o.day IS NOT NULL THEN o.day - f.day END AS response_lag_days
FROM first_seen f, official o, fact_check fc;
