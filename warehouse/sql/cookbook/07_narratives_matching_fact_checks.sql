-- Question: Which narratives match a published fact-check, and did they keep spreading after
--           the fact-check came out?
-- Parameters:
--   as_of  DATE     last day considered (default: the latest day in the warehouse)
--   top_n  INTEGER  narratives listed (default: 50)
-- Columns: narrative_id, label, publisher, verdict, fact_check_url, first_seen, fact_check_day, days_to_fact_check, posts_before, posts_after, share_after
-- Reads: narrative_dim, fact_checks, mart_narrative_daily
WITH params AS (
    SELECT coalesce(getvariable('as_of')::DATE, (SELECT max(day) FROM mart_narrative_daily))
               AS as_of,
           coalesce(getvariable('top_n')::INTEGER, 50) AS top_n
), matched AS (
    SELECT d.narrative_id, d.label, f.publisher, f.verdict, f.url AS fact_check_url,
           (f.published_at AT TIME ZONE 'Asia/Jakarta')::DATE AS fact_check_day
    FROM narrative_dim d JOIN fact_checks f USING (fact_check_id)
)
SELECT m.narrative_id, m.label, m.publisher, m.verdict, m.fact_check_url,
       min(n.day) AS first_seen, m.fact_check_day,
       m.fact_check_day - min(n.day) AS days_to_fact_check,
       coalesce(sum(n.posts) FILTER (WHERE n.day < m.fact_check_day), 0) AS posts_before,
       coalesce(sum(n.posts) FILTER (WHERE n.day >= m.fact_check_day), 0) AS posts_after,
       round(coalesce(sum(n.posts) FILTER (WHERE n.day >= m.fact_check_day), 0)
             / sum(n.posts), 3) AS share_after
FROM matched m
JOIN mart_narrative_daily n USING (narrative_id), params p
WHERE n.day <= p.as_of
GROUP BY m.narrative_id, m.label, m.publisher, m.verdict, m.fact_check_url, m.fact_check_day
ORDER BY posts_after DESC, posts_before DESC, m.narrative_id
LIMIT (SELECT top_n FROM params);
