"""Stage 4: embed each distinct text once per model; fact-check claims too.

Only what the cache lacks is encoded: a duplicate, a rerun, or a text seen on an earlier day
costs nothing. Texts are encoded in chunks and each chunk is stored as soon as it is done, so
memory stays bounded on a big day and a crash loses at most one chunk. The warehouse lock is
not held while the model runs. On a GPU (`PANTAU_EMBEDDING_DEVICE=cuda`) half precision
(`PANTAU_EMBEDDING_FP16=1`) roughly doubles throughput; vectors differ from fp32 ones in the
fourth decimal (cosine > 0.999), far below any threshold Pantau uses.

`todo_table` and `encode_partition` are what the sharded DAG maps over workers.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from pipelines.embedder import Embedder, get_embedder
from pipelines.normalize import normalize_texts
from pipelines.settings import Settings
from pipelines.stages.stage_run import StageRun, stage_run
from warehouse.connection import transaction
from warehouse.store import fetch_arrow
from warehouse.vectors import missing_hashes, store_vectors, vectors_table

# Vectors kept in memory before they are written (50k x 384 float32 is about 75 MB).
FLUSH_VECTORS = 50_000
# Texts per encode call: small enough to show progress and bound the model's working memory;
# large enough that sorting by length inside a chunk leaves batches as tight as one big call.
ENCODE_CHUNK = 1024


def prepare_fact_checks(con: duckdb.DuckDBPyConnection) -> None:
    """Give fact-checks the same normalised text and hash as posts, so they share the cache."""
    rows = con.execute(
        "SELECT fact_check_id, claim FROM fact_checks WHERE content_hash IS NULL").fetchall()
    if not rows:
        return
    norm = normalize_texts([r[1] for r in rows])
    update = pa.table({"fact_check_id": pa.array([r[0] for r in rows], pa.string()),
                       "claim_norm": norm.column("text_norm"),
                       "content_hash": norm.column("content_hash")})
    with transaction(con):
        con.register("_fc_norm", update)
        try:
            con.execute("UPDATE fact_checks f SET claim_norm = u.claim_norm,"
                        " content_hash = u.content_hash FROM _fc_norm u"
                        " WHERE f.fact_check_id = u.fact_check_id")
        finally:
            con.unregister("_fc_norm")


WANTED_SQL = (
    "SELECT content_hash, any_value(text) AS text FROM ("
    " SELECT content_hash, text_norm AS text FROM stg_posts"
    "  WHERE batch_day = ? AND duplicate_of IS NULL"
    " UNION ALL SELECT content_hash, claim_norm FROM fact_checks"
    "  WHERE content_hash IS NOT NULL) GROUP BY 1")


def todo_table(con: duckdb.DuckDBPyConnection, model_id: str,
               day: date) -> tuple[pa.Table, int]:
    """(content_hash, text) the cache lacks for the day's posts and the fact-checks, ordered by
    hash, as one Arrow table (compact on a big day: no Python object per text), and how many
    distinct texts the day has in all."""
    todo = fetch_arrow(
        con, f"SELECT w.content_hash, coalesce(w.text, '') AS text FROM ({WANTED_SQL}) w"
        " ANTI JOIN embeddings e ON e.content_hash = w.content_hash AND e.model_id = ?"
        " ORDER BY 1", [day, model_id])
    (distinct,) = con.execute(f"SELECT count(*) FROM ({WANTED_SQL})", [day]).fetchone() or (0,)
    return todo, int(distinct)


def prepare_embedder(settings: Settings, embedder: Embedder | None = None) -> Embedder:
    """The embedder to use: the one given, else the configured one (loaded once per process;
    half precision on a GPU is part of its settings, `embedding_fp16`)."""
    return embedder or get_embedder(settings)


def encode_partition(embedder: Embedder, hashes: Sequence[str], texts: Sequence[str],
                     on_chunk: Callable[[pa.Table], None] | None = None,
                     chunk: int = ENCODE_CHUNK) -> pa.Table | None:
    """Encode `texts`; returns (model_id, content_hash, vector) rows, or hands every chunk to
    `on_chunk` (then returns None) so the caller can store it and let it go."""
    parts: list[pa.Table] = []
    for start in range(0, len(texts), chunk):
        vectors = embedder.encode(list(texts[start:start + chunk]))
        table = vectors_table(embedder.model_id, list(hashes[start:start + chunk]), vectors)
        if on_chunk is not None:
            on_chunk(table)
        else:
            parts.append(table)
    if on_chunk is not None:
        return None
    if not parts:
        return vectors_table(embedder.model_id, [], np.zeros((0, embedder.dimension),
                                                             dtype=np.float32))
    return pa.concat_tables(parts)


def store_new_vectors(con: duckdb.DuckDBPyConnection, table: pa.Table) -> int:
    """Insert the rows of `table` the cache does not hold yet (another run may have cached
    some meanwhile)."""
    if table.num_rows == 0:
        return 0
    model_id = table.column("model_id")[0].as_py()
    with transaction(con):
        fresh = set(missing_hashes(con, model_id, table.column("content_hash").to_pylist()))
        if len(fresh) < table.num_rows:
            mask = [h in fresh for h in table.column("content_hash").to_pylist()]
            table = table.filter(pa.array(mask))
        return store_vectors(con, model_id, table=table)


def embed(settings: Settings, day: date, embedder: Embedder | None = None,
          show_progress: bool = False) -> dict[str, Any]:
    model = prepare_embedder(settings, embedder)
    # The lock is taken for each write only (run.writer()), not while the model runs.
    with stage_run(settings, day, "embed", hold_lock=False) as run:
        return _embed(run, model, day, show_progress)


def _embed(run: StageRun, model: Embedder, day: date, show_progress: bool) -> dict[str, Any]:
    with run.writer() as con:
        prepare_fact_checks(con)
        todo, distinct = todo_table(con, model.model_id, day)
    n_todo = todo.num_rows
    # Encoding can take minutes on a big day: the warehouse lock is released meanwhile so
    # analysts and other writers are not blocked by the model.
    pending: list[pa.Table] = []
    held = 0
    encode_s = 0.0

    def flush() -> None:
        nonlocal held
        if not pending:
            return
        with run.writer() as con:
            store_new_vectors(con, pa.concat_tables(pending))
        pending.clear()
        held = 0

    def keep(table: pa.Table) -> None:
        nonlocal held
        pending.append(table)
        held += table.num_rows
        if held >= FLUSH_VECTORS:
            flush()

    bar = None
    if show_progress and n_todo:
        from tqdm.auto import tqdm

        bar = tqdm(total=n_todo, desc="embedding", unit="text")
    started = time.perf_counter()
    try:
        for start in range(0, n_todo, ENCODE_CHUNK):
            chunk = todo.slice(start, ENCODE_CHUNK)
            encode_partition(model, chunk.column("content_hash").to_pylist(),
                             chunk.column("text").to_pylist(), on_chunk=keep)
            if bar is not None:
                bar.update(chunk.num_rows)
    finally:
        if bar is not None:
            bar.close()
    encode_s = time.perf_counter() - started
    with run.writer() as con:
        if pending:
            store_new_vectors(con, pa.concat_tables(pending))
            pending.clear()
        counts = {"stored": n_todo, "duplicates": distinct - n_todo}
        run.finish(counts=counts,
                   detail={"model": model.model_id, "encode_seconds": round(encode_s, 3)})
    return {"embedded": n_todo, "cached": distinct - n_todo}
