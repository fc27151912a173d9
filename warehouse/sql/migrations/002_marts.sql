-- Marts layer: denormalised tables materialised from raw + staging by warehouse/marts.py
-- (SQL in warehouse/sql/marts/), refreshed per batch day when the pipeline publishes.
-- They answer analyst questions at tens of millions of posts without five-way joins.
-- No primary keys: they are rebuilt, never updated in place, and ART indexes would only slow
-- the bulk inserts.

CREATE TABLE IF NOT EXISTS mart_posts (
    post_id               VARCHAR NOT NULL,
    batch_day             DATE NOT NULL,
    day                   DATE NOT NULL,
    published_at          TIMESTAMPTZ NOT NULL,
    source                VARCHAR NOT NULL,
    platform              VARCHAR,
    author                VARCHAR,
    lang                  VARCHAR,
    province_code         VARCHAR,
    regency_code          VARCHAR,
    n_regions             INTEGER NOT NULL,
    narrative_id          VARCHAR,
    assigned_by           VARCHAR,
    duplicate_of          VARCHAR,
    duplicate_kind        VARCHAR,
    is_duplicate          BOOLEAN NOT NULL,
    model_version         VARCHAR,
    hoax_score            DOUBLE,
    flagged               BOOLEAN NOT NULL,
    flag_reason           VARCHAR,
    fact_check_id         VARCHAR,
    fact_check_similarity DOUBLE,
    shares                BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS mart_post_regions (
    post_id       VARCHAR NOT NULL,
    batch_day     DATE NOT NULL,
    day           DATE NOT NULL,
    region_code   VARCHAR NOT NULL,
    level         VARCHAR NOT NULL,
    province_code VARCHAR NOT NULL,
    confidence    DOUBLE NOT NULL,
    source        VARCHAR NOT NULL,
    platform      VARCHAR,
    author        VARCHAR,
    narrative_id  VARCHAR,
    is_duplicate  BOOLEAN NOT NULL,
    flagged       BOOLEAN NOT NULL,
    shares        BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS mart_narrative_daily (
    narrative_id  VARCHAR NOT NULL,
    day           DATE NOT NULL,
    posts         BIGINT NOT NULL,
    authors       BIGINT NOT NULL,
    shares        BIGINT NOT NULL,
    flagged_posts BIGINT NOT NULL,
    duplicates    BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS mart_narrative_region_daily (
    narrative_id  VARCHAR NOT NULL,
    region_code   VARCHAR NOT NULL,
    region_name   VARCHAR,
    level         VARCHAR NOT NULL,
    province_code VARCHAR NOT NULL,
    day           DATE NOT NULL,
    posts         BIGINT NOT NULL,
    authors       BIGINT NOT NULL,
    shares        BIGINT NOT NULL,
    flagged_posts BIGINT NOT NULL
);

-- One row per refresh: what was rebuilt, when, and how long it took.
CREATE TABLE IF NOT EXISTS mart_refresh (
    refreshed_at TIMESTAMPTZ NOT NULL,
    mode         VARCHAR NOT NULL,      -- 'full' | 'days'
    days         DATE[],
    posts        BIGINT,
    seconds      DOUBLE
);
