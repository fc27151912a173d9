-- Posts for the desk's search index (desk/search.py): those received at or after $since (every
-- post when NULL), oldest day first, so the index's newest rows are the newest posts.
SELECT r.post_id, s.day, r.text
FROM raw_posts r JOIN stg_posts s USING (post_id)
WHERE $since IS NULL OR r.received_at >= $since::TIMESTAMPTZ
ORDER BY s.day, r.post_id;
