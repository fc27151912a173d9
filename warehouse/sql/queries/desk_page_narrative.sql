-- desk_narrative.sql from the table publish precomputed (desk_pages_refresh.sql).
SELECT * FROM desk_page_narrative WHERE narrative_id = $narrative_id;
