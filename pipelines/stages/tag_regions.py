"""Stage 3: tag each post with provinces and kabupaten/kota, with evidence and confidence."""

from __future__ import annotations

from datetime import date

import duckdb
import pyarrow as pa

from pipelines.gazetteer import load_regions
from pipelines.region_tagger import get_tagger
from pipelines.settings import Settings
from warehouse import schemas
from warehouse.connection import writer
from warehouse.store import finish_run, insert_arrow, replace_batch, start_run


def ensure_regions(con: duckdb.DuckDBPyConnection) -> None:
    """The regions dimension is reference data: loaded once, refreshed when the file changes."""
    regions = load_regions()
    (count,) = con.execute("SELECT count(*) FROM regions").fetchone() or (0,)
    if count == regions.num_rows:
        return
    con.execute("DELETE FROM regions")
    wanted = ["code", "name", "short_name", "level", "province_code", "lat", "lon", "population"]
    insert_arrow(con, "regions", regions.select([c for c in wanted if c in regions.column_names]))


def tag_regions(settings: Settings, day: date) -> dict[str, int]:
    tagger = get_tagger()
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        run_id = start_run(con, day, "tag_regions")
        ensure_regions(con)
        posts = con.execute(
            "SELECT s.post_id, s.text_clean, r.region_hint, src.home_region"
            " FROM stg_posts s JOIN raw_posts r USING (post_id)"
            " LEFT JOIN sources src ON src.source = r.source"
            " WHERE s.batch_day = ? ORDER BY s.post_id", [day]).fetchall()
        tags = tagger.tag_many([p[1] for p in posts], [p[2] for p in posts],
                               [p[3] for p in posts])
        rows = []
        for (pid, _, _, _), post_tags in zip(posts, tags, strict=True):
            seen = set()
            for tag in post_tags:
                if tag.code in seen:
                    continue
                seen.add(tag.code)
                rows.append({"post_id": pid, "batch_day": day, "region_code": tag.code,
                             "level": tag.level, "province_code": tag.province_code,
                             "confidence": tag.confidence, "evidence": tag.evidence,
                             "rule": tag.rule})
        replace_batch(con, [("post_regions", pa.Table.from_pylist(
            rows, schema=schemas.POST_REGIONS))], day)
        tagged = len({r["post_id"] for r in rows})
        finish_run(con, run_id, counts={"stored": len(rows)}, detail={"posts_tagged": tagged,
                                                                      "posts": len(posts)})
    return {"posts": len(posts), "tagged": tagged, "tags": len(rows)}
