"""Stage 3: tag each post with provinces and kabupaten/kota, with evidence and confidence.

`tag_partition` is pure (posts in, `post_regions` rows out), so the sharded DAG runs it on many
workers; `tag_regions` is the whole stage on one machine.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pyarrow as pa

from pipelines.gazetteer import load_regions
from pipelines.region_tagger import get_tagger
from pipelines.settings import Settings
from warehouse import schemas
from warehouse.connection import writer
from warehouse.store import fetch_arrow, finish_run, insert_arrow, replace_batch, start_run

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
    tagger = get_tagger()
    texts = posts.column("text_clean").to_pylist()
    hints = posts.column("region_hint").to_pylist()
    homes = posts.column("home_region").to_pylist()
    # Copies of a post (forwards, reposts) carry the same text and hint: tag each once.
    keys = list(zip(texts, hints, homes, strict=True))
    unique = list(dict.fromkeys(keys))
    tagged = tagger.tag_many([k[0] or "" for k in unique], [k[1] for k in unique],
                             [k[2] for k in unique])
    by_key = dict(zip(unique, tagged, strict=True))
    cols: dict[str, list[object]] = {name: [] for name in (
        "post_id", "region_code", "level", "province_code", "confidence", "evidence", "rule")}
    for pid, key in zip(posts.column("post_id").to_pylist(), keys, strict=True):
        seen: set[str] = set()
        for tag in by_key[key]:
            if tag.code in seen:
                continue
            seen.add(tag.code)
            cols["post_id"].append(pid)
            cols["region_code"].append(tag.code)
            cols["level"].append(tag.level)
            cols["province_code"].append(tag.province_code)
            cols["confidence"].append(tag.confidence)
            cols["evidence"].append(tag.evidence)
            cols["rule"].append(tag.rule)
    n = len(cols["post_id"])
    data = {name: pa.array(values, schemas.POST_REGIONS.field(name).type)
            for name, values in cols.items()}
    data["batch_day"] = pa.array([day] * n, pa.date32())
    return pa.table({f.name: data[f.name] for f in schemas.POST_REGIONS},
                    schema=schemas.POST_REGIONS)


def store_tags(con: duckdb.DuckDBPyConnection, day: date, rows: pa.Table,
               n_posts: int) -> dict[str, int]:
    """Replace the day's `post_regions` with `rows`; the stage counts."""
    ensure_regions(con)
    replace_batch(con, [("post_regions", rows)], day)
    tagged = len(set(rows.column("post_id").to_pylist()))
    return {"posts": n_posts, "tagged": tagged, "tags": rows.num_rows}


def tag_regions(settings: Settings, day: date) -> dict[str, int]:
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        run_id = start_run(con, day, "tag_regions")
        posts = fetch_arrow(con, POSTS_SQL, [day])
        result = store_tags(con, day, tag_partition(posts, day), posts.num_rows)
        finish_run(con, run_id, counts={"stored": result["tags"]},
                   detail={"posts_tagged": result["tagged"], "posts": result["posts"]})
    return result
