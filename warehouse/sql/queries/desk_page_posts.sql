-- desk_narrative_posts.sql from the precomputed sample (10 per narrative), at most $limit.
SELECT p.post_id, p.day, p.source, p.platform, p.assigned_by, p.is_duplicate, p.shares,
       p.hoax_score, p.province_code, p.regency_code, t.text
FROM desk_page_posts p JOIN desk_page_post_texts t USING (post_id)
WHERE p.narrative_id = $narrative_id
ORDER BY p.rank
LIMIT $limit;
