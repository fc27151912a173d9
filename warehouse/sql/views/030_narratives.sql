-- Narratives across days (docs/narratives.md). Posts keep the narrative they were assigned to;
-- a narrative merged into another (narrative_events 'merged_into') is counted under the one it
-- joined, through narrative_canonical. Spread counts crowd posts (assigned_by new, join, split,
-- duplicate); official clarifications and their re-shares are counted apart.
-- What the narratives view needs (daily spread, first clarification, fact-checks matched by
-- member posts) is read from the marts for refreshed days and from staging for the days changed
-- since (mart_pending_days), like narrative_daily: exact at every moment, and it costs the size
-- of the narrative marts, not of every narrative post.

-- narrative_id → canonical_id: itself, or where it was merged (following chains).
CREATE OR REPLACE VIEW narrative_canonical AS
WITH RECURSIVE chain(narrative_id, canonical_id, depth) AS (
    SELECT narrative_id, narrative_id, 0 FROM narrative_dim
    UNION ALL
    SELECT c.narrative_id, e.other_narrative_id, c.depth + 1
    FROM chain c
    JOIN narrative_events e ON e.narrative_id = c.canonical_id AND e.event = 'merged_into'
    WHERE c.depth < 32
)
SELECT narrative_id, arg_max(canonical_id, depth) AS canonical_id, max(depth) > 0 AS merged
FROM chain GROUP BY narrative_id;

-- One row per narrative post with what the trend views need, under the canonical narrative.
CREATE OR REPLACE VIEW narrative_post_facts AS
SELECT c.canonical_id AS narrative_id, np.narrative_id AS assigned_narrative_id, np.post_id,
       s.day, r.source, r.author, r.shares, np.assigned_by,
       np.assigned_by NOT LIKE 'clarification%' AS spread,
       np.assigned_by = 'clarification' AS clarification,
       coalesce(src.official, false) AS official
FROM narrative_posts np
JOIN narrative_canonical c ON c.narrative_id = np.narrative_id
JOIN stg_posts s ON s.post_id = np.post_id
JOIN raw_posts r ON r.post_id = np.post_id
LEFT JOIN sources src ON src.source = r.source;

-- Posts spreading each canonical narrative per day, and official clarifications published that
-- day: mart_narrative_daily summed over merged narratives, pending days from staging.
-- The pending days' posts are materialised first: there are none on most days, and the joins
-- below then cost nothing (left to the optimiser, they would read every narrative post).
CREATE OR REPLACE VIEW narrative_spread_daily AS
WITH pending_posts AS MATERIALIZED (
    SELECT post_id, day FROM stg_posts WHERE day IN (SELECT day FROM mart_pending_days)
)
SELECT c.canonical_id AS narrative_id, m.day, sum(m.spread_posts)::BIGINT AS posts,
       sum(m.clarifications)::BIGINT AS clarifications
FROM mart_narrative_daily m
JOIN narrative_canonical c USING (narrative_id)
WHERE m.day NOT IN (SELECT day FROM mart_pending_days)
GROUP BY ALL
UNION ALL
SELECT c.canonical_id AS narrative_id, p.day,
       count(*) FILTER (WHERE np.assigned_by NOT LIKE 'clarification%') AS posts,
       count(*) FILTER (WHERE np.assigned_by = 'clarification') AS clarifications
-- A post may join a narrative on a later day than its own batch: match on post_id alone.
FROM pending_posts p
JOIN narrative_posts np ON np.post_id = p.post_id
JOIN narrative_canonical c ON c.narrative_id = np.narrative_id
JOIN raw_posts r ON r.post_id = p.post_id
GROUP BY ALL;

-- Spread per canonical narrative and day: posts, distinct authors and sources, shares (where
-- known), and official clarifications published that day. Live (every narrative post): for
-- distinct counts; posts and clarifications alone are cheaper from narrative_spread_daily.
CREATE OR REPLACE VIEW narrative_activity_daily AS
SELECT narrative_id, day,
       count(*) FILTER (WHERE spread) AS posts,
       count(DISTINCT author) FILTER (WHERE spread) AS authors,
       count(DISTINCT source) FILTER (WHERE spread) AS sources,
       coalesce(sum(shares) FILTER (WHERE spread), 0) AS shares,
       count(shares) FILTER (WHERE spread) AS posts_with_shares,
       count(*) FILTER (WHERE clarification) AS clarifications
FROM narrative_post_facts
GROUP BY ALL;

-- Fact-checks that answer a narrative: linked by centroid in the cluster stage, or matched to a
-- member post by the classify stage (from mart_posts, pending days from staging). `tier`: 'cocok'
-- when a member post was confirmed to it (pipelines/fact_check_match.py), else 'mungkin terkait'
-- (a centroid link or a suggested post match); only 'cocok' counts as countered.
CREATE OR REPLACE VIEW narrative_fact_check_links AS
WITH pending_posts AS MATERIALIZED (  -- materialised first, see narrative_spread_daily
    SELECT post_id FROM stg_posts WHERE day IN (SELECT day FROM mart_pending_days)
), pending_matches AS MATERIALIZED (
    SELECT ps.post_id, ps.fact_check_id, ps.fact_check_similarity, ps.fact_check_tier
    FROM pending_posts p JOIN post_scores ps ON ps.post_id = p.post_id
    WHERE ps.fact_check_id IS NOT NULL
)
SELECT narrative_id, fact_check_id, min(via) AS via, max(similarity) AS similarity,
       any_value(published_at) AS published_at, any_value(verdict) AS verdict,
       CASE WHEN bool_or(tier = 'cocok') THEN 'cocok' ELSE 'mungkin terkait' END AS tier
FROM (
    SELECT c.canonical_id AS narrative_id, l.fact_check_id, l.via, l.similarity,
           'mungkin terkait' AS tier
    FROM narrative_fact_checks l JOIN narrative_canonical c USING (narrative_id)
    UNION ALL
    SELECT c.canonical_id AS narrative_id, m.fact_check_id, 'post' AS via,
           m.fact_check_similarity, m.fact_check_tier
    FROM mart_posts m JOIN narrative_canonical c USING (narrative_id)
    WHERE m.fact_check_id IS NOT NULL AND m.assigned_by NOT LIKE 'clarification%'
      AND m.day NOT IN (SELECT day FROM mart_pending_days)
    UNION ALL
    SELECT c.canonical_id AS narrative_id, x.fact_check_id, 'post' AS via,
           x.fact_check_similarity, x.fact_check_tier
    FROM pending_matches x
    JOIN narrative_posts np ON np.post_id = x.post_id
    JOIN narrative_canonical c ON c.narrative_id = np.narrative_id
    JOIN raw_posts r ON r.post_id = x.post_id
    WHERE np.assigned_by NOT LIKE 'clarification%'
) l
JOIN fact_checks fc USING (fact_check_id)
GROUP BY narrative_id, fact_check_id;

-- Recycled narratives: close to a narrative dormant for a month or more (cluster stage event
-- 'recycled'), or answered by a fact-check published over 90 days before they were first seen.
CREATE OR REPLACE VIEW narrative_recycling AS
WITH first AS (
    SELECT narrative_id, min(day) AS first_seen FROM narrative_spread_daily WHERE posts > 0
    GROUP BY 1
), by_event AS (
    SELECT c.canonical_id AS narrative_id, e.other_narrative_id AS recycled_of, NULL AS fact_check_id,
           e.reason
    FROM narrative_events e JOIN narrative_canonical c USING (narrative_id)
    WHERE e.event = 'recycled'
), by_fact_check AS (
    SELECT l.narrative_id, NULL AS recycled_of, l.fact_check_id,
           'fact-check published ' || strftime(l.published_at::DATE, '%Y-%m-%d')
           || ', ' || (f.first_seen - l.published_at::DATE) || ' days before first sighting'
           AS reason
    FROM narrative_fact_check_links l JOIN first f USING (narrative_id)
    WHERE l.published_at::DATE < f.first_seen - 90
)
SELECT narrative_id, true AS recycled, any_value(recycled_of) AS recycled_of,
       any_value(fact_check_id) AS fact_check_id, string_agg(reason, '; ') AS recycled_reason
FROM (SELECT * FROM by_event UNION ALL SELECT * FROM by_fact_check)
GROUP BY narrative_id;

-- Narrative trend as of a day: volume, growth against the trailing week, its significance, status.
-- posts_recent: the 3 days ending as_of; posts_prior: the 7 days before. Under "no change" the
-- recent share of posts_recent + posts_prior is 3/10, so z_score is a conditional binomial
-- (Poisson rate) test of growth; |z| ≥ 1.96 is significant at 5 %.
CREATE OR REPLACE MACRO narrative_status(as_of) AS TABLE
WITH daily AS (
    SELECT narrative_id, day, posts FROM narrative_spread_daily WHERE day <= as_of AND posts > 0
), agg AS (
    SELECT narrative_id,
           min(day) AS first_seen,
           max(day) AS last_seen,
           sum(posts) AS posts,
           coalesce(sum(posts) FILTER (WHERE day > as_of - 3), 0) AS posts_recent,
           coalesce(sum(posts) FILTER (WHERE day <= as_of - 3 AND day > as_of - 10), 0)
               AS posts_prior
    FROM daily GROUP BY narrative_id
), scored AS (
    SELECT a.*,
           -- daily rate in the last 3 days over the daily rate of the 7 days before
           (a.posts_recent / 3.0) / greatest(a.posts_prior / 7.0, 0.5) AS growth,
           CASE WHEN a.posts_recent + a.posts_prior = 0 THEN 0.0
                ELSE (a.posts_recent - 0.3 * (a.posts_recent + a.posts_prior))
                     / sqrt(0.21 * (a.posts_recent + a.posts_prior)) END AS z_score
    FROM agg a
)
SELECT s.*,
       CASE
           WHEN s.first_seen > as_of - 3 THEN 'emerging'
           WHEN s.last_seen < as_of - 2
                OR ((s.posts_recent / 3.0) < 0.5 * (s.posts_prior / 7.0) AND s.z_score <= -1.64)
               THEN 'fading'
           ELSE 'active'
       END AS status,
       s.z_score >= 1.96 AS accelerating
FROM scored s;

-- Analyst contract: one row per narrative (merged ones under the narrative they joined),
-- status as of the latest day in the warehouse.
CREATE OR REPLACE VIEW narratives AS
SELECT d.narrative_id, d.label, d.keywords, st.first_seen, st.last_seen, st.posts,
       d.hoax_score, d.flagged, st.status, st.growth, st.posts_recent,
       fc.url AS matched_fact_check_url, fc.verdict AS matched_fact_check_verdict,
       d.fact_check_similarity, d.representative_post_id, d.created_day,
       st.z_score, st.accelerating,
       coalesce(rc.recycled, false) AS recycled, rc.recycled_reason,
       coalesce(mc.merged_narratives, 0) AS merged_narratives, cl.first_clarification,
       -- 'cocok': a member post was confirmed to this fact-check; else 'mungkin terkait'
       CASE WHEN cf.fact_check_id IS NOT NULL THEN 'cocok'
            WHEN d.fact_check_id IS NOT NULL THEN 'mungkin terkait' END
           AS matched_fact_check_tier
FROM narrative_dim d
JOIN narrative_status((SELECT max(day) FROM stg_posts)) st USING (narrative_id)
LEFT JOIN (SELECT narrative_id, arg_max(fact_check_id, similarity) AS fact_check_id
           FROM narrative_fact_check_links WHERE tier = 'cocok' GROUP BY 1) cf
    USING (narrative_id)
LEFT JOIN fact_checks fc ON fc.fact_check_id = coalesce(cf.fact_check_id, d.fact_check_id)
LEFT JOIN narrative_recycling rc USING (narrative_id)
LEFT JOIN (SELECT canonical_id AS narrative_id,
                  count(*) FILTER (WHERE merged) AS merged_narratives
           FROM narrative_canonical GROUP BY 1) mc USING (narrative_id)
LEFT JOIN (SELECT narrative_id, min(day) AS first_clarification FROM narrative_spread_daily
           WHERE clarifications > 0 GROUP BY 1) cl USING (narrative_id);
