"""Arrow schemas of the tables stages write, so an empty day still writes typed batches."""

from __future__ import annotations

import pyarrow as pa

TS = pa.timestamp("us", tz="UTC")

RAW_POSTS = pa.schema([
    ("post_id", pa.string()), ("batch_day", pa.date32()), ("source", pa.string()),
    ("source_id", pa.string()), ("platform", pa.string()), ("published_at", TS),
    ("author", pa.string()), ("url", pa.string()), ("title", pa.string()), ("text", pa.string()),
    ("lang_declared", pa.string()), ("region_hint", pa.string()), ("reply_to", pa.string()),
    ("shares", pa.int64()), ("extra", pa.string()), ("connector", pa.string()),
    ("source_file", pa.string()), ("received_at", TS),
])

QUARANTINE = pa.schema([
    ("quarantine_id", pa.string()), ("batch_day", pa.date32()), ("source", pa.string()),
    ("connector", pa.string()), ("source_file", pa.string()), ("line_no", pa.int32()),
    ("raw_record", pa.string()), ("reason", pa.string()), ("received_at", TS),
])

FACT_CHECKS = pa.schema([
    ("fact_check_id", pa.string()), ("batch_day", pa.date32()), ("publisher", pa.string()),
    ("url", pa.string()), ("title", pa.string()), ("verdict", pa.string()),
    ("claim", pa.string()), ("explanation", pa.string()), ("published_at", TS),
    ("claim_norm", pa.string()), ("content_hash", pa.string()),
])

STG_POSTS = pa.schema([
    ("post_id", pa.string()), ("batch_day", pa.date32()), ("day", pa.date32()),
    ("text_clean", pa.string()), ("text_norm", pa.string()), ("content_hash", pa.string()),
    ("lang", pa.string()), ("urls", pa.list_(pa.string())), ("mentions", pa.list_(pa.string())),
    ("hashtags", pa.list_(pa.string())), ("emojis", pa.list_(pa.string())),
    ("duplicate_of", pa.string()), ("duplicate_kind", pa.string()),
])

POST_REGIONS = pa.schema([
    ("post_id", pa.string()), ("batch_day", pa.date32()), ("region_code", pa.string()),
    ("level", pa.string()), ("province_code", pa.string()), ("confidence", pa.float64()),
    ("evidence", pa.string()), ("rule", pa.string()),
])

POST_SCORES = pa.schema([
    ("post_id", pa.string()), ("batch_day", pa.date32()), ("model_version", pa.string()),
    ("hoax_score", pa.float64()), ("fact_check_id", pa.string()),
    ("fact_check_similarity", pa.float64()), ("flagged", pa.bool_()),
    ("flag_reason", pa.string()), ("fact_check_tier", pa.string()),
    ("fact_check_score", pa.float64()),
])

NARRATIVE_POSTS = pa.schema([
    ("post_id", pa.string()), ("narrative_id", pa.string()), ("batch_day", pa.date32()),
    ("similarity", pa.float64()), ("assigned_by", pa.string()),
])
