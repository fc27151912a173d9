-- brief_countered.sql from the precomputed first sightings and clarifications per scope
-- ($scope NULL: the nation). One row, NULLs where the narrative has no posts in the scope.
SELECT c.scope_first_seen, c.first_official, c.official_source, c.official_description,
       f.fact_check_day,
       c.first_official - c.scope_first_seen AS response_lag_days,
       f.fact_check_day - c.scope_first_seen AS fact_check_lag_days,
       c.first_official IS NOT NULL OR f.fact_check_day IS NOT NULL AS countered,
       $day::DATE - c.scope_first_seen AS days_since_first_seen
FROM (SELECT 1) one
LEFT JOIN desk_page_countered c
    ON c.narrative_id = $narrative_id AND c.scope = coalesce($scope, '')
LEFT JOIN desk_page_fact_check_day f ON f.narrative_id = $narrative_id;
