-- Question: Which sources send records we cannot use, and why?
-- Parameters:
--   as_of  DATE     last batch day considered (default: the latest batch day)
--   days   INTEGER  length of the window in days (default: 30)
-- Columns: source, reason_class, quarantined, example_reason, share_of_source_records, first_day, last_day
-- Reads: quarantine, mart_posts
WITH params AS (
    SELECT coalesce(getvariable('as_of')::DATE, (SELECT max(batch_day) FROM quarantine))
               AS as_of,
           coalesce(getvariable('days')::INTEGER, 30) AS days
), q AS (
    SELECT coalesce(q.source, '(unknown: unparseable record)') AS source,
           -- the reason up to its first colon: "invalid JSON: Expecting …" → "invalid JSON"
           trim(split_part(q.reason, ':', 1)) AS reason_class,
           q.reason, q.batch_day
    FROM quarantine q, params p
    WHERE q.batch_day BETWEEN p.as_of - p.days + 1 AND p.as_of
), accepted AS (
    SELECT m.source, count(*) AS posts
    FROM mart_posts m, params p
    WHERE m.batch_day BETWEEN p.as_of - p.days + 1 AND p.as_of
    GROUP BY 1
), per_source AS (
    SELECT source, count(*) AS source_quarantined FROM q GROUP BY 1
)
SELECT q.source, q.reason_class, count(*) AS quarantined, min(q.reason) AS example_reason,
       round(count(*) / (any_value(ps.source_quarantined) + coalesce(any_value(a.posts), 0)),
             4) AS share_of_source_records,
       min(q.batch_day) AS first_day, max(q.batch_day) AS last_day
FROM q
JOIN per_source ps USING (source)
LEFT JOIN accepted a USING (source)
GROUP BY q.source, q.reason_class
ORDER BY quarantined DESC, q.source, q.reason_class;
