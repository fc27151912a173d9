-- Descriptions of the narrative-tracking views and tables (defined in views/030_narratives.sql,
-- views/035_narrative_trends.sql, migrations/006_narrative_tracking.sql and
-- migrations/007_narrative_mart_counts.sql; docs/narratives.md).
-- Kept apart: when those definitions change, update this file (a stale line is only logged).

COMMENT ON COLUMN narratives.z_score IS 'Significance of growth: last 3 days against the 7 before, as a binomial z (|z| >= 1.96 is significant at 5 %).';
COMMENT ON COLUMN narratives.accelerating IS 'True when z_score >= 1.96.';
COMMENT ON COLUMN narratives.recycled IS 'True when the narrative revives one dormant for a month or more, or is answered by a fact-check published over 90 days before it was first seen.';
COMMENT ON COLUMN narratives.recycled_reason IS 'Why it counts as recycled, in words.';
COMMENT ON COLUMN narratives.merged_narratives IS 'Narratives merged into this one (their posts count here).';
COMMENT ON COLUMN narratives.first_clarification IS 'First day an official source posted a clarification linked to the narrative.';

COMMENT ON VIEW narrative_canonical IS 'Narrative tracking. Each narrative and the narrative it is counted under: itself, or the one it was merged into (following chains of merges).';
COMMENT ON COLUMN narrative_canonical.narrative_id IS 'A narrative (narrative_dim.narrative_id).';
COMMENT ON COLUMN narrative_canonical.canonical_id IS 'The narrative it is counted under.';
COMMENT ON COLUMN narrative_canonical.merged IS 'True when it was merged into another.';

COMMENT ON VIEW narrative_post_facts IS 'Narrative tracking. One row per narrative post under its canonical narrative, with day, source, author, shares and whether it spreads the narrative or clarifies it. Live (joins staging).';
COMMENT ON COLUMN narrative_post_facts.narrative_id IS 'Canonical narrative (merged narratives under the one they joined).';
COMMENT ON COLUMN narrative_post_facts.assigned_narrative_id IS 'Narrative the post was assigned to.';
COMMENT ON COLUMN narrative_post_facts.post_id IS 'The post.';
COMMENT ON COLUMN narrative_post_facts.day IS 'Local day of publication.';
COMMENT ON COLUMN narrative_post_facts.source IS 'Source of the post.';
COMMENT ON COLUMN narrative_post_facts.author IS 'Author of the post.';
COMMENT ON COLUMN narrative_post_facts.shares IS 'Shares reported by the source; NULL when not reported.';
COMMENT ON COLUMN narrative_post_facts.assigned_by IS 'How it joined the narrative (new, join, split, duplicate, clarification, …).';
COMMENT ON COLUMN narrative_post_facts.spread IS 'True for posts spreading the narrative (not clarifications or their re-shares).';
COMMENT ON COLUMN narrative_post_facts.clarification IS 'True for an official clarification of the narrative.';
COMMENT ON COLUMN narrative_post_facts.official IS 'True when the source is official (sources.official).';

COMMENT ON VIEW narrative_spread_daily IS 'Narrative tracking. Posts spreading each canonical narrative per local day, and official clarifications: mart_narrative_daily summed over merged narratives, days changed since the last marts refresh from staging. What narratives and narrative_status read.';
COMMENT ON COLUMN narrative_spread_daily.narrative_id IS 'Canonical narrative.';
COMMENT ON COLUMN narrative_spread_daily.day IS 'Local day of publication.';
COMMENT ON COLUMN narrative_spread_daily.posts IS 'Posts spreading the narrative that day.';
COMMENT ON COLUMN narrative_spread_daily.clarifications IS 'Official clarifications published that day.';

COMMENT ON COLUMN mart_narrative_daily.spread_posts IS 'Posts spreading the narrative that day (not official clarifications or their re-shares).';
COMMENT ON COLUMN mart_narrative_daily.clarifications IS 'Official clarifications linked to the narrative that day.';

COMMENT ON VIEW narrative_activity_daily IS 'Narrative tracking. Spread per canonical narrative per local day: posts, distinct authors and sources, shares, and official clarifications that day.';
COMMENT ON COLUMN narrative_activity_daily.narrative_id IS 'Canonical narrative.';
COMMENT ON COLUMN narrative_activity_daily.day IS 'Local day of publication.';
COMMENT ON COLUMN narrative_activity_daily.posts IS 'Posts spreading the narrative that day.';
COMMENT ON COLUMN narrative_activity_daily.authors IS 'Distinct authors among them.';
COMMENT ON COLUMN narrative_activity_daily.sources IS 'Distinct sources among them.';
COMMENT ON COLUMN narrative_activity_daily.shares IS 'Sum of reported shares (0 when none reported).';
COMMENT ON COLUMN narrative_activity_daily.posts_with_shares IS 'Posts whose source reports shares.';
COMMENT ON COLUMN narrative_activity_daily.clarifications IS 'Official clarifications published that day.';

COMMENT ON VIEW narrative_region_activity IS 'Narrative tracking. narrative_activity_daily per region: a regency post also counts for its province, so filter on level.';
COMMENT ON COLUMN narrative_region_activity.narrative_id IS 'Canonical narrative.';
COMMENT ON COLUMN narrative_region_activity.region_code IS 'Province or regency code.';
COMMENT ON COLUMN narrative_region_activity.region_name IS 'Region name.';
COMMENT ON COLUMN narrative_region_activity.level IS 'province or regency.';
COMMENT ON COLUMN narrative_region_activity.province_code IS 'Province of the region.';
COMMENT ON COLUMN narrative_region_activity.day IS 'Local day of publication.';
COMMENT ON COLUMN narrative_region_activity.posts IS 'Posts spreading the narrative tagged with the region that day.';
COMMENT ON COLUMN narrative_region_activity.authors IS 'Distinct authors among them.';
COMMENT ON COLUMN narrative_region_activity.sources IS 'Distinct sources among them.';
COMMENT ON COLUMN narrative_region_activity.shares IS 'Sum of reported shares.';
COMMENT ON COLUMN narrative_region_activity.posts_with_shares IS 'Posts whose source reports shares.';
COMMENT ON COLUMN narrative_region_activity.clarifications IS 'Official clarifications tagged to the region that day.';

COMMENT ON VIEW narrative_region_response IS 'Narrative tracking. "Countered yet?" per narrative and region as of the latest day: first seen, first official clarification there, response lag, and the first fact-check.';
COMMENT ON COLUMN narrative_region_response.narrative_id IS 'Canonical narrative.';
COMMENT ON COLUMN narrative_region_response.region_code IS 'Province or regency code.';
COMMENT ON COLUMN narrative_region_response.region_name IS 'Region name.';
COMMENT ON COLUMN narrative_region_response.level IS 'province or regency.';
COMMENT ON COLUMN narrative_region_response.province_code IS 'Province of the region.';
COMMENT ON COLUMN narrative_region_response.first_seen IS 'First day the narrative spread in the region.';
COMMENT ON COLUMN narrative_region_response.last_seen IS 'Last day it spread there.';
COMMENT ON COLUMN narrative_region_response.posts IS 'Posts spreading it there.';
COMMENT ON COLUMN narrative_region_response.first_clarification IS 'First official clarification tagged to the region; NULL when none.';
COMMENT ON COLUMN narrative_region_response.clarified_by IS 'Source of that clarification.';
COMMENT ON COLUMN narrative_region_response.clarifications IS 'Official clarifications tagged to the region.';
COMMENT ON COLUMN narrative_region_response.response_lag_days IS 'Days from first seen to first clarification there.';
COMMENT ON COLUMN narrative_region_response.uncountered IS 'True while no official clarification is tagged to the region.';
COMMENT ON COLUMN narrative_region_response.days_since_first_seen IS 'Days from first seen to the latest day.';
COMMENT ON COLUMN narrative_region_response.first_fact_check IS 'Publication day of the first fact-check answering the narrative (national).';
COMMENT ON COLUMN narrative_region_response.fact_check_id IS 'That fact-check.';

COMMENT ON VIEW narrative_fact_check_links IS 'Narrative tracking. Fact-checks that answer a narrative: linked by centroid in the cluster stage, or matched to a member post by the classify stage.';
COMMENT ON COLUMN narrative_fact_check_links.narrative_id IS 'Canonical narrative.';
COMMENT ON COLUMN narrative_fact_check_links.fact_check_id IS 'The fact-check.';
COMMENT ON COLUMN narrative_fact_check_links.via IS 'centroid (narrative matched) or post (a member post matched).';
COMMENT ON COLUMN narrative_fact_check_links.similarity IS 'Best similarity of the link.';
COMMENT ON COLUMN narrative_fact_check_links.published_at IS 'When the fact-check was published (UTC).';
COMMENT ON COLUMN narrative_fact_check_links.verdict IS 'Its verdict.';
COMMENT ON COLUMN narrative_fact_check_links.tier IS 'cocok when a member post was confirmed to it, else mungkin terkait; only cocok counts as countered.';

COMMENT ON VIEW narrative_recycling IS 'Narrative tracking. Recycled narratives: close to one dormant for a month or more, or answered by a fact-check over 90 days older than their first sighting.';
COMMENT ON COLUMN narrative_recycling.narrative_id IS 'Canonical narrative.';
COMMENT ON COLUMN narrative_recycling.recycled IS 'Always true (only recycled narratives are listed).';
COMMENT ON COLUMN narrative_recycling.recycled_of IS 'The dormant narrative it revives, when found by the cluster stage.';
COMMENT ON COLUMN narrative_recycling.fact_check_id IS 'The old fact-check that answers it, when that is the reason.';
COMMENT ON COLUMN narrative_recycling.recycled_reason IS 'Why, in words.';

COMMENT ON MACRO TABLE narrative_region_response_asof IS 'narrative_region_response_asof(as_of DATE): narrative_region_response as of any day.';
COMMENT ON MACRO TABLE narrative_urgency IS 'narrative_urgency(as_of DATE, scope): narratives ranked by urgency in a scope (NULL for the nation, else a province or regency code): reach × velocity × harm × response × status; see 035_narrative_trends.sql.';

COMMENT ON TABLE narrative_fact_checks IS 'Staging layer. Fact-checks linked to a narrative by the cluster stage (claim close to the narrative centroid).';
COMMENT ON COLUMN narrative_fact_checks.narrative_id IS 'The narrative.';
COMMENT ON COLUMN narrative_fact_checks.fact_check_id IS 'The fact-check.';
COMMENT ON COLUMN narrative_fact_checks.day IS 'Batch day the link was found.';
COMMENT ON COLUMN narrative_fact_checks.similarity IS 'Similarity of claim and centroid.';
COMMENT ON COLUMN narrative_fact_checks.via IS 'How it was linked (centroid).';

COMMENT ON COLUMN narrative_day_sums.lex_idx IS 'The day''s summed lexical n-gram profile: feature indices (truncated).';
COMMENT ON COLUMN narrative_day_sums.lex_val IS 'The day''s summed lexical n-gram profile: values.';
COMMENT ON COLUMN narrative_day_sums.cum_n IS 'Members up to and including the day (merges absorbed included).';
COMMENT ON COLUMN narrative_day_sums.cum_vector IS 'Sum of member embeddings up to and including the day.';
COMMENT ON COLUMN narrative_day_sums.cum_lex_idx IS 'Cumulative lexical profile up to the day: indices.';
COMMENT ON COLUMN narrative_day_sums.cum_lex_val IS 'Cumulative lexical profile up to the day: values.';
