-- Flagged narratives active in the scope during the week ending $day, ranked by urgency.
-- $scope: NULL for the nation, else a province or regency code. Status and growth are computed
-- inside the scope: a narrative that has just reached a province is "emerging" there.
WITH daily AS (
    SELECT narrative_id, day, posts FROM narrative_daily
    WHERE $scope IS NULL AND day <= $day::DATE
    UNION ALL
    SELECT narrative_id, day, sum(posts) AS posts FROM narrative_region_daily
    WHERE $scope IS NOT NULL AND region_code = $scope AND day <= $day::DATE
    GROUP BY 1, 2
), scoped AS (
    SELECT narrative_id,
           min(day) AS scope_first_seen,
           max(day) AS scope_last_seen,
           coalesce(sum(posts) FILTER (WHERE day > $day::DATE - 7), 0) AS week_posts,
           coalesce(sum(posts) FILTER (WHERE day > $day::DATE - 3), 0) AS recent_posts,
           coalesce(sum(posts) FILTER (WHERE day <= $day::DATE - 3 AND day > $day::DATE - 10), 0)
               AS prior_posts,
           coalesce(sum(posts) FILTER (WHERE day > $day::DATE - 14 AND day <= $day::DATE - 7), 0)
               AS previous_week_posts,
           sum(posts) AS total_posts
    FROM daily GROUP BY 1
), ranked AS (
    SELECT s.*,
           -- daily rate in the last 3 days over the daily rate of the 7 days before
           (s.recent_posts / 3.0) / greatest(s.prior_posts / 7.0, 0.5) AS growth,
           CASE WHEN s.scope_first_seen > $day::DATE - 3 THEN 'emerging'
                WHEN s.recent_posts > 0 AND (s.recent_posts / 3.0) >= (s.prior_posts / 7.0)
                    THEN 'rising'
                ELSE 'falling' END AS status
    FROM scoped s WHERE s.week_posts > 0
), rep AS (
    -- the quoted post: the narrative's representative if it lies in the scope and week, else
    -- the most central original (non-duplicate) post of the scope that week
    SELECT np.narrative_id,
           arg_max(np.post_id, (CASE WHEN np.post_id = d.representative_post_id THEN 1 ELSE 0 END,
                                coalesce(np.similarity, 0), s.day, np.post_id)) AS post_id
    FROM narrative_posts np
    JOIN narrative_dim d USING (narrative_id)
    JOIN stg_posts s USING (post_id)
    WHERE d.flagged AND s.day BETWEEN $day::DATE - 6 AND $day::DATE
      AND s.duplicate_of IS NULL
      AND ($scope IS NULL OR EXISTS (SELECT 1 FROM post_regions pr
                                     WHERE pr.post_id = np.post_id AND pr.region_code = $scope))
    GROUP BY 1
)
SELECT d.narrative_id, d.label, d.keywords, d.hoax_score, d.flagged,
       r.status, r.growth, r.scope_first_seen AS first_seen, r.scope_last_seen AS last_seen,
       r.total_posts, r.week_posts, r.recent_posts, r.prior_posts, r.previous_week_posts,
       -- urgency: recent volume, weighted by growth and by how likely it is a hoax; a match
       -- with a published fact-check makes it more certain, so more urgent to counter
       r.recent_posts * least(greatest(r.growth, 0.25), 4.0) * coalesce(d.hoax_score, 0.5)
           * CASE WHEN fe.fact_check_id IS NOT NULL THEN 1.5 ELSE 1 END AS urgency,
       coalesce(p.text, rp.text) AS rep_text,
       coalesce(p.platform, ps_src.platform, rp.platform, rp_src.platform) AS rep_platform,
       coalesce(p.source, rp.source) AS rep_source,
       coalesce(ps.day, rps.day) AS rep_day,
       fc.url AS fc_url, fc.verdict AS fc_verdict, fc.title AS fc_title, fc.claim AS fc_claim,
       fc.publisher AS fc_publisher, fc.explanation AS fc_explanation,
       fc.published_at AS fc_published_at, coalesce(cf.similarity, fe.similarity) AS fc_similarity,
       fe.decided_by AS fc_decided_by,
       -- a confirmed match ('cocok', or confirmed at the desk) is shown as the debunk; the
       -- centroid link as a suggestion
       CASE WHEN fe.decided_by = 'desk' OR cf.fact_check_id IS NOT NULL THEN 'cocok'
            WHEN fe.fact_check_id IS NOT NULL THEN 'mungkin terkait' END AS fc_tier,
       -- totals over every active flagged narrative, not only the $limit listed
       count(*) OVER () AS active_total,
       count(*) FILTER (WHERE r.status = 'emerging') OVER () AS emerging_total,
       sum(r.week_posts) OVER () AS posts_total
FROM ranked r
JOIN narrative_dim d USING (narrative_id)
LEFT JOIN rep USING (narrative_id)
LEFT JOIN raw_posts p ON p.post_id = rep.post_id
LEFT JOIN stg_posts ps ON ps.post_id = rep.post_id
LEFT JOIN sources ps_src ON ps_src.source = p.source
LEFT JOIN raw_posts rp ON rp.post_id = d.representative_post_id
LEFT JOIN stg_posts rps ON rps.post_id = d.representative_post_id
LEFT JOIN sources rp_src ON rp_src.source = rp.source
-- the model's match, or the one a verifier confirmed at the desk (views/060_desk.sql)
LEFT JOIN narrative_fact_check_effective fe USING (narrative_id)
LEFT JOIN (SELECT narrative_id, arg_max(fact_check_id, similarity) AS fact_check_id,
                  max(similarity) AS similarity
           FROM narrative_fact_check_links l
           WHERE tier = 'cocok' AND (published_at IS NULL OR published_at::DATE <= $day::DATE)
             AND NOT EXISTS (SELECT 1 FROM desk_match_decisions rj
                             WHERE rj.narrative_id = l.narrative_id
                               AND rj.fact_check_id = l.fact_check_id
                               AND rj.decision = 'rejected')
           GROUP BY 1) cf USING (narrative_id)
LEFT JOIN fact_checks fc ON fc.fact_check_id = CASE WHEN fe.decided_by = 'desk'
                                                    THEN fe.fact_check_id
                                                    ELSE coalesce(cf.fact_check_id, fe.fact_check_id) END
WHERE d.flagged
ORDER BY urgency DESC, r.week_posts DESC, d.narrative_id
LIMIT $limit;
