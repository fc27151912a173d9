-- Flagged narratives active in the scope during the week before $day, ranked by urgency.
-- $scope: NULL for the nation, else a province or regency code.
WITH scoped AS (
    SELECT narrative_id, sum(posts) AS scope_posts,
           sum(posts) FILTER (WHERE day > $day::DATE - 3) AS scope_recent
    FROM narrative_region_daily
    WHERE day BETWEEN $day::DATE - 6 AND $day::DATE
      AND ($scope IS NULL OR region_code = $scope)
    GROUP BY 1
), national AS (
    SELECT narrative_id, sum(posts) AS scope_posts,
           sum(posts) FILTER (WHERE day > $day::DATE - 3) AS scope_recent
    FROM narrative_daily WHERE day BETWEEN $day::DATE - 6 AND $day::DATE GROUP BY 1
)
SELECT d.narrative_id, d.label, d.keywords, d.hoax_score, d.flagged,
       st.status, st.growth, st.first_seen, st.last_seen, st.posts AS total_posts,
       coalesce(sc.scope_posts, 0) AS week_posts, coalesce(sc.scope_recent, 0) AS recent_posts,
       -- urgency: recent volume, weighted by growth and by how likely it is a hoax
       coalesce(sc.scope_recent, 0) * least(greatest(st.growth, 0.25), 4.0)
           * coalesce(d.hoax_score, 0.5) * CASE WHEN d.fact_check_id IS NOT NULL THEN 1.5 ELSE 1 END
           AS urgency,
       rp.text AS rep_text, rp.platform AS rep_platform, rp.source AS rep_source,
       fc.url AS fc_url, fc.verdict AS fc_verdict, fc.title AS fc_title,
       fc.explanation AS fc_explanation, fc.published_at AS fc_published_at
FROM narrative_dim d
JOIN narrative_status($day::DATE) st USING (narrative_id)
JOIN (SELECT * FROM scoped WHERE $scope IS NOT NULL
      UNION ALL SELECT * FROM national WHERE $scope IS NULL) sc USING (narrative_id)
LEFT JOIN raw_posts rp ON rp.post_id = d.representative_post_id
LEFT JOIN fact_checks fc ON fc.fact_check_id = d.fact_check_id
WHERE d.flagged AND sc.scope_posts > 0
ORDER BY urgency DESC, week_posts DESC, d.narrative_id
LIMIT $limit;
