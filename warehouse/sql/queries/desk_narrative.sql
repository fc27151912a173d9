-- One narrative for the desk's narrative page: label, claim (its representative post), model
-- score, the fact-check answering it (a desk confirmation overrides the model's match, see
-- narrative_fact_check_effective), and how many posts, duplicates and forwards it has.
WITH counts AS (
    SELECT count(*) FILTER (WHERE assigned_by NOT LIKE 'clarification%') AS posts,
           count(*) FILTER (WHERE is_duplicate) AS duplicates,
           coalesce(sum(shares), 0) AS forwards,
           count(DISTINCT source) AS sources
    FROM mart_posts WHERE narrative_id = $narrative_id
)
SELECT d.narrative_id, d.label, d.keywords, d.hoax_score, d.flagged, d.created_day,
       d.updated_day, d.n_members, c.canonical_id,
       rp.text AS rep_text, rp.platform AS rep_platform, rp.source AS rep_source,
       rs.day AS rep_day,
       fe.fact_check_id, fe.decided_by AS fc_decided_by, fe.similarity AS fc_similarity,
       fc.url AS fc_url, fc.verdict AS fc_verdict, fc.title AS fc_title, fc.claim AS fc_claim,
       fc.publisher AS fc_publisher, fc.explanation AS fc_explanation,
       fc.published_at AS fc_published_at,
       n.posts, n.duplicates, n.forwards, n.sources
FROM narrative_dim d
LEFT JOIN narrative_canonical c USING (narrative_id)
LEFT JOIN raw_posts rp ON rp.post_id = d.representative_post_id
LEFT JOIN stg_posts rs ON rs.post_id = d.representative_post_id
LEFT JOIN narrative_fact_check_effective fe USING (narrative_id)
LEFT JOIN fact_checks fc ON fc.fact_check_id = fe.fact_check_id
CROSS JOIN counts n
WHERE d.narrative_id = $narrative_id;
