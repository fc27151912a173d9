-- The desk (docs/desk.md): officers' actions mirrored from the desk store (migration 013),
-- what they decided per narrative, the fact-check that answers a narrative once a verifier has
-- confirmed or rejected the model's match, and whether a response was followed by fewer posts.

-- Every desk action, newest first: who, when, what it set and what it replaced.
CREATE OR REPLACE VIEW desk_actions AS
SELECT a.action_id, a.acted_at, a.username, a.role, a.kind, a.narrative_id, a.post_id,
       a.region_code, rg.name AS region_name, a.value, a.previous
FROM desk_action_log a
LEFT JOIN regions rg ON rg.code = a.region_code
ORDER BY a.action_id DESC;

-- The fact-check answering each narrative: the one a verifier confirmed, else the model's match
-- unless a verifier rejected it. decided_by: 'desk' | 'model' | NULL (none).
CREATE OR REPLACE VIEW narrative_fact_check_effective AS
WITH confirmed AS (
    SELECT narrative_id, arg_max(fact_check_id, decided_at) AS fact_check_id
    FROM desk_match_decisions WHERE decision = 'confirmed' GROUP BY 1
)
SELECT d.narrative_id,
       coalesce(c.fact_check_id, CASE WHEN rj.narrative_id IS NULL THEN d.fact_check_id END)
           AS fact_check_id,
       CASE WHEN c.fact_check_id IS NULL AND rj.narrative_id IS NULL
            THEN d.fact_check_similarity END AS similarity,
       CASE WHEN c.fact_check_id IS NOT NULL THEN 'desk'
            WHEN d.fact_check_id IS NOT NULL AND rj.narrative_id IS NULL THEN 'model' END
           AS decided_by
FROM narrative_dim d
LEFT JOIN confirmed c USING (narrative_id)
LEFT JOIN desk_match_decisions rj ON rj.narrative_id = d.narrative_id
    AND rj.fact_check_id = d.fact_check_id AND rj.decision = 'rejected';

-- Per narrative reviewed at the desk: the officers' verdict (majority of narrative labels),
-- the confirmed fact-check, the latest counter-message and its state, regions marked countered.
CREATE OR REPLACE VIEW narrative_reviews AS
WITH votes AS (
    SELECT target_id AS narrative_id,
           count(*) FILTER (WHERE label = 'hoax') AS hoax_votes,
           count(*) FILTER (WHERE label = 'not_hoax') AS not_hoax_votes,
           max(labelled_at) AS last_labelled_at
    FROM desk_labels WHERE target = 'narrative' GROUP BY 1
), post_votes AS (
    SELECT narrative_id, count(*) AS post_labels FROM desk_labels
    WHERE target = 'post' AND narrative_id IS NOT NULL GROUP BY 1
), messages AS (
    SELECT narrative_id, arg_max(status, message_id) AS message_status,
           arg_max(message_id, message_id) AS message_id,
           count(*) FILTER (WHERE status = 'approved') AS approved_messages,
           min(approved_at) AS first_approved_at
    FROM desk_counter_messages GROUP BY 1
), marks AS (
    SELECT narrative_id, list(region_code ORDER BY region_code) AS countered_regions
    FROM desk_countered GROUP BY 1
), ids AS (
    SELECT narrative_id FROM votes UNION SELECT narrative_id FROM post_votes
    UNION SELECT narrative_id FROM messages UNION SELECT narrative_id FROM marks
    UNION SELECT narrative_id FROM desk_match_decisions
)
SELECT i.narrative_id, d.label AS narrative_label,
       CASE WHEN v.hoax_votes > v.not_hoax_votes THEN 'hoax'
            WHEN v.not_hoax_votes > v.hoax_votes THEN 'not_hoax'
            WHEN v.hoax_votes > 0 THEN 'tie' END AS desk_label,
       coalesce(v.hoax_votes, 0) AS hoax_votes, coalesce(v.not_hoax_votes, 0) AS not_hoax_votes,
       coalesce(p.post_labels, 0) AS post_labels, v.last_labelled_at,
       fe.fact_check_id, fe.decided_by AS fact_check_decided_by,
       m.message_id, m.message_status, coalesce(m.approved_messages, 0) AS approved_messages,
       m.first_approved_at, coalesce(k.countered_regions, []::VARCHAR[]) AS countered_regions
FROM ids i
LEFT JOIN narrative_dim d ON d.narrative_id = i.narrative_id
LEFT JOIN votes v ON v.narrative_id = i.narrative_id
LEFT JOIN post_votes p ON p.narrative_id = i.narrative_id
LEFT JOIN messages m ON m.narrative_id = i.narrative_id
LEFT JOIN marks k ON k.narrative_id = i.narrative_id
LEFT JOIN narrative_fact_check_effective fe ON fe.narrative_id = i.narrative_id;

-- Did the response work? Per narrative × region: the first response there (an official
-- clarification tagged to the region, an approved counter-message for the region, one of its
-- provinces or the nation, or a desk mark "countered here"), posts per day in up to 7 days
-- before that day and up to 7 days after it (the response day itself left out), and the rate
-- ratio after/before as a change with a 95 % interval from the Poisson counts (log rate ratio,
-- standard error sqrt(1/a + 1/b), 0.5 added to each count). "too_early" while either side has
-- under 3 days or both together under 10 posts. An association, not proof: narratives also
-- fade on their own (docs/desk.md).
CREATE OR REPLACE VIEW narrative_response_effect AS
WITH daily AS (
    SELECT c.canonical_id AS narrative_id, d.region_code, any_value(d.region_name) AS region_name,
           any_value(d.level) AS level, d.day, sum(d.posts) AS posts
    FROM narrative_region_daily d JOIN narrative_canonical c USING (narrative_id)
    GROUP BY 1, 2, 5
), spread AS (
    SELECT narrative_id, region_code, any_value(region_name) AS region_name,
           any_value(level) AS level, min(day) AS first_seen
    FROM daily WHERE posts > 0 GROUP BY 1, 2
), responses AS (
    SELECT f.narrative_id, pr.region_code, f.day, 'clarification' AS kind
    FROM narrative_post_facts f JOIN post_regions pr USING (post_id)
    WHERE f.clarification
    UNION ALL
    SELECT c.canonical_id, s.region_code, m.approved_day, 'counter_message'
    FROM desk_counter_messages m
    JOIN narrative_canonical c USING (narrative_id)
    JOIN spread s ON s.narrative_id = c.canonical_id
        AND (m.region_code IS NULL OR s.region_code = m.region_code
             OR s.region_code LIKE m.region_code || '.%')
    WHERE m.status = 'approved' AND m.approved_day IS NOT NULL
    UNION ALL
    SELECT c.canonical_id, k.region_code, k.day, 'marked_countered'
    FROM desk_countered k JOIN narrative_canonical c USING (narrative_id)
), first_response AS (
    SELECT narrative_id, region_code, min(day) AS response_day,
           arg_min(kind, (day, kind)) AS response_kind
    FROM responses GROUP BY 1, 2
), windows AS (
    SELECT r.*, s.region_name, s.level, s.first_seen,
           greatest(least(7, r.response_day - s.first_seen), 0)::INTEGER AS days_before,
           greatest(least(7, b.last_day - r.response_day), 0)::INTEGER AS days_after
    FROM first_response r
    JOIN spread s USING (narrative_id, region_code),
    (SELECT max(day) AS last_day FROM runs WHERE status = 'success') b
), counted AS (
    SELECT w.narrative_id, w.region_code, any_value(w.region_name) AS region_name,
           any_value(w.level) AS level, any_value(w.response_day) AS response_day,
           any_value(w.response_kind) AS response_kind, any_value(w.first_seen) AS first_seen,
           any_value(w.days_before) AS days_before, any_value(w.days_after) AS days_after,
           coalesce(sum(d.posts) FILTER (WHERE d.day < w.response_day), 0) AS posts_before,
           coalesce(sum(d.posts) FILTER (WHERE d.day > w.response_day), 0) AS posts_after
    FROM windows w
    LEFT JOIN daily d ON d.narrative_id = w.narrative_id AND d.region_code = w.region_code
        AND d.day BETWEEN w.response_day - w.days_before AND w.response_day + w.days_after
    GROUP BY 1, 2
), rated AS (
    SELECT *,
           posts_before / nullif(days_before, 0) AS rate_before,
           posts_after / nullif(days_after, 0) AS rate_after,
           days_before < 3 OR days_after < 3 OR posts_before + posts_after < 10 AS too_early,
           ln(((posts_after + 0.5) / nullif(days_after, 0))
              / ((posts_before + 0.5) / nullif(days_before, 0))) AS log_ratio,
           sqrt(1.0 / (posts_after + 0.5) + 1.0 / (posts_before + 0.5)) AS log_se
    FROM counted
)
SELECT narrative_id, region_code, region_name, level, first_seen, response_day, response_kind,
       days_before, posts_before, rate_before, days_after, posts_after, rate_after,
       CASE WHEN NOT too_early AND posts_before > 0 THEN rate_after / rate_before - 1 END
           AS change,
       CASE WHEN NOT too_early THEN exp(log_ratio - 1.96 * log_se) - 1 END AS change_low,
       CASE WHEN NOT too_early THEN exp(log_ratio + 1.96 * log_se) - 1 END AS change_high,
       CASE WHEN too_early THEN 'too_early'
            WHEN exp(log_ratio + 1.96 * log_se) < 1 THEN 'fell'
            WHEN exp(log_ratio - 1.96 * log_se) > 1 THEN 'rose'
            ELSE 'no_clear_change' END AS assessment
FROM rated;
