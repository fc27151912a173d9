-- Labels of a few narratives by id (links on the desk's pages).
SELECT narrative_id, label FROM narrative_dim
WHERE narrative_id IN (SELECT unnest($ids::VARCHAR[]));
