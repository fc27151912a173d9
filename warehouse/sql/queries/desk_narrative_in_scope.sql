-- Does a narrative have posts tagged to the region $scope (a province or kabupaten/kota)?
-- The desk lets an officer act on a narrative only inside their scope.
SELECT EXISTS (
    SELECT 1 FROM narrative_region_daily
    WHERE narrative_id = $narrative_id AND region_code = $scope
) AS in_scope;
