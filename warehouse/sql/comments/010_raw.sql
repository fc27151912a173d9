-- Descriptions stored in the database (COMMENT ON), shown by `pantau schema`, DBeaver,
-- DuckDB's duckdb_columns() and most BI tools. Raw layer: records as received.

COMMENT ON TABLE raw_posts IS 'Raw layer. One row per accepted post or news item, exactly as received (text untouched). Re-ingesting a day replaces that batch_day.';
COMMENT ON COLUMN raw_posts.post_id IS 'Stable identifier "<source>:<id>"; the same record re-delivered keeps its ID. Key to every other post table.';
COMMENT ON COLUMN raw_posts.batch_day IS 'The pipeline run (logical date) that received the post; reruns replace a whole batch_day.';
COMMENT ON COLUMN raw_posts.source IS 'Configured source name (see sources), e.g. wa-forward-jateng.';
COMMENT ON COLUMN raw_posts.source_id IS 'Identifier of the record inside its source (message ID, URL, …).';
COMMENT ON COLUMN raw_posts.platform IS 'whatsapp, facebook, x, telegram, news, kim, government, …';
COMMENT ON COLUMN raw_posts.published_at IS 'When the author published it (UTC; convert with AT TIME ZONE ''Asia/Jakarta'').';
COMMENT ON COLUMN raw_posts.author IS 'Author handle or name as given by the source; NULL when unknown.';
COMMENT ON COLUMN raw_posts.url IS 'Link to the original, when the source has one.';
COMMENT ON COLUMN raw_posts.title IS 'Headline of news items; NULL for social posts.';
COMMENT ON COLUMN raw_posts.text IS 'Full text as received.';
COMMENT ON COLUMN raw_posts.lang_declared IS 'Language the source declared, if any (the detected one is stg_posts.lang).';
COMMENT ON COLUMN raw_posts.region_hint IS 'Region the source attached (geotag, group name), used as evidence by the region tagger.';
COMMENT ON COLUMN raw_posts.reply_to IS 'The platform''s id (source_id) of the post of the same source this one replies to, when known; a reply its words leave out of every narrative follows that post''s narrative (assigned_by reply).';
COMMENT ON COLUMN raw_posts.shares IS 'Shares/forwards reported by the source at collection time; NULL when not reported.';
COMMENT ON COLUMN raw_posts.extra IS 'JSON of the fields the connector did not map, kept rather than dropped.';
COMMENT ON COLUMN raw_posts.connector IS 'Connector that read it: jsonl, rss, factcheck-rss, …';
COMMENT ON COLUMN raw_posts.source_file IS 'Inbox file the record came from.';
COMMENT ON COLUMN raw_posts.received_at IS 'When Pantau ingested it (UTC).';

COMMENT ON TABLE quarantine IS 'Raw layer. Records that could not be accepted, with the reason; counted in run_summary.quarantined.';
COMMENT ON COLUMN quarantine.quarantine_id IS 'Stable identifier of the rejected record (file and line).';
COMMENT ON COLUMN quarantine.batch_day IS 'The pipeline run that received it.';
COMMENT ON COLUMN quarantine.source IS 'Source name when it could be determined; NULL for unparseable lines.';
COMMENT ON COLUMN quarantine.connector IS 'Connector that rejected it.';
COMMENT ON COLUMN quarantine.source_file IS 'Inbox file of the record.';
COMMENT ON COLUMN quarantine.line_no IS 'Line (or item) number in that file.';
COMMENT ON COLUMN quarantine.raw_record IS 'The record as received (first 20 000 characters).';
COMMENT ON COLUMN quarantine.reason IS 'Why it was rejected, e.g. "invalid JSON: …", "empty ''text''", "fact-check title has no [VERDICT] tag". The part before the first colon is the reason class.';
COMMENT ON COLUMN quarantine.received_at IS 'When Pantau read it (UTC).';

COMMENT ON TABLE fact_checks IS 'Published fact-checks (cekfakta, turnbackhoax, …), one per link; a feed read again replaces rather than doubles.';
COMMENT ON COLUMN fact_checks.fact_check_id IS 'Stable identifier derived from the link.';
COMMENT ON COLUMN fact_checks.batch_day IS 'The pipeline run that first read it.';
COMMENT ON COLUMN fact_checks.publisher IS 'Who published the fact-check.';
COMMENT ON COLUMN fact_checks.url IS 'Link to the fact-check article.';
COMMENT ON COLUMN fact_checks.title IS 'Article title as published, verdict tag included.';
COMMENT ON COLUMN fact_checks.verdict IS 'Verdict tag, e.g. HOAKS, SALAH, DISINFORMASI, MISLEADING, KLARIFIKASI, BENAR; BENAR, SATIRE and PARODI do not debunk.';
COMMENT ON COLUMN fact_checks.claim IS 'The claim that was checked.';
COMMENT ON COLUMN fact_checks.explanation IS 'Summary of why the claim is false (or true).';
COMMENT ON COLUMN fact_checks.published_at IS 'When the fact-check was published (UTC).';
COMMENT ON COLUMN fact_checks.claim_norm IS 'The claim normalised like post texts, used for matching.';
COMMENT ON COLUMN fact_checks.content_hash IS 'Hash of claim_norm; key into embeddings.';

COMMENT ON TABLE sources IS 'Reference data: the monitored sources, from PANTAU_SOURCES_FILE.';
COMMENT ON COLUMN sources.source IS 'Source name, as in raw_posts.source.';
COMMENT ON COLUMN sources.platform IS 'Platform of the source.';
COMMENT ON COLUMN sources.home_region IS 'Region code the source mostly covers (a prior for region tagging); NULL when national.';
COMMENT ON COLUMN sources.official IS 'True for government and KIM sources: their posts count as official clarifications.';
COMMENT ON COLUMN sources.description IS 'Free-text description of the source.';

COMMENT ON TABLE regions IS 'Reference data: 38 provinces and 514 kabupaten/kota (Kemendagri codes). Use dim_region for the province name of a regency.';
COMMENT ON COLUMN regions.code IS 'Kemendagri code: "33" for a province, "33.74" for a regency/city.';
COMMENT ON COLUMN regions.name IS 'Official name, e.g. "Jawa Tengah", "Kota Semarang".';
COMMENT ON COLUMN regions.short_name IS 'Name without the Kabupaten/Kota prefix.';
COMMENT ON COLUMN regions.level IS 'province or regency (regency covers kabupaten and kota).';
COMMENT ON COLUMN regions.province_code IS 'Code of the province it belongs to (itself for a province).';
COMMENT ON COLUMN regions.lat IS 'Latitude of the region''s centre.';
COMMENT ON COLUMN regions.lon IS 'Longitude of the region''s centre.';
COMMENT ON COLUMN regions.population IS 'Population (latest available estimate), for per-capita rates.';
