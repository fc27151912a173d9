-- Human labels joined to their post text (models/feed_training.py); they override the feeds.
SELECT coalesce(r.text, l.text) AS text, l.label,
       coalesce(strftime(r.published_at, '%Y-%m-%dT%H:%M:%S'),
                strftime(l.labelled_at, '%Y-%m-%dT%H:%M:%S'), '') AS ts,
       coalesce(r.source, 'label') AS source
FROM labels l LEFT JOIN raw_posts r ON r.post_id = l.post_id
WHERE coalesce(r.text, l.text) IS NOT NULL
ORDER BY ts, l.label_id;
