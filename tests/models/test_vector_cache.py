"""Chunked, cached encoding: each chunk stored as it is done, nothing encoded twice."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from models.vector_cache import cached_vectors, open_cache
from pipelines.embedder import encode_in_chunks


class CountingEmbedder:
    model_id = "fake-3d"
    dimension = 3

    def __init__(self) -> None:
        self.calls: list[int] = []

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        self.calls.append(len(texts))
        out = np.array([[len(t), t.count("a"), 1.0] for t in texts], dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_encode_in_chunks_bounds_each_call_and_keeps_order() -> None:
    fake = CountingEmbedder()
    texts = [f"teks {'a' * i}" for i in range(10)]
    parts = list(encode_in_chunks(fake, texts, chunk_size=4))
    assert fake.calls == [4, 4, 2]
    assert [start for start, _ in parts] == [0, 4, 8]
    whole = np.vstack([v for _, v in parts])
    np.testing.assert_allclose(whole, fake.encode(texts))
    with pytest.raises(ValueError):
        list(encode_in_chunks(fake, texts, chunk_size=0))


def test_cache_encodes_only_missing_texts_in_chunks(tmp_path: Path) -> None:
    fake = CountingEmbedder()
    con = open_cache(tmp_path / "cache.duckdb")
    texts = [f"kalimat {'a' * i}" for i in range(7)]
    hashes = [f"h{i}" for i in range(7)]
    first = cached_vectors(con, fake, hashes[:5], texts[:5], chunk_size=2)
    assert fake.calls == [2, 2, 1]
    fake.calls.clear()
    # Reordered, with two new texts: only those are encoded, rows come back in request order.
    order = [6, 0, 5, 4]
    again = cached_vectors(con, fake, [hashes[i] for i in order], [texts[i] for i in order],
                           chunk_size=2)
    assert fake.calls == [2]
    np.testing.assert_allclose(again[1], first[0])
    np.testing.assert_allclose(again[3], first[4])
    con.close()
