-- Narrative trend as of a given day: counts, growth against the trailing week, status.
CREATE OR REPLACE MACRO narrative_status(as_of) AS TABLE
WITH daily AS (
    SELECT narrative_id, day, posts FROM narrative_daily WHERE day <= as_of
), agg AS (
    SELECT narrative_id,
           min(day) AS first_seen,
           max(day) AS last_seen,
           sum(posts) AS posts,
           coalesce(sum(posts) FILTER (WHERE day > as_of - 3), 0) AS posts_recent,
           coalesce(sum(posts) FILTER (WHERE day <= as_of - 3 AND day > as_of - 10), 0) AS posts_prior
    FROM daily GROUP BY narrative_id
)
SELECT a.*,
       -- daily rate in the last 3 days over the daily rate of the 7 days before
       (a.posts_recent / 3.0) / greatest(a.posts_prior / 7.0, 0.5) AS growth,
       CASE
           WHEN a.first_seen > as_of - 3 THEN 'emerging'
           WHEN a.last_seen < as_of - 2
                OR (a.posts_recent / 3.0) < 0.5 * (a.posts_prior / 7.0) THEN 'fading'
           ELSE 'active'
       END AS status
FROM agg a;

-- Analyst contract: one row per narrative, status as of the latest day in the warehouse.
CREATE OR REPLACE VIEW narratives AS
SELECT d.narrative_id, d.label, d.keywords, st.first_seen, st.last_seen, st.posts,
       d.hoax_score, d.flagged, st.status, st.growth, st.posts_recent,
       fc.url AS matched_fact_check_url, fc.verdict AS matched_fact_check_verdict,
       d.fact_check_similarity, d.representative_post_id, d.created_day
FROM narrative_dim d
JOIN narrative_status((SELECT max(day) FROM stg_posts)) st USING (narrative_id)
LEFT JOIN fact_checks fc ON fc.fact_check_id = d.fact_check_id;
