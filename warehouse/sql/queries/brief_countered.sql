-- Has a narrative been countered in the scope, and how fast? The first official clarification
-- (a post from an official source that joined the narrative) and the first confirmed fact-check,
-- each up to $day, and the lag from the narrative's first sighting in the scope.
WITH first_seen AS (
    SELECT min(s.day) AS day FROM narrative_posts np JOIN stg_posts s USING (post_id)
    WHERE np.narrative_id = $narrative_id AND s.day <= $day::DATE
      AND ($scope IS NULL OR EXISTS (SELECT 1 FROM post_regions pr
                                     WHERE pr.post_id = np.post_id AND pr.region_code = $scope))
), official AS (
    SELECT min(s.day) AS day, arg_min(r.source, (s.day, r.published_at)) AS source,
           arg_min(src.description, (s.day, r.published_at)) AS description
    FROM narrative_posts np
    JOIN stg_posts s USING (post_id) JOIN raw_posts r USING (post_id)
    JOIN sources src ON src.source = r.source AND src.official
    WHERE np.narrative_id = $narrative_id AND s.day <= $day::DATE
      AND ($scope IS NULL OR EXISTS (SELECT 1 FROM post_regions pr
                                     WHERE pr.post_id = np.post_id AND pr.region_code = $scope))
), fact_check AS (
    -- confirmed matches only ('cocok', or confirmed by a verifier at the desk): a 'mungkin
    -- terkait' suggestion does not counter a narrative; a match rejected at the desk does not
    SELECT min(day) AS day FROM (
        SELECT l.published_at::DATE AS day FROM narrative_fact_check_links l
        WHERE l.narrative_id = $narrative_id AND l.tier = 'cocok'
          AND l.published_at::DATE <= $day::DATE
          AND NOT EXISTS (SELECT 1 FROM desk_match_decisions rj
                          WHERE rj.narrative_id = l.narrative_id
                            AND rj.fact_check_id = l.fact_check_id AND rj.decision = 'rejected')
        UNION ALL
        SELECT fc.published_at::DATE FROM narrative_fact_check_effective d
        JOIN fact_checks fc ON fc.fact_check_id = d.fact_check_id
        WHERE d.narrative_id = $narrative_id AND d.decided_by = 'desk'
          AND fc.published_at::DATE <= $day::DATE
    )
)
SELECT f.day AS scope_first_seen, o.day AS first_official, o.source AS official_source,
       o.description AS official_description,
       fc.day AS fact_check_day,
       o.day - f.day AS response_lag_days,
       -- negative when the fact-check predates the narrative (an old hoax resurfacing)
       fc.day - f.day AS fact_check_lag_days,
       o.day IS NOT NULL OR fc.day IS NOT NULL AS countered,
       $day::DATE - f.day AS days_since_first_seen
FROM first_seen f, official o, fact_check fc;
