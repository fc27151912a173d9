-- Which of $post_ids are tagged to region $scope (the review queue for a regional office).
SELECT DISTINCT post_id FROM post_regions
WHERE post_id IN (SELECT unnest($post_ids::VARCHAR[])) AND region_code = $scope;
