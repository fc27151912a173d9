-- Post search for the desk: case-insensitive substring match over post text ($pattern is a
-- LIKE pattern built with escaped % and _), newest first. A scan: see docs/desk.md for limits.
SELECT r.post_id, s.day, r.source, r.platform, r.text, np.narrative_id,
       d.label AS narrative_label
FROM raw_posts r
JOIN stg_posts s USING (post_id)
LEFT JOIN narrative_posts np USING (post_id)
LEFT JOIN narrative_dim d ON d.narrative_id = np.narrative_id
WHERE r.text ILIKE $pattern ESCAPE '\'
ORDER BY s.day DESC, r.post_id
LIMIT $limit;
