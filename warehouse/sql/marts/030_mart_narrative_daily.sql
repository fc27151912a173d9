-- mart_narrative_daily: the narrative_daily view, materialised, plus flagged, duplicate,
-- spreading and clarification counts. Recomputed for every day of publication a refreshed
-- batch touched.
DELETE FROM mart_narrative_daily WHERE day IN (SELECT day FROM _affected_days);

INSERT INTO mart_narrative_daily BY NAME
SELECT narrative_id, day, count(*) AS posts, count(DISTINCT author) AS authors,
       sum(shares) AS shares, count(*) FILTER (WHERE flagged) AS flagged_posts,
       count(*) FILTER (WHERE is_duplicate) AS duplicates,
       -- for the narratives view (030_narratives.sql): spread = not a clarification
       count(*) FILTER (WHERE assigned_by NOT LIKE 'clarification%') AS spread_posts,
       count(*) FILTER (WHERE assigned_by = 'clarification') AS clarifications
FROM mart_posts
WHERE narrative_id IS NOT NULL AND day IN (SELECT day FROM _affected_days)
GROUP BY narrative_id, day
ORDER BY day, narrative_id;
