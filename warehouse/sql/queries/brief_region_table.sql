-- Per region (provinces, or regencies of $province): posts of flagged narratives this week and
-- the top narrative there.
WITH weekly AS (
    SELECT n.region_code, n.region_name, n.narrative_id, sum(n.posts) AS posts
    FROM narrative_region_daily n JOIN narrative_dim d USING (narrative_id)
    WHERE d.flagged AND n.day BETWEEN $day::DATE - 6 AND $day::DATE
      AND (CASE WHEN $province IS NULL THEN n.level = 'province'
                ELSE n.level = 'regency' AND n.province_code = $province END)
    GROUP BY 1, 2, 3
)
SELECT w.region_code, w.region_name, sum(w.posts) AS flagged_posts,
       arg_max(d.label, w.posts) AS top_label, arg_max(w.narrative_id, w.posts) AS top_narrative
FROM weekly w JOIN narrative_dim d USING (narrative_id)
GROUP BY 1, 2
ORDER BY flagged_posts DESC, w.region_code;
