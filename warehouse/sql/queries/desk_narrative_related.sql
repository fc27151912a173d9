-- Narratives related to one: merged into it or it into them, split from it, recycled (events
-- of the cluster stage), and the most similar others by centroid.
SELECT 'event' AS kind, e.event, e.day,
       CASE WHEN e.narrative_id = $narrative_id THEN e.other_narrative_id ELSE e.narrative_id
       END AS other_id,
       e.reason, NULL::DOUBLE AS similarity
FROM narrative_events e
WHERE (e.narrative_id = $narrative_id OR e.other_narrative_id = $narrative_id)
  AND e.event <> 'created'
UNION ALL
SELECT * FROM (
    SELECT 'similar' AS kind, 'similar' AS event, o.updated_day AS day, o.narrative_id AS other_id,
           NULL AS reason, list_cosine_similarity(o.centroid, me.centroid) AS similarity
    FROM narrative_dim o, (SELECT centroid FROM narrative_dim WHERE narrative_id = $narrative_id) me
    WHERE o.narrative_id <> $narrative_id AND o.centroid IS NOT NULL AND me.centroid IS NOT NULL
      AND len(o.centroid) = len(me.centroid)
    ORDER BY similarity DESC NULLS LAST, other_id
    LIMIT 5
)
ORDER BY kind, day, other_id;
