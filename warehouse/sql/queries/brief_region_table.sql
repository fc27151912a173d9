-- Per region (provinces, or the regencies of $province): posts of flagged narratives in the week
-- ending $day and in the week before, how many flagged narratives, and the top one there.
-- effect_*: did the response to the top narrative work there (view narrative_response_effect).
WITH weekly AS (
    SELECT n.region_code, n.region_name, n.narrative_id,
           sum(n.posts) FILTER (WHERE n.day > $day::DATE - 7) AS posts,
           sum(n.posts) FILTER (WHERE n.day <= $day::DATE - 7) AS previous_posts
    FROM narrative_region_daily n JOIN narrative_dim d USING (narrative_id)
    WHERE d.flagged AND n.day BETWEEN $day::DATE - 13 AND $day::DATE
      AND (CASE WHEN $province IS NULL THEN n.level = 'province'
                ELSE n.level = 'regency' AND n.province_code = $province END)
    GROUP BY 1, 2, 3
), by_region AS (
SELECT w.region_code, w.region_name,
       coalesce(sum(w.posts), 0) AS flagged_posts,
       coalesce(sum(w.previous_posts), 0) AS previous_posts,
       count(*) FILTER (WHERE w.posts > 0) AS narratives,
       arg_max(d.label, w.posts) FILTER (WHERE w.posts > 0) AS top_label,
       arg_max(w.narrative_id, w.posts) FILTER (WHERE w.posts > 0) AS top_narrative
FROM weekly w JOIN narrative_dim d USING (narrative_id)
GROUP BY 1, 2
HAVING coalesce(sum(w.posts), 0) > 0
)
SELECT o.*, e.assessment AS effect_assessment, e.change AS effect_change,
       e.change_low AS effect_low, e.change_high AS effect_high
FROM by_region o
LEFT JOIN narrative_response_effect e
    ON e.narrative_id = o.top_narrative AND e.region_code = o.region_code
ORDER BY o.flagged_posts DESC, o.region_code;
