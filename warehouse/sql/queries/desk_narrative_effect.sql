-- Did the response work, per region, for one narrative (see the narrative_response_effect view).
SELECT * FROM narrative_response_effect
WHERE narrative_id = $narrative_id
ORDER BY level, region_code;
