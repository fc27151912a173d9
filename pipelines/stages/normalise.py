"""Stage 2: clean and normalise text, then link exact and near duplicates to their first post."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.compute as pc

from pipelines.near_duplicates import NearDuplicateIndex
from pipelines.normalize import normalize_texts
from pipelines.settings import Settings
from warehouse import schemas
from warehouse.connection import writer
from warehouse.store import fetch_arrow, finish_run, replace_batch, start_run

NEAR_DUPLICATE_WINDOW_DAYS = 7


def normalise(settings: Settings, day: date) -> dict[str, int]:
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        run_id = start_run(con, day, "normalise")
        raw = fetch_arrow(
            con, "SELECT post_id, text, published_at FROM raw_posts WHERE batch_day = ?"
            " ORDER BY published_at, post_id", [day])
        norm = normalize_texts(raw.column("text").to_pylist())
        zone = ZoneInfo(settings.timezone)
        days = [ts.astimezone(zone).date() for ts in raw.column("published_at").to_pylist()]
        post_ids = raw.column("post_id").to_pylist()
        hashes = norm.column("content_hash").to_pylist()
        texts_norm = norm.column("text_norm").to_pylist()

        # First occurrences from earlier batches win, so a rerun of an old day keeps its links.
        since = day - timedelta(days=NEAR_DUPLICATE_WINDOW_DAYS)
        first_by_hash: dict[str, str] = {}
        index = NearDuplicateIndex()
        history = con.execute(
            "SELECT post_id, content_hash, text_norm, day >= ? AS recent FROM stg_posts"
            " WHERE batch_day < ? AND duplicate_of IS NULL"
            " AND (content_hash IN (SELECT unnest(?::VARCHAR[])) OR day >= ?)"
            " ORDER BY batch_day, post_id",
            [since, day, list(set(hashes)), since]).fetchall()
        for pid, chash, tnorm, recent in history:
            first_by_hash.setdefault(chash, pid)
            if recent:
                index.add(pid, tnorm)

        duplicate_of: list[str | None] = []
        kinds: list[str | None] = []
        for pid, chash, tnorm in zip(post_ids, hashes, texts_norm, strict=True):
            if chash in first_by_hash:
                duplicate_of.append(first_by_hash[chash])
                kinds.append("exact")
                continue
            near = index.find_or_add(pid, tnorm) if tnorm else None
            if near is not None:
                duplicate_of.append(near)
                kinds.append("near")
            else:
                duplicate_of.append(None)
                kinds.append(None)
            first_by_hash[chash] = near or pid

        table = pa.table({
            "post_id": post_ids,
            "batch_day": pa.array([day] * len(post_ids), pa.date32()),
            "day": pa.array(days, pa.date32()),
            "text_clean": norm.column("text_clean"),
            "text_norm": norm.column("text_norm"),
            "content_hash": norm.column("content_hash"),
            "lang": norm.column("lang"),
            "urls": norm.column("urls"),
            "mentions": norm.column("mentions"),
            "hashtags": norm.column("hashtags"),
            "emojis": norm.column("emojis"),
            "duplicate_of": pa.array(duplicate_of, pa.string()),
            "duplicate_kind": pa.array(kinds, pa.string()),
        }).cast(schemas.STG_POSTS)
        replace_batch(con, [("stg_posts", table)], day)
        n_dup = int(pc.sum(pc.is_valid(table.column("duplicate_of"))).as_py() or 0)
        counts = {"stored": table.num_rows - n_dup, "duplicates": n_dup}
        finish_run(con, run_id, counts=counts)
    return counts
