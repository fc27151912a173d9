-- Operations: a run row names the process that owns it, so a stage left 'running' by a killed
-- process is found and marked 'failed' at the next start (warehouse/store.py mark_stale_runs),
-- and a failed run keeps its error message.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS owner VARCHAR;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS error VARCHAR;
