-- Marts layer: denormalised tables rebuilt from raw + staging when the pipeline publishes.
-- Fast at tens of millions of posts; as fresh as the last `publish` (see mart_refresh).

COMMENT ON TABLE mart_posts IS 'Marts layer. One row per stored post (duplicates included) with its day, source, primary regions, narrative, duplicate link and score: most questions need no join. Refreshed per batch day at publish.';
COMMENT ON COLUMN mart_posts.post_id IS 'The post (raw_posts.post_id).';
COMMENT ON COLUMN mart_posts.batch_day IS 'The pipeline run that received it (the refresh unit).';
COMMENT ON COLUMN mart_posts.day IS 'Local day of publication (Asia/Jakarta); join dim_date on it.';
COMMENT ON COLUMN mart_posts.published_at IS 'Publication time (UTC).';
COMMENT ON COLUMN mart_posts.source IS 'Source name; join sources for official and home_region.';
COMMENT ON COLUMN mart_posts.platform IS 'Platform (whatsapp, facebook, x, telegram, news, …).';
COMMENT ON COLUMN mart_posts.author IS 'Author handle or name; NULL when unknown.';
COMMENT ON COLUMN mart_posts.lang IS 'Detected language.';
COMMENT ON COLUMN mart_posts.province_code IS 'Most confident province tag (lower code on ties); NULL when untagged. All tags: mart_post_regions.';
COMMENT ON COLUMN mart_posts.regency_code IS 'Most confident kabupaten/kota tag; NULL when none.';
COMMENT ON COLUMN mart_posts.regions IS 'All region codes tagged (provinces and kabupaten/kota), sorted; empty when none.';
COMMENT ON COLUMN mart_posts.n_regions IS 'Number of region tags (province and regency tags both count).';
COMMENT ON COLUMN mart_posts.narrative_id IS 'Narrative the post belongs to; NULL when none.';
COMMENT ON COLUMN mart_posts.assigned_by IS 'join, new, split, reply, clarification, clarification_share or duplicate (see narrative_posts).';
COMMENT ON COLUMN mart_posts.duplicate_of IS 'First occurrence for exact/near duplicates (forwards); NULL for originals.';
COMMENT ON COLUMN mart_posts.duplicate_kind IS 'exact, near, or NULL.';
COMMENT ON COLUMN mart_posts.is_duplicate IS 'True for exact and near duplicates (duplicate_of IS NOT NULL).';
COMMENT ON COLUMN mart_posts.model_version IS 'Classifier version that scored it.';
COMMENT ON COLUMN mart_posts.hoax_score IS 'Calibrated hoax probability, 0 to 1; NULL when unscored.';
COMMENT ON COLUMN mart_posts.flagged IS 'True when flagged as likely hoax (false when unscored).';
COMMENT ON COLUMN mart_posts.flag_reason IS 'fact_check_match, classifier or NULL.';
COMMENT ON COLUMN mart_posts.fact_check_id IS 'Best matching fact-check, if any.';
COMMENT ON COLUMN mart_posts.fact_check_similarity IS 'Similarity to that fact-check.';
COMMENT ON COLUMN mart_posts.fact_check_tier IS 'cocok (confirmed) or mungkin terkait (suggestion only).';
COMMENT ON COLUMN mart_posts.shares IS 'Shares reported by the source (0 when not reported).';

COMMENT ON TABLE mart_post_regions IS 'Marts layer. One row per region tag of a post (a regency tag comes with its province tag), with the post''s attributes copied: regional questions without joins. Filter level = ''province'' to count each post once per province.';
COMMENT ON COLUMN mart_post_regions.post_id IS 'The post.';
COMMENT ON COLUMN mart_post_regions.batch_day IS 'The pipeline run that received it.';
COMMENT ON COLUMN mart_post_regions.day IS 'Local day of publication.';
COMMENT ON COLUMN mart_post_regions.region_code IS 'Tagged region; join dim_region for names.';
COMMENT ON COLUMN mart_post_regions.level IS 'province or regency.';
COMMENT ON COLUMN mart_post_regions.province_code IS 'Province of the tagged region.';
COMMENT ON COLUMN mart_post_regions.confidence IS 'Tagger confidence, 0 to 1.';
COMMENT ON COLUMN mart_post_regions.source IS 'Source of the post.';
COMMENT ON COLUMN mart_post_regions.platform IS 'Platform of the post.';
COMMENT ON COLUMN mart_post_regions.author IS 'Author of the post.';
COMMENT ON COLUMN mart_post_regions.narrative_id IS 'Narrative of the post; NULL when none.';
COMMENT ON COLUMN mart_post_regions.is_duplicate IS 'True when the post is a duplicate/forward.';
COMMENT ON COLUMN mart_post_regions.flagged IS 'True when the post is flagged.';
COMMENT ON COLUMN mart_post_regions.shares IS 'Shares of the post (0 when not reported).';

COMMENT ON TABLE mart_narrative_daily IS 'Marts layer. narrative_daily materialised, with flagged and duplicate counts: posts per narrative per local day.';
COMMENT ON COLUMN mart_narrative_daily.narrative_id IS 'The narrative; join narrative_dim or narratives for label and status.';
COMMENT ON COLUMN mart_narrative_daily.day IS 'Local day of publication.';
COMMENT ON COLUMN mart_narrative_daily.posts IS 'Posts that day, duplicates included.';
COMMENT ON COLUMN mart_narrative_daily.authors IS 'Distinct authors that day.';
COMMENT ON COLUMN mart_narrative_daily.shares IS 'Sum of reported shares.';
COMMENT ON COLUMN mart_narrative_daily.flagged_posts IS 'Posts flagged as likely hoax.';
COMMENT ON COLUMN mart_narrative_daily.duplicates IS 'Posts that are exact or near duplicates (forwards).';

COMMENT ON TABLE mart_narrative_region_daily IS 'Marts layer. narrative_region_daily materialised, with flagged counts: posts per narrative per region per day; a regency post also counts for its province.';
COMMENT ON COLUMN mart_narrative_region_daily.narrative_id IS 'The narrative.';
COMMENT ON COLUMN mart_narrative_region_daily.region_code IS 'Region (province or regency code).';
COMMENT ON COLUMN mart_narrative_region_daily.region_name IS 'Region name.';
COMMENT ON COLUMN mart_narrative_region_daily.level IS 'province or regency: filter on it so posts are not counted twice.';
COMMENT ON COLUMN mart_narrative_region_daily.province_code IS 'Province of the region.';
COMMENT ON COLUMN mart_narrative_region_daily.day IS 'Local day of publication.';
COMMENT ON COLUMN mart_narrative_region_daily.posts IS 'Posts of the narrative tagged with the region that day.';
COMMENT ON COLUMN mart_narrative_region_daily.authors IS 'Distinct authors among them.';
COMMENT ON COLUMN mart_narrative_region_daily.shares IS 'Sum of reported shares.';
COMMENT ON COLUMN mart_narrative_region_daily.flagged_posts IS 'Of those, posts flagged as likely hoax.';

COMMENT ON TABLE mart_refresh IS 'Operations. One row per marts refresh: when, which batch days, how long. max(refreshed_at) says how fresh the marts are.';
COMMENT ON COLUMN mart_refresh.refreshed_at IS 'When the refresh started (UTC).';
COMMENT ON COLUMN mart_refresh.mode IS 'full (everything rebuilt) or days (only the listed batch days).';
COMMENT ON COLUMN mart_refresh.days IS 'Batch days rebuilt.';
COMMENT ON COLUMN mart_refresh.posts IS 'Posts in those batch days.';
COMMENT ON COLUMN mart_refresh.seconds IS 'Duration of the refresh.';

COMMENT ON TABLE mart_score_daily IS 'Marts layer. Distribution of hoax scores of original posts (forwards excluded) per local day, model version and platform, in buckets of 0.01: drift and calibration questions without reading every post.';
COMMENT ON COLUMN mart_score_daily.day IS 'Local day of publication.';
COMMENT ON COLUMN mart_score_daily.model_version IS 'Classifier version that scored the posts.';
COMMENT ON COLUMN mart_score_daily.platform IS 'Platform of the posts.';
COMMENT ON COLUMN mart_score_daily.score_bucket IS 'floor(hoax_score * 100), 0 to 100: bucket 73 holds scores from 0.73 up to 0.74.';
COMMENT ON COLUMN mart_score_daily.posts IS 'Scored original posts in the bucket.';
COMMENT ON COLUMN mart_score_daily.score_sum IS 'Sum of their exact scores (sum(score_sum) / sum(posts) is the exact mean).';
COMMENT ON COLUMN mart_score_daily.flagged_posts IS 'Of those, flagged (by the classifier or a fact-check match).';
COMMENT ON COLUMN mart_score_daily.fact_check_matches IS 'Of those, flagged because they match a debunking fact-check.';

COMMENT ON VIEW mart_stale_batches IS 'Operations. Batch days whose stages ran after the last marts refresh (every batch day before the first one): what the marts do not hold yet. Usually empty, or the day being processed.';
COMMENT ON COLUMN mart_stale_batches.batch_day IS 'A batch day (pipeline run) not yet in the marts.';
COMMENT ON VIEW mart_pending_days IS 'Operations. Local days of publication touched by mart_stale_batches; narrative_daily and narrative_region_daily compute these days from staging and read every other day from the marts.';
COMMENT ON COLUMN mart_pending_days.day IS 'A day of publication whose mart rows may be out of date.';
