-- desk_narrative_fact_checks.sql from the precomputed candidates.
SELECT fact_check_id, via, similarity, verdict, title, claim, url, publisher, published_at,
       explanation
FROM desk_page_fact_checks WHERE narrative_id = $narrative_id ORDER BY rank;
