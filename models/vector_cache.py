"""Embeddings through the (model id, content hash) cache, encoded in bounded chunks."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import numpy as np

from pipelines.embedder import Embedder, encode_in_chunks
from warehouse.vectors import fetch_vectors, missing_hashes, store_vectors

DEFAULT_CHUNK = 2048

_EMBEDDINGS_DDL = (
    "CREATE TABLE IF NOT EXISTS embeddings (model_id VARCHAR NOT NULL, content_hash VARCHAR NOT"
    " NULL, vector FLOAT[] NOT NULL, PRIMARY KEY (model_id, content_hash))")


def ensure_cached(con: duckdb.DuckDBPyConnection, embedder: Embedder, hashes: Sequence[str],
                  texts: Sequence[str], chunk_size: int = DEFAULT_CHUNK,
                  show_progress: bool = False) -> int:
    """Encode the texts whose hash is not cached yet; each chunk is stored as soon as it is
    done, so an interrupted run keeps its work and memory stays at one chunk of vectors."""
    if len(hashes) != len(texts):
        raise ValueError("hashes and texts must have the same length")
    todo = missing_hashes(con, embedder.model_id, list(hashes))
    if not todo:
        return 0
    by_hash = dict(zip(hashes, texts, strict=True))
    pending = [by_hash[h] for h in todo]
    for start, vectors in encode_in_chunks(embedder, pending, chunk_size, show_progress):
        store_vectors(con, embedder.model_id, todo[start:start + len(vectors)], vectors)
    return len(todo)


def cached_vectors(con: duckdb.DuckDBPyConnection, embedder: Embedder, hashes: Sequence[str],
                   texts: Sequence[str], chunk_size: int = DEFAULT_CHUNK,
                   show_progress: bool = False) -> np.ndarray:
    """Vectors for `texts` in order, encoding only what the cache lacks."""
    ensure_cached(con, embedder, hashes, texts, chunk_size, show_progress)
    if len(hashes) == 0:
        return np.zeros((0, embedder.dimension), dtype=np.float32)
    return fetch_vectors(con, embedder.model_id, list(hashes))


def open_cache(path: Path) -> duckdb.DuckDBPyConnection:
    """A stand-alone cache file (benchmarks): only the `embeddings` table of the warehouse."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute(_EMBEDDINGS_DDL)
    return con
