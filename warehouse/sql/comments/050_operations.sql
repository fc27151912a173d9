-- Operations: model lifecycle, labels, runs and schema bookkeeping.

COMMENT ON TABLE labels IS 'Human labels for training and evaluation, imported with `pantau labels import`.';
COMMENT ON COLUMN labels.label_id IS 'Stable identifier of the label.';
COMMENT ON COLUMN labels.post_id IS 'Labelled post, when the label refers to one in the warehouse.';
COMMENT ON COLUMN labels.text IS 'Labelled text, when given directly.';
COMMENT ON COLUMN labels.label IS 'hoax or not_hoax (aliases such as hoaks or valid are normalised on import).';
COMMENT ON COLUMN labels.labeller IS 'Who labelled it.';
COMMENT ON COLUMN labels.labelled_at IS 'When it was labelled; the newest 20 % are the evaluation split.';
COMMENT ON COLUMN labels.note IS 'Labeller''s note.';
COMMENT ON COLUMN labels.source_file IS 'CSV it was imported from.';
COMMENT ON COLUMN labels.imported_at IS 'When it was imported (UTC).';

COMMENT ON TABLE models IS 'Model registry: every trained classifier, its metrics and status (candidate, production, archived).';
COMMENT ON COLUMN models.version IS 'Model version, as in post_scores.model_version.';
COMMENT ON COLUMN models.created_at IS 'When it was trained (UTC).';
COMMENT ON COLUMN models.status IS 'candidate, production (exactly one) or archived.';
COMMENT ON COLUMN models.path IS 'Folder of the model artefact.';
COMMENT ON COLUMN models.sha256 IS 'Checksum of the artefact, verified on load.';
COMMENT ON COLUMN models.embedding_model IS 'Embedding model its features come from.';
COMMENT ON COLUMN models.data_fingerprint IS 'Hash of the training labels.';
COMMENT ON COLUMN models.params IS 'Training parameters (JSON).';
COMMENT ON COLUMN models.metrics IS 'Evaluation metrics (JSON): F1, PR-AUC, … on the time split.';
COMMENT ON COLUMN models.promoted_at IS 'When it last became production.';
COMMENT ON COLUMN models.note IS 'Why it was promoted or archived.';

COMMENT ON TABLE runs IS 'Operations. One row per pipeline stage per batch day: status, timing and counts.';
COMMENT ON COLUMN runs.run_id IS '"<day>:<stage>"; a rerun replaces it.';
COMMENT ON COLUMN runs.day IS 'Batch day processed.';
COMMENT ON COLUMN runs.stage IS 'ingest, normalise, tag_regions, embed, classify, cluster, publish or brief.';
COMMENT ON COLUMN runs.status IS 'running, success or failed (the stage raised, or its process was killed: found at the next start).';
COMMENT ON COLUMN runs.started_at IS 'Start (UTC).';
COMMENT ON COLUMN runs.finished_at IS 'End (UTC); NULL while running or after a crash.';
COMMENT ON COLUMN runs.owner IS 'Process running the stage, host:pid:start time; a running row whose process is gone is marked failed.';
COMMENT ON COLUMN runs.error IS 'Why the run failed (one line); NULL unless status is failed.';
COMMENT ON COLUMN runs.received IS 'Records received (ingest).';
COMMENT ON COLUMN runs.stored IS 'Rows stored by the stage.';
COMMENT ON COLUMN runs.duplicates IS 'Re-delivered records (ingest).';
COMMENT ON COLUMN runs.quarantined IS 'Records quarantined (ingest).';
COMMENT ON COLUMN runs.detail IS 'Stage-specific details (JSON), e.g. model_version, flagged, new_narratives.';

COMMENT ON TABLE schema_migrations IS 'Operations. Schema migrations applied to this warehouse (warehouse/sql/migrations/).';
COMMENT ON COLUMN schema_migrations.version IS 'Migration number (NNN of NNN_name.sql).';
COMMENT ON COLUMN schema_migrations.name IS 'Migration name.';
COMMENT ON COLUMN schema_migrations.applied_at IS 'When it was applied.';

COMMENT ON TABLE schema_objects IS 'Operations (internal). Fingerprint of the views and descriptions last created, so writers skip recreating them when nothing changed.';
COMMENT ON COLUMN schema_objects.name IS 'What was created (views).';
COMMENT ON COLUMN schema_objects.fingerprint IS 'SHA-256 of the SQL and the applied migrations.';
COMMENT ON COLUMN schema_objects.applied_at IS 'When they were created.';

COMMENT ON TABLE model_events IS 'Operations. Audit trail of the model lifecycle: every promotion, forced promotion, rollback and bootstrap, never rewritten.';
COMMENT ON COLUMN model_events.event_id IS 'Identifier of the event.';
COMMENT ON COLUMN model_events.happened_at IS 'When it happened (UTC).';
COMMENT ON COLUMN model_events.version IS 'Model version that became production (models.version).';
COMMENT ON COLUMN model_events.action IS 'promote, force, rollback or bootstrap.';
COMMENT ON COLUMN model_events.previous_version IS 'The production version it replaced; rollbacks walk back along it.';
COMMENT ON COLUMN model_events.note IS 'Why, in words (gate metrics, forced, rollback reason).';
