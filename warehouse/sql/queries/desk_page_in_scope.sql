-- desk_narrative_in_scope.sql from the precomputed regions of each narrative.
SELECT EXISTS (
    SELECT 1 FROM desk_page_presence WHERE narrative_id = $narrative_id AND region_code = $scope
) AS in_scope;
