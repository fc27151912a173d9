-- The analyst contract: stable views (always live: they read the base tables directly) and
-- the dimensions. Recreated with the views, so these descriptions are re-applied after them.

COMMENT ON VIEW posts IS 'Analyst contract. One row per received post (duplicates included, linked by duplicate_of), with regions, score, narrative and full text. Live (joins staging); filter on day. For aggregates over many days mart_posts is much faster.';
COMMENT ON COLUMN posts.post_id IS 'Stable identifier "<source>:<id>".';
COMMENT ON COLUMN posts.source IS 'Source name (see sources).';
COMMENT ON COLUMN posts.platform IS 'whatsapp, facebook, x, telegram, news, kim, government, …';
COMMENT ON COLUMN posts.published_at IS 'Publication time (UTC).';
COMMENT ON COLUMN posts.day IS 'Local day of publication (Asia/Jakarta).';
COMMENT ON COLUMN posts.author IS 'Author handle or name; NULL when unknown.';
COMMENT ON COLUMN posts.url IS 'Link to the original.';
COMMENT ON COLUMN posts.title IS 'Headline of news items.';
COMMENT ON COLUMN posts.text IS 'Full text as received.';
COMMENT ON COLUMN posts.lang IS 'Detected language.';
COMMENT ON COLUMN posts.regions IS 'All region codes tagged (provinces and kabupaten/kota), sorted; empty when none.';
COMMENT ON COLUMN posts.hoax_score IS 'Calibrated hoax probability, 0 to 1.';
COMMENT ON COLUMN posts.model_version IS 'Classifier version that scored it.';
COMMENT ON COLUMN posts.flagged IS 'True when flagged as likely hoax.';
COMMENT ON COLUMN posts.flag_reason IS 'fact_check_match, classifier or NULL.';
COMMENT ON COLUMN posts.fact_check_id IS 'Best matching fact-check, if any.';
COMMENT ON COLUMN posts.fact_check_tier IS 'cocok (confirmed: shown with the debunk, counts as countered) or mungkin terkait (suggestion, never counted).';
COMMENT ON COLUMN posts.narrative_id IS 'Narrative the post belongs to; NULL when none.';
COMMENT ON COLUMN posts.duplicate_of IS 'First occurrence when this is an exact or near duplicate.';
COMMENT ON COLUMN posts.shares IS 'Shares reported by the source; NULL when not reported.';
COMMENT ON COLUMN posts.batch_day IS 'The pipeline run that received it.';

COMMENT ON VIEW narratives IS 'Analyst contract. One row per narrative with its trend status as of the latest day in the warehouse and its matched fact-check.';
COMMENT ON COLUMN narratives.narrative_id IS 'Stable narrative identifier.';
COMMENT ON COLUMN narratives.label IS 'Short label from its keywords.';
COMMENT ON COLUMN narratives.keywords IS 'Distinctive keywords.';
COMMENT ON COLUMN narratives.first_seen IS 'First local day with a post.';
COMMENT ON COLUMN narratives.last_seen IS 'Last local day with a post.';
COMMENT ON COLUMN narratives.posts IS 'Posts so far, duplicates included.';
COMMENT ON COLUMN narratives.hoax_score IS 'Mean hoax score of its original posts.';
COMMENT ON COLUMN narratives.flagged IS 'True when likely a hoax or matched to a debunking fact-check.';
COMMENT ON COLUMN narratives.status IS 'emerging (first seen in the last 3 days), active, or fading.';
COMMENT ON COLUMN narratives.growth IS 'Daily rate in the last 3 days over the daily rate of the 7 days before (floor 0.5 posts/day).';
COMMENT ON COLUMN narratives.posts_recent IS 'Posts in the last 3 days.';
COMMENT ON COLUMN narratives.matched_fact_check_url IS 'Link to the matched fact-check, if any.';
COMMENT ON COLUMN narratives.matched_fact_check_verdict IS 'Its verdict.';
COMMENT ON COLUMN narratives.fact_check_similarity IS 'Similarity of the match.';
COMMENT ON COLUMN narratives.matched_fact_check_tier IS 'cocok when a member post was confirmed to the fact-check, else mungkin terkait (suggestion only).';
COMMENT ON COLUMN narratives.representative_post_id IS 'The post closest to the narrative centroid.';
COMMENT ON COLUMN narratives.created_day IS 'Day the narrative was formed.';

COMMENT ON MACRO TABLE narrative_status IS 'narrative_status(as_of DATE): per narrative, first/last seen, posts, recent and prior posts, growth and status (emerging, active, fading) as of a day.';

COMMENT ON VIEW narrative_daily IS 'Analyst contract. Posts per narrative per local day, all regions together. Always exact: reads mart_narrative_daily, and staging for the days not yet refreshed (mart_pending_days).';
COMMENT ON COLUMN narrative_daily.narrative_id IS 'The narrative.';
COMMENT ON COLUMN narrative_daily.day IS 'Local day of publication.';
COMMENT ON COLUMN narrative_daily.posts IS 'Posts that day, duplicates included.';
COMMENT ON COLUMN narrative_daily.authors IS 'Distinct authors that day.';
COMMENT ON COLUMN narrative_daily.shares IS 'Sum of reported shares.';

COMMENT ON VIEW narrative_region_daily IS 'Analyst contract. Posts per narrative per region per local day; a regency post also counts for its province, so filter on level. Always exact: reads mart_narrative_region_daily, and staging for the days not yet refreshed (mart_pending_days).';
COMMENT ON COLUMN narrative_region_daily.narrative_id IS 'The narrative.';
COMMENT ON COLUMN narrative_region_daily.region_code IS 'Province or regency code.';
COMMENT ON COLUMN narrative_region_daily.region_name IS 'Region name.';
COMMENT ON COLUMN narrative_region_daily.level IS 'province or regency.';
COMMENT ON COLUMN narrative_region_daily.province_code IS 'Province of the region.';
COMMENT ON COLUMN narrative_region_daily.day IS 'Local day of publication.';
COMMENT ON COLUMN narrative_region_daily.posts IS 'Posts of the narrative tagged with the region that day.';
COMMENT ON COLUMN narrative_region_daily.authors IS 'Distinct authors among them.';
COMMENT ON COLUMN narrative_region_daily.shares IS 'Sum of reported shares.';

COMMENT ON VIEW run_summary IS 'Analyst contract. Reconciliation per batch day: received = stored + duplicates + quarantined.';
COMMENT ON COLUMN run_summary.day IS 'Batch day (pipeline run).';
COMMENT ON COLUMN run_summary.received IS 'Records read from the inbox.';
COMMENT ON COLUMN run_summary.stored IS 'Distinct new posts stored.';
COMMENT ON COLUMN run_summary.duplicates IS 'Re-deliveries plus exact and near duplicates of earlier posts.';
COMMENT ON COLUMN run_summary.quarantined IS 'Records rejected (see quarantine).';
COMMENT ON COLUMN run_summary.reconciled IS 'True when the counts add up.';
COMMENT ON COLUMN run_summary.finished_at IS 'When ingest finished (UTC).';

COMMENT ON VIEW dim_date IS 'Date dimension, 2015–2040: ISO week, month and Indonesian names. Join on day to group by week or month.';
COMMENT ON COLUMN dim_date.day IS 'The day (join key).';
COMMENT ON COLUMN dim_date.year IS 'Calendar year.';
COMMENT ON COLUMN dim_date.quarter IS 'Quarter, 1 to 4.';
COMMENT ON COLUMN dim_date.month IS 'Month number, 1 to 12.';
COMMENT ON COLUMN dim_date.month_name IS 'Month in Indonesian (Januari … Desember).';
COMMENT ON COLUMN dim_date.month_start IS 'First day of the month.';
COMMENT ON COLUMN dim_date.iso_year IS 'ISO-8601 week-numbering year (differs from year around New Year).';
COMMENT ON COLUMN dim_date.iso_week IS 'ISO-8601 week number, 1 to 53 (weeks start on Monday).';
COMMENT ON COLUMN dim_date.iso_week_label IS 'ISO week as text, e.g. 2026-W47; sorts correctly.';
COMMENT ON COLUMN dim_date.week_start IS 'Monday of the ISO week.';
COMMENT ON COLUMN dim_date.weekday IS 'ISO weekday, 1 = Senin (Monday) to 7 = Minggu (Sunday).';
COMMENT ON COLUMN dim_date.weekday_name IS 'Weekday in Indonesian: Senin, Selasa, Rabu, Kamis, Jumat, Sabtu, Minggu.';
COMMENT ON COLUMN dim_date.is_weekend IS 'True on Sabtu and Minggu.';
COMMENT ON COLUMN dim_date.day_of_month IS 'Day of the month, 1 to 31.';
COMMENT ON COLUMN dim_date.day_of_year IS 'Day of the year, 1 to 366.';

COMMENT ON VIEW dim_region IS 'Region dimension: every province and kabupaten/kota with its province code and name. Join on region_code (or province_code) to report by province.';
COMMENT ON COLUMN dim_region.region_code IS 'Kemendagri code (join key): "33" province, "33.74" regency/city.';
COMMENT ON COLUMN dim_region.region_name IS 'Official name.';
COMMENT ON COLUMN dim_region.short_name IS 'Name without the Kabupaten/Kota prefix.';
COMMENT ON COLUMN dim_region.level IS 'province or regency.';
COMMENT ON COLUMN dim_region.province_code IS 'Code of its province (itself for a province).';
COMMENT ON COLUMN dim_region.province_name IS 'Name of its province (itself for a province).';
COMMENT ON COLUMN dim_region.is_province IS 'True for provinces.';
COMMENT ON COLUMN dim_region.lat IS 'Latitude of the centre.';
COMMENT ON COLUMN dim_region.lon IS 'Longitude of the centre.';
COMMENT ON COLUMN dim_region.population IS 'Population estimate, for per-capita rates.';
