-- Model lifecycle audit trail: every promotion, forced promotion and rollback, never rewritten.
-- `previous_version` is the production model it replaced, so rollbacks walk back the history.
CREATE TABLE IF NOT EXISTS model_events (
    event_id          VARCHAR PRIMARY KEY,
    happened_at       TIMESTAMPTZ NOT NULL,
    version           VARCHAR NOT NULL,
    action            VARCHAR NOT NULL,    -- 'promote' | 'force' | 'rollback' | 'bootstrap'
    previous_version  VARCHAR,
    note              VARCHAR
);
