-- News and official posts as not-hoax training examples (models/feed_training.py): posts from
-- sources declared `platform = 'news'` or `official`; crowd posts are never used unlabelled.
SELECT r.title, r.text, r.source, coalesce(src.official, false) AS official,
       src.platform, strftime(r.published_at, '%Y-%m-%dT%H:%M:%S') AS ts
FROM raw_posts r JOIN sources src ON src.source = r.source
WHERE (src.platform = 'news' OR src.official) AND r.published_at::DATE >= ?::DATE
ORDER BY ts, r.post_id;
