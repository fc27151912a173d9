-- desk_narrative_effect.sql from the precomputed narrative_response_effect.
SELECT * FROM desk_page_effect WHERE narrative_id = $narrative_id ORDER BY level, region_code;
