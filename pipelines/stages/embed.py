"""Stage 4: embed each distinct text once per model; fact-check claims too."""

from __future__ import annotations

from datetime import date

import duckdb

from pipelines.embedder import Embedder, get_embedder
from pipelines.normalize import normalize_texts
from pipelines.settings import Settings
from warehouse.connection import transaction, writer
from warehouse.store import finish_run, start_run
from warehouse.vectors import missing_hashes, store_vectors


def prepare_fact_checks(con: duckdb.DuckDBPyConnection) -> None:
    """Give fact-checks the same normalised text and hash as posts, so they share the cache."""
    rows = con.execute(
        "SELECT fact_check_id, claim FROM fact_checks WHERE content_hash IS NULL").fetchall()
    if not rows:
        return
    norm = normalize_texts([r[1] for r in rows])
    with transaction(con):
        for (fc_id, _), text_norm, chash in zip(
            rows, norm.column("text_norm").to_pylist(),
            norm.column("content_hash").to_pylist(), strict=True
        ):
            con.execute("UPDATE fact_checks SET claim_norm = ?, content_hash = ?"
                        " WHERE fact_check_id = ?", [text_norm, chash, fc_id])


def embed(settings: Settings, day: date, embedder: Embedder | None = None,
          show_progress: bool = False) -> dict[str, int]:
    model = embedder or get_embedder(settings)
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        run_id = start_run(con, day, "embed")
        prepare_fact_checks(con)
        rows = con.execute(
            "SELECT content_hash, any_value(text_norm) FROM stg_posts"
            " WHERE batch_day = ? AND duplicate_of IS NULL GROUP BY 1"
            " UNION SELECT content_hash, any_value(claim_norm) FROM fact_checks"
            " WHERE content_hash IS NOT NULL GROUP BY 1", [day]).fetchall()
        text_by_hash = dict(rows)
        todo = missing_hashes(con, model.model_id, list(text_by_hash))
    # Encoding can take minutes on a big day: the warehouse lock is released meanwhile so
    # analysts and other writers are not blocked by the model.
    vectors = model.encode([text_by_hash[h] for h in todo], show_progress=show_progress)
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        with transaction(con):
            # Another run may have cached some of these meanwhile.
            fresh = set(missing_hashes(con, model.model_id, todo))
            keep = [i for i, h in enumerate(todo) if h in fresh]
            store_vectors(con, model.model_id, [todo[i] for i in keep], vectors[keep])
        counts = {"stored": len(todo), "duplicates": len(text_by_hash) - len(todo)}
        finish_run(con, run_id, counts=counts, detail={"model": model.model_id})
    return {"embedded": len(todo), "cached": len(text_by_hash) - len(todo)}
