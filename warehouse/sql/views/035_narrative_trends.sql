-- Narratives by region: daily spread, response to them ("countered yet?"), urgency.
-- Regions come from post_regions: a regency tag also carries its province tag, so every
-- narrative × province and narrative × regency pair has its own rows. Narratives are canonical
-- (merged ones under the narrative they joined; see 030_narratives.sql).

-- Per narrative × region × day: crowd posts, distinct authors and sources, shares where known,
-- and official clarifications tagged to the region.
CREATE OR REPLACE VIEW narrative_region_activity AS
SELECT f.narrative_id, pr.region_code, rg.name AS region_name, pr.level, pr.province_code, f.day,
       count(*) FILTER (WHERE f.spread) AS posts,
       count(DISTINCT f.author) FILTER (WHERE f.spread) AS authors,
       count(DISTINCT f.source) FILTER (WHERE f.spread) AS sources,
       coalesce(sum(f.shares) FILTER (WHERE f.spread), 0) AS shares,
       count(f.shares) FILTER (WHERE f.spread) AS posts_with_shares,
       count(*) FILTER (WHERE f.clarification) AS clarifications
FROM narrative_post_facts f
JOIN post_regions pr USING (post_id)
JOIN regions rg ON rg.code = pr.region_code
GROUP BY ALL;

-- "Countered yet?" as of a day, per narrative and region: when it was first seen there, the
-- first official clarification tagged to the region (an official source's post linked to the
-- narrative), the response lag in days, whether the region is still unanswered, and the first
-- fact-check (national) that answers the narrative.
CREATE OR REPLACE MACRO narrative_region_response_asof(as_of) AS TABLE
WITH spread AS (
    SELECT narrative_id, region_code, any_value(region_name) AS region_name,
           any_value(level) AS level, any_value(province_code) AS province_code,
           min(day) AS first_seen, max(day) AS last_seen, sum(posts) AS posts
    FROM narrative_region_activity WHERE day <= as_of AND posts > 0 GROUP BY 1, 2
), answer AS (
    SELECT f.narrative_id, pr.region_code, min(f.day) AS first_clarification,
           arg_min(f.source, (f.day, f.source)) AS clarified_by,
           count(*) AS clarifications
    FROM narrative_post_facts f JOIN post_regions pr USING (post_id)
    WHERE f.clarification AND f.day <= as_of
    GROUP BY 1, 2
), checked AS (
    SELECT narrative_id, min(published_at::DATE) AS first_fact_check,
           arg_min(fact_check_id, published_at) AS fact_check_id
    FROM narrative_fact_check_links  -- only confirmed matches count (tiers: 030_narratives.sql)
    WHERE published_at::DATE <= as_of AND tier = 'cocok' GROUP BY 1
)
SELECT s.narrative_id, s.region_code, s.region_name, s.level, s.province_code,
       s.first_seen, s.last_seen, s.posts,
       a.first_clarification, a.clarified_by, coalesce(a.clarifications, 0) AS clarifications,
       a.first_clarification - s.first_seen AS response_lag_days,
       a.first_clarification IS NULL AS uncountered,
       as_of - s.first_seen AS days_since_first_seen,
       c.first_fact_check, c.fact_check_id
FROM spread s
LEFT JOIN answer a USING (narrative_id, region_code)
LEFT JOIN checked c USING (narrative_id);

CREATE OR REPLACE VIEW narrative_region_response AS
SELECT * FROM narrative_region_response_asof((SELECT max(day) FROM stg_posts));

-- Urgency of each narrative in a scope as of a day. scope: NULL for the nation, else a province
-- or regency code. Velocity is tested twice, each as a conditional binomial (Poisson rate) z:
--   z_own    — the last 3 days against the narrative's own previous 7 days in the scope
--              (no change: 3/10 of the 10 days' posts fall in the last 3);
--   z_region — the same split against the scope's whole traffic (all posts tagged to it), so a
--              region that simply posts more this week does not make every narrative "grow".
-- urgency = reach × velocity × harm × response × status, where
--   reach    = ln(1 + posts_recent) + 0.5 · ln(1 + sources_recent)
--   velocity = 1 + 0.5 · clamp(z_own, 0, 4) + 0.25 · clamp(z_region, 0, 4)
--   harm     = (0.5 + hoax_score, 1 when unscored) × 1.25 if a fact-check answers it
--   response = 1.5 while the scope has no official clarification, else 1
--   status   = 0.5 when fading, else 1
-- so a small narrative growing fast in an unanswered region outranks a big one already fading.
CREATE OR REPLACE MACRO narrative_urgency(as_of, scope) AS TABLE
WITH posts_in_scope AS (
    SELECT f.narrative_id, f.post_id, f.day, f.source, f.author, f.shares, f.spread,
           f.clarification
    FROM narrative_post_facts f
    WHERE f.day <= as_of AND f.day > as_of - 10
      AND (scope IS NULL OR f.post_id IN (SELECT post_id FROM post_regions
                                          WHERE region_code = scope))
), agg AS (
    SELECT narrative_id,
           count(*) FILTER (WHERE spread AND day > as_of - 3) AS posts_recent,
           count(*) FILTER (WHERE spread AND day <= as_of - 3) AS posts_prior,
           count(DISTINCT author) FILTER (WHERE spread AND day > as_of - 3) AS authors_recent,
           count(DISTINCT source) FILTER (WHERE spread AND day > as_of - 3) AS sources_recent,
           coalesce(sum(shares) FILTER (WHERE spread AND day > as_of - 3), 0) AS shares_recent
    FROM posts_in_scope GROUP BY 1
), traffic AS (
    SELECT count(*) FILTER (WHERE s.day > as_of - 3) + 1 AS recent,
           count(*) FILTER (WHERE s.day <= as_of - 3) + 1 AS prior
    FROM stg_posts s
    WHERE s.day <= as_of AND s.day > as_of - 10
      AND (scope IS NULL OR s.post_id IN (SELECT post_id FROM post_regions
                                          WHERE region_code = scope))
), spread_regions AS (
    SELECT f.narrative_id, count(DISTINCT pr.region_code) AS regions_recent
    FROM posts_in_scope f JOIN post_regions pr USING (post_id)
    WHERE f.spread AND f.day > as_of - 3
      AND (CASE WHEN scope IS NULL THEN pr.level = 'province'
                ELSE pr.province_code = scope AND pr.level = 'regency' END)
    GROUP BY 1
), answered AS (
    SELECT f.narrative_id, min(f.day) AS first_clarification
    FROM narrative_post_facts f
    WHERE f.clarification AND f.day <= as_of
      AND (scope IS NULL OR f.post_id IN (SELECT post_id FROM post_regions
                                          WHERE region_code = scope))
    GROUP BY 1
), checked AS (
    SELECT DISTINCT narrative_id FROM narrative_fact_check_links
    WHERE (published_at IS NULL OR published_at::DATE <= as_of) AND tier = 'cocok'
), scored AS (
    SELECT a.*, st.status, st.first_seen, st.last_seen, st.posts AS posts_total,
           (a.posts_recent / 3.0) / greatest(a.posts_prior / 7.0, 0.5) AS growth,
           CASE WHEN a.posts_recent + a.posts_prior = 0 THEN 0.0
                ELSE (a.posts_recent - 0.3 * (a.posts_recent + a.posts_prior))
                     / sqrt(0.21 * (a.posts_recent + a.posts_prior)) END AS z_own,
           CASE WHEN a.posts_recent + a.posts_prior = 0 THEN 0.0
                ELSE (a.posts_recent - (t.recent / (t.recent + t.prior))
                                       * (a.posts_recent + a.posts_prior))
                     / sqrt((a.posts_recent + a.posts_prior) * (t.recent / (t.recent + t.prior))
                            * (t.prior / (t.recent + t.prior))) END AS z_region,
           coalesce(r.regions_recent, 0) AS regions_recent,
           ans.first_clarification, ans.first_clarification IS NOT NULL AS countered,
           ch.narrative_id IS NOT NULL AS fact_checked,
           d.label, d.keywords, d.hoax_score, d.flagged, d.representative_post_id,
           coalesce(rc.recycled, false) AS recycled
    FROM agg a
    CROSS JOIN traffic t
    JOIN narrative_status(as_of) st USING (narrative_id)
    JOIN narrative_dim d USING (narrative_id)
    LEFT JOIN spread_regions r USING (narrative_id)
    LEFT JOIN answered ans USING (narrative_id)
    LEFT JOIN checked ch USING (narrative_id)
    LEFT JOIN narrative_recycling rc USING (narrative_id)
    WHERE a.posts_recent + a.posts_prior > 0
), ranked AS (
    SELECT *,
           round((ln(1 + posts_recent) + 0.5 * ln(1 + sources_recent))
                 * (1 + 0.5 * least(greatest(z_own, 0), 4) + 0.25 * least(greatest(z_region, 0), 4))
                 * (0.5 + coalesce(hoax_score, 0.5)) * (CASE WHEN fact_checked THEN 1.25 ELSE 1 END)
                 * (CASE WHEN countered THEN 1.0 ELSE 1.5 END)
                 * (CASE WHEN status = 'fading' THEN 0.5 ELSE 1.0 END), 4) AS urgency
    FROM scored
)
SELECT narrative_id, label, keywords, status, first_seen, last_seen, posts_total, posts_recent,
       posts_prior, growth, round(z_own, 3) AS z_own, round(z_region, 3) AS z_region,
       authors_recent, sources_recent, shares_recent, regions_recent, hoax_score, flagged,
       fact_checked, countered, first_clarification, recycled, representative_post_id, urgency,
       row_number() OVER (ORDER BY urgency DESC, posts_recent DESC, narrative_id) AS urgency_rank
FROM ranked;
