-- Fact-check candidates of a narrative: every fact-check linked to it (by centroid or through
-- a member post), best first, with how it was found (via) and its similarity.
SELECT l.fact_check_id, l.via, l.similarity, fc.verdict, fc.title, fc.claim, fc.url,
       fc.publisher, fc.published_at, fc.explanation
FROM narrative_fact_check_links l JOIN fact_checks fc USING (fact_check_id)
WHERE l.narrative_id = $narrative_id
ORDER BY l.similarity DESC NULLS LAST, l.fact_check_id
LIMIT 10;
