-- The counter-message the desk approved for a narrative in the scope ($scope NULL: national),
-- the latest one; for a region, its own, else one for its province, else a national one.
-- Approved when the briefing is written counts (also for a rerun of an earlier day): the
-- briefing carries what the office has signed off.
SELECT m.text, m.approved_by, m.approved_at, m.region_code
FROM desk_counter_messages m
WHERE m.narrative_id = $narrative_id AND m.status = 'approved'
  AND (m.region_code IS NULL
       OR ($scope IS NOT NULL AND ($scope = m.region_code OR $scope LIKE m.region_code || '.%')))
ORDER BY length(coalesce(m.region_code, '')) DESC, m.approved_at DESC
LIMIT 1;
