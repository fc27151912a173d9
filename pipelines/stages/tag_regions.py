"""Stage 3: tag each post with provinces and kabupaten/kota, with evidence and confidence.

`tag_partition` is pure (posts in, `post_regions` rows out), so the sharded DAG runs it on many
workers; `tag_regions` is the whole stage on one machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from pipelines import parallel
from pipelines.gazetteer import load_regions
from pipelines.region_tagger import get_tagger
from pipelines.settings import Settings
from pipelines.stages.stage_run import stage_run
from warehouse import schemas
from warehouse.connection import transaction
from warehouse.store import (
    insert_arrow,
    replace_batch_parts,
    stream_arrow,
)

POSTS_SQL = (
    "SELECT s.post_id, s.text_clean, r.region_hint, src.home_region"
    " FROM stg_posts s JOIN raw_posts r USING (post_id)"
    " LEFT JOIN sources src ON src.source = r.source"
    " WHERE s.batch_day = ? ORDER BY s.post_id")


def ensure_regions(con: duckdb.DuckDBPyConnection) -> None:
    """The regions dimension is reference data: loaded once, refreshed when the file changes."""
    regions = load_regions()
    (count,) = con.execute("SELECT count(*) FROM regions").fetchone() or (0,)
    if count == regions.num_rows:
        return
    con.execute("DELETE FROM regions")
    wanted = ["code", "name", "short_name", "level", "province_code", "lat", "lon", "population"]
    insert_arrow(con, "regions", regions.select([c for c in wanted if c in regions.column_names]))


def tag_partition(posts: pa.Table, day: date) -> pa.Table:
    """`post_regions` rows for `posts` (post_id, text_clean, region_hint, home_region), in the
    order of the posts, one row per distinct region of a post."""
    texts, hints, homes = (posts.column(name).to_pylist()
                           for name in ("text_clean", "region_hint", "home_region"))
    # Copies of a post (forwards, reposts) carry the same text and hint: tag each once.
    keys = list(zip(texts, hints, homes, strict=True))
    key_ids = {key: i for i, key in enumerate(dict.fromkeys(keys))}
    key_tags = tag_keys(pa.table({
        "key_id": pa.array(range(len(key_ids)), pa.int64()),
        "text_clean": pa.array([k[0] for k in key_ids], pa.string()),
        "region_hint": pa.array([k[1] for k in key_ids], pa.string()),
        "home_region": pa.array([k[2] for k in key_ids], pa.string())}))
    per_post = pa.table({"post_idx": pa.array(range(posts.num_rows), pa.int64()),
                         "post_id": posts.column("post_id"),
                         "key_id": pa.array([key_ids[k] for k in keys], pa.int64())})
    rows = per_post.join(key_tags, "key_id", join_type="inner")
    rows = rows.sort_by([("post_idx", "ascending"), ("ord", "ascending")])
    data = {name: rows.column(name) for name in ("post_id", *_TAG_FIELDS)}
    data["batch_day"] = pa.array([day] * rows.num_rows, pa.date32())
    return pa.table({f.name: data[f.name] for f in schemas.POST_REGIONS},
                    schema=schemas.POST_REGIONS)


def store_tag_parts(con: duckdb.DuckDBPyConnection, day: date, parts: Iterable[pa.Table],
                    n_posts: int) -> dict[str, int]:
    """Replace the day's `post_regions` with the rows of `parts`, partitions whose posts are
    disjoint (a sharded day), one in memory at a time; the stage counts."""
    ensure_regions(con)
    tagged = 0

    def counted() -> Iterator[pa.Table]:
        nonlocal tagged
        for part in parts:
            if part.num_rows:
                tagged += int(pc.count_distinct(part.column("post_id")).as_py())
            yield part

    tags = replace_batch_parts(con, "post_regions", day, counted())
    return {"posts": n_posts, "tagged": tagged, "tags": tags}


# Distinct (text, hint, home region) keys tagged per batch on one machine.
TAG_BATCH = 50_000
_TAG_FIELDS = ("region_code", "level", "province_code", "confidence", "evidence", "rule")


def tag_keys(keys: pa.RecordBatch | pa.Table) -> pa.Table:
    """Tags of distinct (key_id, text_clean, region_hint, home_region) rows: one row per key and
    distinct region, in the tagger's order (`ord`)."""
    tagger = get_tagger()
    tagged = tagger.tag_many([t or "" for t in keys.column(1).to_pylist()],
                             keys.column(2).to_pylist(), keys.column(3).to_pylist())
    cols: dict[str, list[object]] = {name: [] for name in ("key_id", "ord", *_TAG_FIELDS)}
    for key_id, tags in zip(keys.column(0).to_pylist(), tagged, strict=True):
        seen: set[str] = set()
        for tag in tags:
            if tag.code in seen:
                continue
            seen.add(tag.code)
            cols["key_id"].append(key_id)
            cols["ord"].append(len(seen))
            cols["region_code"].append(tag.code)
            cols["level"].append(tag.level)
            cols["province_code"].append(tag.province_code)
            cols["confidence"].append(tag.confidence)
            cols["evidence"].append(tag.evidence)
            cols["rule"].append(tag.rule)
    data = {"key_id": pa.array(cols["key_id"], pa.int64()),
            "ord": pa.array(cols["ord"], pa.int32())}
    data.update({name: pa.array(cols[name], schemas.POST_REGIONS.field(name).type)
                 for name in _TAG_FIELDS})
    return pa.table(data)


def tag_regions(settings: Settings, day: date) -> dict[str, int]:
    """The whole stage on one machine, the same rows as `tag_partition` + `store_tag_parts`: each
    distinct (text, hint, home region) is tagged once, in batches, and the warehouse fans the
    tags out to the posts, so memory does not grow with the day's posts."""
    with stage_run(settings, day, "tag_regions") as run:
        con = run.con
        ensure_regions(con)
        posts = POSTS_SQL.replace(" ORDER BY s.post_id", "")
        same = ("p.text_clean IS NOT DISTINCT FROM k.text_clean"
                " AND p.region_hint IS NOT DISTINCT FROM k.region_hint"
                " AND p.home_region IS NOT DISTINCT FROM k.home_region")
        try:
            con.execute("CREATE OR REPLACE TEMP TABLE _tag_keys AS SELECT (row_number() OVER ())"
                        " - 1 AS key_id, * FROM (SELECT DISTINCT text_clean, region_hint,"
                        f" home_region FROM ({posts}))", [day])
            con.execute("CREATE OR REPLACE TEMP TABLE _tag_posts AS SELECT p.post_id, k.key_id"
                        f" FROM ({posts}) p JOIN _tag_keys k ON {same}", [day])
            ((n_keys,),) = con.execute("SELECT count(*) FROM _tag_keys").fetchall()
            processes, batch_rows = parallel.plan(settings, int(n_keys), TAG_BATCH)
            if processes > 1:
                get_tagger()  # built once here; the forked workers inherit it
            parts = list(parallel.map_ordered(tag_keys, stream_arrow(
                con, "SELECT key_id, text_clean, region_hint, home_region FROM _tag_keys"
                " ORDER BY key_id", (), batch_rows), processes))
            key_tags = pa.concat_tables(parts) if parts else tag_keys(
                pa.table({"key_id": pa.array([], pa.int64()), "t": pa.array([], pa.string()),
                          "h": pa.array([], pa.string()), "r": pa.array([], pa.string())}))
            con.register("_key_tags", key_tags)
            with transaction(con):
                con.execute("DELETE FROM post_regions WHERE batch_day = ?", [day])
                con.execute(
                    "INSERT INTO post_regions BY NAME SELECT p.post_id, t.region_code, t.level,"
                    " t.province_code, t.confidence, t.evidence, t.rule,"
                    " ?::DATE AS batch_day FROM _tag_posts p JOIN _key_tags t USING (key_id)"
                    " ORDER BY p.post_id, t.ord", [day])
            ((n_posts, tagged, n_tags),) = con.execute(
                "SELECT (SELECT count(*) FROM _tag_posts), count(DISTINCT post_id), count(*)"
                " FROM post_regions WHERE batch_day = ?", [day]).fetchall()
        finally:
            con.unregister("_key_tags")
            con.execute("DROP TABLE IF EXISTS _tag_keys")
            con.execute("DROP TABLE IF EXISTS _tag_posts")
        result = {"posts": int(n_posts), "tagged": int(tagged), "tags": int(n_tags)}
        run.finish(counts={"stored": result["tags"]},
                   detail={"posts_tagged": result["tagged"], "posts": result["posts"]})
    return result
