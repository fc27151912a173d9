-- Staging layer: normalised, tagged, scored and clustered posts.

COMMENT ON TABLE stg_posts IS 'Staging layer. One row per raw post: cleaned and normalised text, local day, language, and the link to the first occurrence for duplicates.';
COMMENT ON COLUMN stg_posts.post_id IS 'The post (raw_posts.post_id).';
COMMENT ON COLUMN stg_posts.batch_day IS 'The pipeline run that received it.';
COMMENT ON COLUMN stg_posts.day IS 'Local day of publication (Asia/Jakarta); the day every daily count uses.';
COMMENT ON COLUMN stg_posts.text_clean IS 'Text after Unicode/HTML clean-up and forward-boilerplate removal.';
COMMENT ON COLUMN stg_posts.text_norm IS 'Lower-cased text with slang mapped to formal Indonesian; what the models read.';
COMMENT ON COLUMN stg_posts.content_hash IS 'Hash of text_norm: equal texts have equal hashes. Key into embeddings.';
COMMENT ON COLUMN stg_posts.lang IS 'Detected language (ISO 639-1: id, jv, su, en, …).';
COMMENT ON COLUMN stg_posts.urls IS 'Links found in the text.';
COMMENT ON COLUMN stg_posts.mentions IS '@mentions found in the text.';
COMMENT ON COLUMN stg_posts.hashtags IS '#hashtags found in the text.';
COMMENT ON COLUMN stg_posts.emojis IS 'Emojis found in the text.';
COMMENT ON COLUMN stg_posts.duplicate_of IS 'post_id of the first occurrence when this post is an exact or near duplicate (a forward); NULL for originals.';
COMMENT ON COLUMN stg_posts.duplicate_kind IS 'exact, near, or NULL for originals.';

COMMENT ON TABLE post_regions IS 'Staging layer. Region tags of each post with evidence; a regency tag comes with its province tag. A post can have several.';
COMMENT ON COLUMN post_regions.post_id IS 'The post.';
COMMENT ON COLUMN post_regions.batch_day IS 'The pipeline run that tagged it.';
COMMENT ON COLUMN post_regions.region_code IS 'Tagged region (regions.code).';
COMMENT ON COLUMN post_regions.level IS 'province or regency.';
COMMENT ON COLUMN post_regions.province_code IS 'Province of the tagged region.';
COMMENT ON COLUMN post_regions.confidence IS 'Tagger confidence, 0 to 1.';
COMMENT ON COLUMN post_regions.evidence IS 'The words that gave the region away.';
COMMENT ON COLUMN post_regions.rule IS 'Tagger rule that fired, e.g. explicit_prefix ("Kab. Sleman"), name, alias, context, implied_by_regency, or a source/hint prior.';

COMMENT ON TABLE embeddings IS 'Staging layer. Cache of sentence embeddings, one per distinct text and embedding model.';
COMMENT ON COLUMN embeddings.model_id IS 'Embedding model identifier.';
COMMENT ON COLUMN embeddings.content_hash IS 'stg_posts.content_hash or fact_checks.content_hash of the text.';
COMMENT ON COLUMN embeddings.vector IS 'The embedding (L2-normalised float vector).';

COMMENT ON TABLE post_scores IS 'Staging layer. Hoax likelihood and best fact-check match per post; duplicates carry the verdict of the post they copy.';
COMMENT ON COLUMN post_scores.post_id IS 'The post.';
COMMENT ON COLUMN post_scores.batch_day IS 'The pipeline run that scored it.';
COMMENT ON COLUMN post_scores.model_version IS 'Production classifier version that scored it (models.version); NULL when no model was in production.';
COMMENT ON COLUMN post_scores.hoax_score IS 'Calibrated probability that the post spreads a hoax, 0 to 1.';
COMMENT ON COLUMN post_scores.fact_check_id IS 'Most similar fact-check above PANTAU_FACT_CHECK_THRESHOLD, if any.';
COMMENT ON COLUMN post_scores.fact_check_similarity IS 'Cosine similarity to that fact-check.';
COMMENT ON COLUMN post_scores.fact_check_tier IS 'cocok (confirmed: shown with the debunk, counts as countered, flags the post) or mungkin terkait (suggestion only).';
COMMENT ON COLUMN post_scores.fact_check_score IS 'Calibrated probability that the fact-check is the one for this post.';
COMMENT ON COLUMN post_scores.flagged IS 'True when the post matches a debunking fact-check or hoax_score >= PANTAU_HOAX_THRESHOLD.';
COMMENT ON COLUMN post_scores.flag_reason IS 'fact_check_match, classifier, or NULL when not flagged.';

COMMENT ON TABLE narrative_dim IS 'Staging layer. One row per narrative (a cluster of posts telling the same story); IDs stay stable across days and reruns.';
COMMENT ON COLUMN narrative_dim.narrative_id IS 'Stable identifier N<created day>-<hash>.';
COMMENT ON COLUMN narrative_dim.created_day IS 'Day the narrative was first formed.';
COMMENT ON COLUMN narrative_dim.updated_day IS 'Last day posts joined it.';
COMMENT ON COLUMN narrative_dim.label IS 'Short label from its most distinctive keywords.';
COMMENT ON COLUMN narrative_dim.keywords IS 'Distinctive keywords, most distinctive first.';
COMMENT ON COLUMN narrative_dim.representative_post_id IS 'The member post closest to the centroid.';
COMMENT ON COLUMN narrative_dim.centroid IS 'Mean embedding of the members at creation.';
COMMENT ON COLUMN narrative_dim.n_members IS 'Original (non-duplicate) posts assigned so far.';
COMMENT ON COLUMN narrative_dim.fact_check_id IS 'Best debunking fact-check matched by its members, if any.';
COMMENT ON COLUMN narrative_dim.fact_check_similarity IS 'Similarity of that match.';
COMMENT ON COLUMN narrative_dim.hoax_score IS 'Mean hoax_score of its original members.';
COMMENT ON COLUMN narrative_dim.flagged IS 'True when hoax_score >= threshold or a debunking fact-check matched.';

COMMENT ON TABLE narrative_posts IS 'Staging layer. Which narrative each post belongs to (at most one).';
COMMENT ON COLUMN narrative_posts.post_id IS 'The post.';
COMMENT ON COLUMN narrative_posts.narrative_id IS 'Its narrative (narrative_dim.narrative_id).';
COMMENT ON COLUMN narrative_posts.batch_day IS 'The pipeline run that assigned it.';
COMMENT ON COLUMN narrative_posts.similarity IS 'Cosine similarity to the narrative centroid when assigned.';
COMMENT ON COLUMN narrative_posts.assigned_by IS 'join (joined a known narrative), new (formed a new one), split (split off its parent), reply (its words left it out; follows the post it replies to), clarification (an official post linked to the narrative it clarifies), clarification_share or duplicate (follows the post it copies).';

COMMENT ON TABLE narrative_events IS 'Staging layer. Life events of narratives: created, merged_into, split_from.';
COMMENT ON COLUMN narrative_events.narrative_id IS 'The narrative.';
COMMENT ON COLUMN narrative_events.day IS 'Day of the event.';
COMMENT ON COLUMN narrative_events.event IS 'created, merged_into or split_from.';
COMMENT ON COLUMN narrative_events.other_narrative_id IS 'The other narrative of a merge or split.';
COMMENT ON COLUMN narrative_events.reason IS 'Why, in words.';

COMMENT ON TABLE narrative_day_sums IS 'Staging layer (internal). Per-day sums of member vectors, so centroids as of any day need no re-read of posts.';
COMMENT ON COLUMN narrative_day_sums.narrative_id IS 'The narrative.';
COMMENT ON COLUMN narrative_day_sums.day IS 'Batch day of the members summed.';
COMMENT ON COLUMN narrative_day_sums.n IS 'Members that day.';
COMMENT ON COLUMN narrative_day_sums.vector_sum IS 'Sum of their embeddings.';
