"""Embedding cache keyed by (model id, content hash): duplicates and reruns never re-embed."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from warehouse.store import insert_arrow, stream_arrow

FETCH_BATCH = 32_768  # vectors read from the warehouse at a time


def missing_hashes(con: duckdb.DuckDBPyConnection, model_id: str,
                   hashes: Sequence[str]) -> list[str]:
    if not hashes:
        return []
    wanted = pa.table({"content_hash": pa.array(sorted(set(hashes)), pa.string())})
    con.register("_wanted", wanted)
    try:
        rows = con.execute(
            "SELECT w.content_hash FROM _wanted w ANTI JOIN embeddings e"
            " ON e.content_hash = w.content_hash AND e.model_id = ? ORDER BY 1",
            [model_id]).fetchall()
    finally:
        con.unregister("_wanted")
    return [r[0] for r in rows]


def vectors_table(model_id: str, hashes: Sequence[str], vectors: np.ndarray) -> pa.Table:
    """Rows of the `embeddings` table, built without a Python loop over vectors."""
    n = len(hashes)
    dim = vectors.shape[1] if vectors.ndim == 2 else 0
    flat = pa.array(np.ascontiguousarray(vectors, dtype=np.float32).ravel(), pa.float32())
    return pa.table({
        "model_id": pa.array([model_id] * n, pa.string()),
        "content_hash": pa.array(list(hashes), pa.string()),
        "vector": pa.ListArray.from_arrays(
            pa.array(np.arange(0, (n + 1) * dim, dim, dtype=np.int32)[:n + 1]
                     if dim else np.zeros(n + 1, dtype=np.int32)), flat),
    })


def vectors_in(table: pa.Table, hashes: Sequence[str] | pa.Array | pa.ChunkedArray
               ) -> np.ndarray:
    """`fetch_vectors` over an `embeddings`-shaped Arrow table (one model's rows) instead of
    the warehouse: the vectors in the order of `hashes`, which must all be in `table`."""
    if len(hashes) == 0:
        return np.zeros((0, 0), dtype=np.float32)
    wanted = hashes.to_pylist() if isinstance(hashes, (pa.Array, pa.ChunkedArray)) \
        else list(hashes)
    pos = pc.index_in(pa.array(wanted, pa.string()),
                      value_set=table.column("content_hash").combine_chunks())
    if pos.null_count:
        raise LookupError(f"{pos.null_count} texts have no cached embedding")
    rows = table.column("vector").combine_chunks().take(pos)
    flat = rows.flatten().to_numpy(zero_copy_only=False)
    return np.ascontiguousarray(flat.reshape(len(wanted), -1), dtype=np.float32)


def store_vectors(con: duckdb.DuckDBPyConnection, model_id: str,
                  hashes: Sequence[str] | None = None, vectors: np.ndarray | None = None,
                  table: pa.Table | None = None) -> int:
    """Insert vectors for `hashes` (or a ready `vectors_table`); the caller makes sure none
    is cached yet."""
    if table is None:
        if hashes is None or vectors is None or len(hashes) == 0:
            return 0
        table = vectors_table(model_id, hashes, vectors)
    return insert_arrow(con, "embeddings", table)


def fetch_vectors(con: duckdb.DuckDBPyConnection, model_id: str,
                  hashes: Sequence[str] | pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Vectors in the order of `hashes` (which must all be cached).

    Read in record batches straight into the result matrix (by position, so DuckDB sorts
    nothing): the peak is the matrix plus one batch, not several copies of every vector."""
    if len(hashes) == 0:
        return np.zeros((0, 0), dtype=np.float32)
    column = (hashes.cast(pa.string()) if isinstance(hashes, (pa.Array, pa.ChunkedArray))
              else pa.array(list(hashes), pa.string()))
    wanted = pa.table({"content_hash": column,
                       "pos": pa.array(np.arange(len(hashes)), pa.int64())})
    out: np.ndarray | None = None
    found = 0
    con.register("_wanted", wanted)
    try:
        for batch in stream_arrow(
                con, "SELECT w.pos, e.vector FROM _wanted w JOIN embeddings e"
                " ON e.content_hash = w.content_hash AND e.model_id = ?", [model_id],
                FETCH_BATCH):
            pos = batch.column(0).to_numpy(zero_copy_only=False)
            column = batch.column(1)
            offsets = column.offsets.to_numpy(zero_copy_only=False)
            dim = int(offsets[1] - offsets[0])
            if out is None:
                out = np.zeros((len(hashes), dim), dtype=np.float32)
            found += len(pos)
            if found > len(hashes):
                break
            out[pos] = column.flatten().to_numpy(zero_copy_only=False).reshape(len(pos), dim)
    finally:
        con.unregister("_wanted")
    if found != len(hashes) or out is None:
        raise LookupError(f"{len(hashes) - found} texts have no cached embedding")
    return out
