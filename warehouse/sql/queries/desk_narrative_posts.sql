-- Sample posts of a narrative: originals first (duplicates and forwards are counted, not
-- shown), most central first, at most $limit.
SELECT m.post_id, m.day, m.source, m.platform, m.assigned_by, m.is_duplicate, m.shares,
       m.hoax_score, m.province_code, m.regency_code, r.text
FROM mart_posts m JOIN raw_posts r USING (post_id)
LEFT JOIN narrative_posts np USING (post_id)
WHERE m.narrative_id = $narrative_id
ORDER BY m.is_duplicate, coalesce(np.similarity, 0) DESC, m.day DESC, m.post_id
LIMIT $limit;
