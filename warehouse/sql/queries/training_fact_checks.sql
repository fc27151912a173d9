-- Fact-checks as training examples (models/feed_training.py): the claim (with the narrative it
-- quotes), the verdict, who published it, when; newest last.
SELECT claim, verdict, publisher,
       coalesce(strftime(published_at, '%Y-%m-%dT%H:%M:%S'), '') AS ts
FROM fact_checks
WHERE claim IS NOT NULL AND coalesce(published_at::DATE, batch_day) >= ?::DATE
ORDER BY ts, fact_check_id;
