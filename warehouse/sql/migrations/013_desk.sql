-- The desk (issue #18, docs/desk.md): officers' actions live in the desk's own SQLite store
-- ($PANTAU_HOME/desk.sqlite) so they never wait on this file's writer; the pipeline mirrors
-- them here at the start of the stages that read them (publish, retraining). Each table is
-- replaced whole on every mirror: the desk store is the source of truth.
CREATE TABLE IF NOT EXISTS desk_action_log (
    action_id    BIGINT PRIMARY KEY,
    acted_at     TIMESTAMPTZ NOT NULL,
    username     VARCHAR NOT NULL,
    role         VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,
    narrative_id VARCHAR,
    post_id      VARCHAR,
    region_code  VARCHAR,
    value        JSON,
    previous     JSON
);

CREATE TABLE IF NOT EXISTS desk_labels (
    target       VARCHAR NOT NULL,   -- 'post' | 'narrative'
    target_id    VARCHAR NOT NULL,
    username     VARCHAR NOT NULL,
    label        VARCHAR NOT NULL,   -- 'hoax' | 'not_hoax'
    narrative_id VARCHAR,
    labelled_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (target, target_id, username)
);

CREATE TABLE IF NOT EXISTS desk_match_decisions (
    narrative_id  VARCHAR NOT NULL,
    fact_check_id VARCHAR NOT NULL,
    decision      VARCHAR NOT NULL,  -- 'confirmed' | 'rejected'
    username      VARCHAR NOT NULL,
    decided_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (narrative_id, fact_check_id)
);

CREATE TABLE IF NOT EXISTS desk_counter_messages (
    message_id    BIGINT PRIMARY KEY,
    narrative_id  VARCHAR NOT NULL,
    region_code   VARCHAR,           -- NULL: national
    text          VARCHAR NOT NULL,
    fact_check_id VARCHAR,
    status        VARCHAR NOT NULL,  -- 'draft' | 'validated' | 'approved'
    drafted_by    VARCHAR NOT NULL,
    drafted_at    TIMESTAMPTZ NOT NULL,
    validated_by  VARCHAR,
    validated_at  TIMESTAMPTZ,
    approved_by   VARCHAR,
    approved_at   TIMESTAMPTZ,
    approved_day  DATE               -- local day (PANTAU_TIMEZONE) of the approval
);

CREATE TABLE IF NOT EXISTS desk_countered (
    narrative_id VARCHAR NOT NULL,
    region_code  VARCHAR NOT NULL,
    url          VARCHAR NOT NULL,
    username     VARCHAR NOT NULL,
    marked_at    TIMESTAMPTZ NOT NULL,
    day          DATE NOT NULL,      -- local day of the mark
    PRIMARY KEY (narrative_id, region_code)
);
