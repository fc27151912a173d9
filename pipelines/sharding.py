"""The heavy stages over many workers: partitions as Parquet, one short merge per stage.

The one-machine pipeline (`pipelines.daily.run_day`) runs each stage over the whole day. Here
the day's posts are split into K partitions written as Parquet; normalising (with region
tagging), embedding and scoring run per partition on any worker — they read and write Parquet
only, never the warehouse — and a short merge step writes each stage's result into DuckDB
(the single writer) in one transaction. `dags/pantau_daily_sharded.py` maps the partition
steps with Airflow dynamic task mapping, so the same DAG runs on Celery or Kubernetes workers.

Every step calls the stages' own functions, so the warehouse ends up the same as after
`run_day` (tests/dags/test_sharded_dag.py and tests/pipelines/test_sharding.py check it):

    step                       reads                         writes
    split_day                  warehouse (after ingest)      raw/part-K
    normalise_shard(k)         raw/part-k                    normalised/part-k, tags/part-k
    merge_normalised           normalised/*, tags/*          stg_posts, post_regions;
                                                              embed/part-K (texts to encode)
    embed_shard(k)             embed/part-k                  vectors/part-k
    merge_vectors              vectors/*                     embeddings; score/part-K
    score_shard(k)             score/part-k                  scores/part-k
    merge_scores               scores/*                      post_scores

Partitions are disjoint and cover the day: raw posts by a hash of the post id; texts to embed
by content hash (each text is encoded once); posts to score by the post they copy (a duplicate
lands with its original, so `classify` gives it the original's verdict as on one machine).
Scoring calls the classify stage's pure half (`Scorer`, `inherit_scores`) on the partition's
Parquet files, with no warehouse and no embedder.

Where partitions live: `shard_dir` (PANTAU_SHARD_DIR, default `$PANTAU_HOME/shards`), a folder
or an object-store URL (`s3://bucket/prefix`; `pipelines.shard_storage`), one folder per day,
replaced when the day is split again. With workers on several machines it, and
`$PANTAU_HOME/models` (the scoring model), must be shared storage; only the merge steps, the
ingest, cluster, publish, brief and deliver need the warehouse file.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.settings import Settings
from pipelines.shard_storage import ShardStore, shard_store
from pipelines.stages.stage_run import stage_run
from warehouse.connection import reader, writer
from warehouse.store import fetch_arrow, finish_run, replace_batch_parts, start_run

_RAW_SQL = (
    "SELECT r.post_id, r.text, r.published_at, r.region_hint, src.home_region"
    " FROM raw_posts r LEFT JOIN sources src ON src.source = r.source"
    " WHERE r.batch_day = ? ORDER BY r.published_at, r.post_id")


# --- where partitions live ---------------------------------------------------------------------

def shard_count(settings: Settings) -> int:
    """Partitions per day (`shards`, PANTAU_SHARDS)."""
    return max(1, settings.shards)


class _Part:
    """One partition file: a key in the shard store (local folder or object store)."""

    def __init__(self, store: ShardStore, key: str) -> None:
        self.store, self.key = store, key

    def exists(self) -> bool:
        return self.store.exists(self.key)

    def __str__(self) -> str:
        return self.store.describe(self.key)


def day_dir(settings: Settings, day: date) -> str:
    """The day's partitions: a key in `shard_store(settings)`."""
    return shard_store(settings).key(day.isoformat())


def day_files(settings: Settings, day: date) -> list[str]:
    """Every file the day's partitions left in the shard store (empty after cleanup)."""
    return shard_store(settings).list(day_dir(settings, day))


def _path(settings: Settings, day: date, kind: str, k: int | str) -> _Part:
    name = f"part-{k:05d}.parquet" if isinstance(k, int) else f"{k}.parquet"
    store = shard_store(settings)
    return _Part(store, store.key(day.isoformat(), kind, name))


def _write(table: pa.Table, part: _Part) -> None:
    part.store.write_table(table, part.key)  # temporary key, then moved: never half a file


def _read(part: _Part) -> pa.Table:
    if not part.exists():
        raise FileNotFoundError(f"{part} is missing: did the task that writes it run?")
    return part.store.read_table(part.key)


def _parts(settings: Settings, day: date, kind: str, partitions: int) -> list[_Part]:
    """The day's `kind` partitions, every one checked to be there before any is read."""
    parts = [_path(settings, day, kind, k) for k in range(partitions)]
    for k, part in enumerate(parts):
        if not part.exists():
            raise FileNotFoundError(f"partition {k} of '{kind}' for {day} is missing ({part}):"
                                    " did its task run?")
    return parts


def _bucket(keys: Iterable[str], partitions: int) -> np.ndarray:
    """Stable partition of each key (CRC-32, the same on every machine and Python)."""
    return np.array([zlib.crc32(k.encode("utf-8")) % partitions for k in keys], dtype=np.int64)


def _split(table: pa.Table, buckets: np.ndarray, partitions: int) -> Iterator[pa.Table]:
    """The rows of each partition, one partition made at a time (written, then let go)."""
    for k in range(partitions):
        yield table.filter(pa.array(buckets == k))


def configured_model_id(settings: Settings) -> str:
    """The embedder's `model_id` without loading the model (the embedder's own rule)."""
    from pipelines.embedder import configured_model_id as model_id

    return model_id(settings)


def _concat(tables: list[pa.Table]) -> pa.Table:
    return pa.concat_tables(tables, promote_options="default") if len(tables) > 1 else tables[0]


# --- 1. split --------------------------------------------------------------------------------

def split_day(settings: Settings, day: date, partitions: int | None = None) -> list[int]:
    """After ingest: the day's raw posts as `partitions` Parquet files; returns their indexes
    (what the DAG maps over). Replaces any earlier split of the day."""
    k_total = partitions or shard_count(settings)
    store = shard_store(settings)
    store.check()  # an unreachable store fails here, in one line, before any work
    store.delete(day_dir(settings, day))
    with reader(settings.warehouse_path, settings.lock_timeout_s) as con:
        raw = fetch_arrow(con, _RAW_SQL, [day])
    buckets = _bucket(raw.column("post_id").to_pylist(), k_total)
    for k, part in enumerate(_split(raw, buckets, k_total)):
        _write(part, _path(settings, day, "raw", k))
    _write_meta(settings, day, {"partitions": k_total, "posts": raw.num_rows})
    return list(range(k_total))


def _write_meta(settings: Settings, day: date, meta: dict[str, Any]) -> None:
    store = shard_store(settings)
    key = store.key(day.isoformat(), "meta.json")
    old = json.loads(store.read_bytes(key)) if store.exists(key) else {}
    store.write_bytes(json.dumps({**old, **meta}, default=str).encode("utf-8"), key)


def _meta(settings: Settings, day: date) -> dict[str, Any]:
    store = shard_store(settings)
    key = store.key(day.isoformat(), "meta.json")
    if not store.exists(key):
        raise FileNotFoundError(f"{day} has not been split ({store.describe(key)});"
                                " run split_day first")
    meta: dict[str, Any] = json.loads(store.read_bytes(key))
    return meta


# --- 2. normalise (+ region tags) -------------------------------------------------------------

def normalise_shard(settings: Settings, day: date, k: int) -> dict[str, int]:
    """Partition k: text normalisation, MinHash keys and region tags; Parquet only."""
    from pipelines.stages.normalise import normalise_partition
    from pipelines.stages.tag_regions import tag_partition

    raw = _read(_path(settings, day, "raw", k))
    normed = normalise_partition(raw.select(["post_id", "text", "published_at"]),
                                 settings.timezone)
    # Signatures are only needed for the few posts that share a band key; linking recomputes.
    _write(normed.drop_columns(["signature"]), _path(settings, day, "normalised", k))
    posts = pa.table({"post_id": raw.column("post_id"),
                      "text_clean": normed.column("text_clean"),
                      "region_hint": raw.column("region_hint"),
                      "home_region": raw.column("home_region")})
    tags = tag_partition(posts, day)
    _write(tags, _path(settings, day, "tags", k))
    return {"posts": raw.num_rows, "tags": tags.num_rows}


def merge_normalised(settings: Settings, day: date) -> dict[str, int]:
    """Link duplicates over the whole day, write `stg_posts` and `post_regions`, and split the
    texts the embedding cache lacks into partitions by content hash.

    Only the columns linking needs are held for the whole day; the partitions' other columns
    and their region tags stream into the warehouse one partition at a time (at 1M posts the
    whole day at once peaked at 3.2 GB, so 10M would not fit a 24 GB host)."""
    from pipelines.stages.embed import prepare_fact_checks, todo_table
    from pipelines.stages.normalise import LINK_COLUMNS, link_and_store
    from pipelines.stages.tag_regions import store_tag_parts

    k_total = int(_meta(settings, day)["partitions"])
    normed_parts = _parts(settings, day, "normalised", k_total)
    tag_parts = _parts(settings, day, "tags", k_total)
    narrow = _concat([part.store.read_table(part.key, LINK_COLUMNS) for part in normed_parts])
    # In publication order here, where this is the only reference: sorted inside
    # link_and_store, the unsorted copy would stay alive beside the sorted one.
    narrow = narrow.take(pc.sort_indices(narrow, sort_keys=[("published_at", "ascending"),
                                                            ("post_id", "ascending")]))
    n_posts = narrow.num_rows
    model_id = configured_model_id(settings)
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        run_id = start_run(con, day, "normalise")
        counts = link_and_store(con, settings, day, narrow,
                                parts=lambda: (_read(part) for part in normed_parts))
        del narrow
        finish_run(con, run_id, counts=counts, detail={"shards": k_total})
        run_id = start_run(con, day, "tag_regions")
        tagged = store_tag_parts(con, day, (_read(part) for part in tag_parts), n_posts)
        finish_run(con, run_id, counts={"stored": tagged["tags"]},
                   detail={"posts_tagged": tagged["tagged"], "posts": tagged["posts"],
                           "shards": k_total})
        run_id = start_run(con, day, "embed", owned=False)  # merge_vectors finishes it
        prepare_fact_checks(con)
        plan, distinct = todo_table(con, model_id, day)  # (content_hash, text), by hash
    buckets = _bucket(plan.column("content_hash").to_pylist(), k_total)
    for k, part in enumerate(_split(plan, buckets, k_total)):
        _write(part, _path(settings, day, "embed", k))
    to_embed = plan.num_rows
    del plan, buckets
    _write_meta(settings, day, {"embed_run_id": run_id, "to_embed": to_embed,
                                "distinct_texts": distinct, "model_id": model_id})
    return {**counts, "tags": tagged["tags"], "to_embed": to_embed}


# --- 3. embed ------------------------------------------------------------------------------------

def embed_shard(settings: Settings, day: date, k: int) -> dict[str, int]:
    """Partition k's texts through the model; vectors to Parquet."""
    from pipelines.stages.embed import encode_partition, prepare_embedder

    plan = _read(_path(settings, day, "embed", k))
    hashes = plan.column("content_hash").to_pylist()
    embedder = prepare_embedder(settings) if hashes else None
    if embedder is None:
        from warehouse.vectors import vectors_table

        table = vectors_table(configured_model_id(settings), [],
                              np.zeros((0, 0), dtype=np.float32))
    else:
        table = encode_partition(embedder, hashes, plan.column("text").to_pylist())
    assert table is not None
    _write(table, _path(settings, day, "vectors", k))
    return {"embedded": table.num_rows}


def merge_vectors(settings: Settings, day: date) -> dict[str, int]:
    """Store the partitions' vectors, then write what each scoring partition needs."""
    from pipelines.stages.embed import store_new_vectors

    meta = _meta(settings, day)
    k_total = int(meta["partitions"])
    parts = [_path(settings, day, "vectors", k) for k in range(k_total)]
    for k, part in enumerate(parts):  # all there before the writer is taken
        if not part.exists():
            raise FileNotFoundError(f"partition {k} of 'vectors' for {day} is missing ({part}):"
                                    " did its task run?")
    model_id = str(meta["model_id"])
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        # One partition in memory at a time: at 1M posts all of them at once peaked at 6 GB.
        for part in parts:
            table = _read(part)
            if table.num_rows:
                store_new_vectors(con, table.cast(pa.schema([
                    ("model_id", pa.string()), ("content_hash", pa.string()),
                    ("vector", pa.list_(pa.float32()))])))
            del table
        to_embed = int(meta["to_embed"])
        distinct = int(meta["distinct_texts"])
        finish_run(con, str(meta["embed_run_id"]),
                   counts={"stored": to_embed, "duplicates": distinct - to_embed},
                   detail={"model": model_id, "shards": k_total})
        _plan_scoring(con, settings, day, k_total, model_id)
    return {"embedded": to_embed, "cached": distinct - to_embed}


def _plan_scoring(con: Any, settings: Settings, day: date, k_total: int, model_id: str) -> None:
    """Each scoring partition's posts (a post and its copies together, by root) and the vectors
    of its own texts and of the fact-checks, written one partition at a time: the day's
    vectors at once would be 15 GB at 10M posts."""
    from models import registry
    from pipelines.stages.classify import FACT_CHECKS_SQL

    roots = fetch_arrow(con, "SELECT post_id, coalesce(duplicate_of, post_id) AS root"
                        " FROM stg_posts WHERE batch_day = ?", [day])
    buckets = _bucket(roots.column("root").to_pylist(), k_total)
    con.register("_buckets", pa.table({"post_id": roots.column("post_id"),
                                       "k": pa.array(buckets, pa.int64())}))
    del roots, buckets
    try:
        for k in range(k_total):
            # rowid order is the order stg_posts was written in: publication order.
            part = fetch_arrow(
                con, "SELECT s.* FROM stg_posts s JOIN _buckets b USING (post_id)"
                " WHERE s.batch_day = ? AND b.k = ? ORDER BY s.rowid", [day, k])
            _write(part, _path(settings, day, "score", k))
            del part
            vectors = fetch_arrow(
                con, "SELECT e.* FROM embeddings e WHERE e.model_id = ? AND e.content_hash IN ("
                " SELECT s.content_hash FROM stg_posts s JOIN _buckets b USING (post_id)"
                " WHERE s.batch_day = ? AND b.k = ? AND s.duplicate_of IS NULL"
                " UNION SELECT content_hash FROM fact_checks WHERE content_hash IS NOT NULL)",
                [model_id, day, k])
            _write(vectors, _path(settings, day, "score", f"vectors-{k}"))
            del vectors
    finally:
        con.unregister("_buckets")
    # Scores of earlier days' posts that today's duplicates copy (their verdict is inherited).
    inherited = fetch_arrow(
        con, "SELECT p.* FROM post_scores p WHERE p.batch_day <> ? AND p.post_id IN"
        " (SELECT duplicate_of FROM stg_posts WHERE batch_day = ?)", [day, day])
    fact_checks = fetch_arrow(con, FACT_CHECKS_SQL)  # the rows classify's Scorer takes
    champion = registry.production(con)
    _write(inherited, _path(settings, day, "score", "inherited"))
    _write(fact_checks, _path(settings, day, "score", "fact_checks"))
    record = None
    if champion is not None:
        record = {**asdict(champion), "path": str(champion.path)}
    _write_meta(settings, day, {"champion": record})


# --- 4. score ------------------------------------------------------------------------------------

def score_shard(settings: Settings, day: date, k: int) -> dict[str, int]:
    """Partition k scored by classify's pure half (`Scorer`, `inherit_scores`) straight from
    the Parquet files: the partition's posts, their vectors, the fact-checks and the scores of
    earlier days' posts its duplicates copy. No warehouse, no embedder."""
    from models import registry
    from pipelines.stages.classify import (
        CLASSIFY_BATCH,
        Scorer,
        inherit_scores,
    )
    from warehouse.vectors import vectors_in

    meta = _meta(settings, day)
    model_id = str(meta["model_id"])
    posts = _read(_path(settings, day, "score", k))
    inherited = _read(_path(settings, day, "score", "inherited"))
    vectors = _read(_path(settings, day, "score", f"vectors-{k}"))
    fact_checks = _read(_path(settings, day, "score", "fact_checks"))
    champion = None
    if meta.get("champion"):
        champion = registry.ModelRecord(**{**meta["champion"],
                                           "path": Path(meta["champion"]["path"])})
    fcs = [tuple(row.values()) for row in fact_checks.to_pylist()]  # FACT_CHECKS_SQL's rows

    def load_model() -> Any:
        assert champion is not None  # Scorer loads only for a champion
        return registry.load_model(champion)

    scorer = Scorer(model_id, fcs, vectors_in(vectors, [f[2] for f in fcs]), champion,
                    load_model, settings.hoax_threshold)
    originals = posts.filter(pc.is_null(posts.column("duplicate_of"))).sort_by("post_id")
    parts = []
    for start in range(0, originals.num_rows, CLASSIFY_BATCH):  # as the stage batches
        batch = originals.slice(start, CLASSIFY_BATCH)
        parts.append(scorer.score(batch, vectors_in(vectors, batch.column("content_hash")),
                                  day))
    own = pa.concat_tables(parts) if parts else _empty_scores()
    scores = pa.concat_tables([own, inherit_scores(
        posts, pa.concat_tables([own, inherited.cast(own.schema)]))])
    _write(scores, _path(settings, day, "scores", k))
    flagged = int(pc.sum(own.column("flagged")).as_py() or 0)
    return {"scored": own.num_rows, "flagged": flagged, "rows": scores.num_rows}


def _empty_scores() -> pa.Table:
    from warehouse import schemas

    return schemas.POST_SCORES.empty_table()


def merge_scores(settings: Settings, day: date) -> dict[str, int]:
    """Replace the day's `post_scores` with the partitions' rows, in one transaction."""
    from warehouse import schemas

    meta = _meta(settings, day)
    k_total = int(meta["partitions"])
    parts = _parts(settings, day, "scores", k_total)
    champion = meta.get("champion") or {}
    with stage_run(settings, day, "classify") as run:
        con = run.con
        replace_batch_parts(con, "post_scores", day,
                            (_read(part).cast(schemas.POST_SCORES) for part in parts))
        # The counts `classify` reports: the day's own posts, not the copies.
        row = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE s.flagged) FROM post_scores s"
            " JOIN stg_posts p USING (post_id)"
            " WHERE s.batch_day = ? AND p.duplicate_of IS NULL", [day]).fetchone()
        scored, flagged = (int(row[0]), int(row[1])) if row else (0, 0)
        run.finish(counts={"stored": scored},
                   detail={"model_version": champion.get("version"), "flagged": flagged,
                           "shards": k_total})
    return {"scored": scored, "flagged": flagged}


def cleanup(settings: Settings, day: date) -> None:
    """Drop the day's partitions once the merges are done (they are a work area)."""
    shard_store(settings).delete(day_dir(settings, day))


# --- the whole sharded day on one machine (tests, and the CLI) ---------------------------------

def run_day_sharded(settings: Settings, day: date, partitions: int | None = None,
                    keep: bool = False) -> dict[str, Any]:
    """What the sharded DAG does, step by step (`pipelines.spec.SHARDED`), in this process
    (partitions one after another): for tests and for trying a partition count before
    deploying it. Mapped steps give a list of their partitions' results."""
    from pipelines.daily import run_step
    from pipelines.spec import SHARDED

    if partitions is not None:
        settings = settings.model_copy(update={"shards": partitions})
    out: dict[str, Any] = {}
    for step in SHARDED.in_process:
        if step.name == "cleanup" and keep:
            continue
        if step.over is not None:
            out[step.name] = [run_step(step, settings, day, item) for item in out[step.over]]
        else:
            out[step.name] = run_step(step, settings, day)
    return out
