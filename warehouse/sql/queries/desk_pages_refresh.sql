-- The desk's narrative pages, precomputed for every narrative as of $day (desk/pages.py runs
-- this inside publish, before the snapshot is copied). Each table replaces the per-request
-- query named in its comment; the page queries desk_page_*.sql read them.

-- desk_narrative, for every narrative
CREATE OR REPLACE TABLE desk_page_narrative AS
WITH counts AS (
    SELECT narrative_id,
           count(*) FILTER (WHERE assigned_by NOT LIKE 'clarification%') AS posts,
           count(*) FILTER (WHERE is_duplicate) AS duplicates,
           coalesce(sum(shares), 0) AS forwards,
           count(DISTINCT source) AS sources
    FROM mart_posts WHERE narrative_id IS NOT NULL GROUP BY 1
)
SELECT d.narrative_id, d.label, d.keywords, d.hoax_score, d.flagged, d.created_day,
       d.updated_day, d.n_members, c.canonical_id,
       rp.text AS rep_text, rp.platform AS rep_platform, rp.source AS rep_source,
       rs.day AS rep_day,
       fe.fact_check_id, fe.decided_by AS fc_decided_by, fe.similarity AS fc_similarity,
       fc.url AS fc_url, fc.verdict AS fc_verdict, fc.title AS fc_title, fc.claim AS fc_claim,
       fc.publisher AS fc_publisher, fc.explanation AS fc_explanation,
       fc.published_at AS fc_published_at,
       coalesce(n.posts, 0) AS posts, coalesce(n.duplicates, 0) AS duplicates,
       coalesce(n.forwards, 0) AS forwards, coalesce(n.sources, 0) AS sources
FROM narrative_dim d
LEFT JOIN narrative_canonical c USING (narrative_id)
LEFT JOIN raw_posts rp ON rp.post_id = d.representative_post_id
LEFT JOIN stg_posts rs ON rs.post_id = d.representative_post_id
LEFT JOIN narrative_fact_check_effective fe USING (narrative_id)
LEFT JOIN fact_checks fc ON fc.fact_check_id = fe.fact_check_id
LEFT JOIN counts n USING (narrative_id)
ORDER BY d.narrative_id;

-- desk_narrative_in_scope: every region a narrative has posts tagged to, any day
CREATE OR REPLACE TABLE desk_page_presence AS
SELECT DISTINCT narrative_id, region_code FROM narrative_region_daily ORDER BY 1, 2;

-- desk_narrative_regions and brief_narrative_trend: the 14 days ending $day
CREATE OR REPLACE TABLE desk_page_region_days AS
SELECT narrative_id, region_code, any_value(region_name) AS region_name, any_value(level) AS level,
       any_value(province_code) AS province_code, day, sum(posts) AS posts
FROM narrative_region_daily
WHERE day BETWEEN $day::DATE - 13 AND $day::DATE
GROUP BY narrative_id, region_code, day
ORDER BY narrative_id, region_code, day;

CREATE OR REPLACE TABLE desk_page_daily AS
SELECT narrative_id, day, sum(posts) AS posts FROM narrative_daily
WHERE day BETWEEN $day::DATE - 13 AND $day::DATE
GROUP BY 1, 2 ORDER BY 1, 2;

-- desk_narrative_posts: the 10 sample posts of each narrative, same order
CREATE OR REPLACE TABLE desk_page_posts AS
SELECT * FROM (
    SELECT m.narrative_id, m.post_id, m.day, m.source, m.platform, m.assigned_by, m.is_duplicate,
           m.shares, m.hoax_score, m.province_code, m.regency_code,
           row_number() OVER (PARTITION BY m.narrative_id
                              ORDER BY m.is_duplicate, coalesce(np.similarity, 0) DESC,
                                       m.day DESC, m.post_id) AS rank
    FROM mart_posts m
    LEFT JOIN narrative_posts np USING (post_id)
    WHERE m.narrative_id IS NOT NULL
    QUALIFY rank <= 10
) s
ORDER BY narrative_id, rank;
-- the texts apart: 10 per narrative joined once, not every post
CREATE OR REPLACE TABLE desk_page_post_texts AS
SELECT p.post_id, r.text FROM desk_page_posts p JOIN raw_posts r USING (post_id);

-- desk_narrative_fact_checks: the 10 best candidates of each narrative
CREATE OR REPLACE TABLE desk_page_fact_checks AS
SELECT * FROM (
    SELECT l.narrative_id, l.fact_check_id, l.via, l.similarity, fc.verdict, fc.title, fc.claim,
           fc.url, fc.publisher, fc.published_at, fc.explanation,
           row_number() OVER (PARTITION BY l.narrative_id
                              ORDER BY l.similarity DESC NULLS LAST, l.fact_check_id) AS rank
    FROM narrative_fact_check_links l JOIN fact_checks fc USING (fact_check_id)
    QUALIFY rank <= 10
) s
ORDER BY narrative_id, rank;

-- brief_countered, per narrative and scope ('' the nation, else each region its posts are
-- tagged to): the first sighting and the first official clarification up to $day
CREATE OR REPLACE TABLE desk_page_countered AS
WITH posts AS MATERIALIZED (
    SELECT np.narrative_id, np.post_id, s.day, r.source, r.published_at,
           src.official, src.description
    FROM narrative_posts np
    JOIN stg_posts s USING (post_id) JOIN raw_posts r USING (post_id)
    LEFT JOIN sources src ON src.source = r.source
    WHERE s.day <= $day::DATE
), scoped AS (
    SELECT narrative_id, '' AS scope, day, source, published_at, official, description
    FROM posts
    UNION ALL
    SELECT p.narrative_id, pr.region_code, p.day, p.source, p.published_at, p.official,
           p.description
    FROM posts p JOIN post_regions pr USING (post_id)
)
SELECT narrative_id, scope, min(day) AS scope_first_seen,
       min(day) FILTER (WHERE official) AS first_official,
       arg_min(source, (day, published_at)) FILTER (WHERE official) AS official_source,
       arg_min(description, (day, published_at)) FILTER (WHERE official)
           AS official_description
FROM scoped GROUP BY 1, 2 ORDER BY 1, 2;

-- brief_countered's fact-check half (no scope): the first confirmed fact-check up to $day
CREATE OR REPLACE TABLE desk_page_fact_check_day AS
SELECT narrative_id, min(day) AS fact_check_day FROM (
    SELECT l.narrative_id, l.published_at::DATE AS day FROM narrative_fact_check_links l
    WHERE l.tier = 'cocok' AND l.published_at::DATE <= $day::DATE
      AND NOT EXISTS (SELECT 1 FROM desk_match_decisions rj
                      WHERE rj.narrative_id = l.narrative_id
                        AND rj.fact_check_id = l.fact_check_id AND rj.decision = 'rejected')
    UNION ALL
    SELECT d.narrative_id, fc.published_at::DATE FROM narrative_fact_check_effective d
    JOIN fact_checks fc ON fc.fact_check_id = d.fact_check_id
    WHERE d.decided_by = 'desk' AND fc.published_at::DATE <= $day::DATE
) GROUP BY 1 ORDER BY 1;

-- desk_narrative_effect: the whole view, once
CREATE OR REPLACE TABLE desk_page_effect AS
SELECT * FROM narrative_response_effect ORDER BY narrative_id, level, region_code;
