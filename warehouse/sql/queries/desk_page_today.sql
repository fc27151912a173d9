-- The desk's list for a scope ('' the nation) from the precomputed brief_top_narratives.
SELECT * EXCLUDE (scope, rank) FROM desk_page_today WHERE scope = $scope ORDER BY rank;
