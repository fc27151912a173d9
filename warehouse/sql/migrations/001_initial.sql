-- Raw layer: records as received, one row per accepted record.
CREATE TABLE IF NOT EXISTS raw_posts (
    post_id       VARCHAR PRIMARY KEY,   -- "<source>:<id>", stable across re-ingests
    batch_day     DATE NOT NULL,         -- the run (logical date) that received it
    source        VARCHAR NOT NULL,
    source_id     VARCHAR NOT NULL,
    platform      VARCHAR,
    published_at  TIMESTAMPTZ NOT NULL,
    author        VARCHAR,
    url           VARCHAR,
    title         VARCHAR,
    text          VARCHAR NOT NULL,
    lang_declared VARCHAR,
    region_hint   VARCHAR,
    reply_to      VARCHAR,
    shares        BIGINT,
    extra         JSON,                  -- unknown fields, kept rather than dropped
    connector     VARCHAR NOT NULL,
    source_file   VARCHAR,
    received_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS quarantine (
    quarantine_id VARCHAR PRIMARY KEY,
    batch_day     DATE NOT NULL,
    source        VARCHAR,
    connector     VARCHAR NOT NULL,
    source_file   VARCHAR,
    line_no       INTEGER,
    raw_record    VARCHAR,
    reason        VARCHAR NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS fact_checks (
    fact_check_id VARCHAR PRIMARY KEY,
    batch_day     DATE NOT NULL,
    publisher     VARCHAR NOT NULL,
    url           VARCHAR NOT NULL,
    title         VARCHAR NOT NULL,
    verdict       VARCHAR NOT NULL,
    claim         VARCHAR NOT NULL,
    explanation   VARCHAR,
    published_at  TIMESTAMPTZ,
    claim_norm    VARCHAR,
    content_hash  VARCHAR
);

CREATE TABLE IF NOT EXISTS sources (
    source       VARCHAR PRIMARY KEY,
    platform     VARCHAR,
    home_region  VARCHAR,
    official     BOOLEAN DEFAULT false,
    description  VARCHAR
);

CREATE TABLE IF NOT EXISTS regions (
    code          VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    short_name    VARCHAR,
    level         VARCHAR NOT NULL,
    province_code VARCHAR NOT NULL,
    lat           DOUBLE,
    lon           DOUBLE,
    population    BIGINT
);

-- Staging layer: normalised, typed, deduplicated.
CREATE TABLE IF NOT EXISTS stg_posts (
    post_id        VARCHAR PRIMARY KEY,
    batch_day      DATE NOT NULL,
    day            DATE NOT NULL,        -- local (Asia/Jakarta) day of publication
    text_clean     VARCHAR NOT NULL,
    text_norm      VARCHAR NOT NULL,
    content_hash   VARCHAR NOT NULL,
    lang           VARCHAR,
    urls           VARCHAR[],
    mentions       VARCHAR[],
    hashtags       VARCHAR[],
    emojis         VARCHAR[],
    duplicate_of   VARCHAR,              -- first occurrence, for exact and near duplicates
    duplicate_kind VARCHAR               -- 'exact' | 'near' | NULL
);

CREATE TABLE IF NOT EXISTS post_regions (
    post_id       VARCHAR NOT NULL,
    batch_day     DATE NOT NULL,
    region_code   VARCHAR NOT NULL,
    level         VARCHAR NOT NULL,
    province_code VARCHAR NOT NULL,
    confidence    DOUBLE NOT NULL,
    evidence      VARCHAR,
    rule          VARCHAR,
    PRIMARY KEY (post_id, region_code)
);

CREATE TABLE IF NOT EXISTS embeddings (
    model_id     VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    vector       FLOAT[] NOT NULL,
    PRIMARY KEY (model_id, content_hash)
);

CREATE TABLE IF NOT EXISTS post_scores (
    post_id               VARCHAR PRIMARY KEY,
    batch_day             DATE NOT NULL,
    model_version         VARCHAR,
    hoax_score            DOUBLE,
    fact_check_id         VARCHAR,
    fact_check_similarity DOUBLE,
    flagged               BOOLEAN NOT NULL,
    flag_reason           VARCHAR
);

-- Narratives: identities persist across days.
CREATE TABLE IF NOT EXISTS narrative_dim (
    narrative_id          VARCHAR PRIMARY KEY,
    created_day           DATE NOT NULL,
    updated_day           DATE NOT NULL,
    label                 VARCHAR,
    keywords              VARCHAR[],
    representative_post_id VARCHAR,
    centroid              FLOAT[],
    n_members             INTEGER NOT NULL,
    fact_check_id         VARCHAR,
    fact_check_similarity DOUBLE,
    hoax_score            DOUBLE,
    flagged               BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE IF NOT EXISTS narrative_posts (
    post_id      VARCHAR PRIMARY KEY,
    narrative_id VARCHAR NOT NULL,
    batch_day    DATE NOT NULL,
    similarity   DOUBLE,
    assigned_by  VARCHAR NOT NULL        -- 'join' | 'new' | 'duplicate'
);

CREATE TABLE IF NOT EXISTS narrative_events (
    narrative_id       VARCHAR NOT NULL,
    day                DATE NOT NULL,
    event              VARCHAR NOT NULL,  -- 'created' | 'merged_into' | 'split_from'
    other_narrative_id VARCHAR,
    reason             VARCHAR
);

-- Model lifecycle.
CREATE TABLE IF NOT EXISTS labels (
    label_id     VARCHAR PRIMARY KEY,
    post_id      VARCHAR,
    text         VARCHAR,
    label        VARCHAR NOT NULL,
    labeller     VARCHAR,
    labelled_at  TIMESTAMPTZ,
    note         VARCHAR,
    source_file  VARCHAR,
    imported_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS models (
    version          VARCHAR PRIMARY KEY,
    created_at       TIMESTAMPTZ NOT NULL,
    status           VARCHAR NOT NULL,    -- 'candidate' | 'production' | 'archived'
    path             VARCHAR NOT NULL,
    sha256           VARCHAR NOT NULL,
    embedding_model  VARCHAR NOT NULL,
    data_fingerprint VARCHAR,
    params           JSON,
    metrics          JSON,
    promoted_at      TIMESTAMPTZ,
    note             VARCHAR
);

CREATE TABLE IF NOT EXISTS runs (
    run_id       VARCHAR PRIMARY KEY,
    day          DATE NOT NULL,
    stage        VARCHAR NOT NULL,
    status       VARCHAR NOT NULL,       -- 'running' | 'success' | 'failed'
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    received     BIGINT,
    stored       BIGINT,
    duplicates   BIGINT,
    quarantined  BIGINT,
    detail       JSON
);

-- Per-day sums of member vectors: centroids as of any day without rereading all posts.
CREATE TABLE IF NOT EXISTS narrative_day_sums (
    narrative_id VARCHAR NOT NULL,
    day          DATE NOT NULL,
    n            INTEGER NOT NULL,
    vector_sum   FLOAT[] NOT NULL,
    PRIMARY KEY (narrative_id, day)
);
