-- The posts a desk search found (ids from the search index), with their narrative, newest first.
SELECT r.post_id, s.day, r.source, r.platform, r.text, np.narrative_id,
       d.label AS narrative_label
FROM raw_posts r
JOIN stg_posts s USING (post_id)
LEFT JOIN narrative_posts np USING (post_id)
LEFT JOIN narrative_dim d ON d.narrative_id = np.narrative_id
WHERE r.post_id IN (SELECT unnest($post_ids::VARCHAR[]))
ORDER BY s.day DESC, r.post_id;
