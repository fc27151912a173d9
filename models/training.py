"""Train a candidate from all labels, evaluate it on a held-back time-ordered split, register it."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from models import registry
from models.classifier import (
    DEFAULT_CONFIG,
    ClassifierConfig,
    build_classifier,
    fit_classifier,
    hoax_probability,
    make_frame,
)
from models.evaluation import evaluate_scores
from models.labels import clean_label, read_label_rows
from models.splits import SplitError, group_holdout, random_split
from models.vector_cache import DEFAULT_CHUNK, cached_vectors
from pipelines.embedder import Embedder
from pipelines.errors import PantauError
from pipelines.normalize import normalize_texts
from pipelines.settings import Settings

TEST_FRACTION = 0.2


class TrainingError(PantauError):
    """Not enough or unusable labelled data."""


@dataclass
class LabelledSet:
    text_norm: list[str]
    content_hash: list[str]
    y: np.ndarray
    order_key: list[str]
    groups: list[str] | None = None
    weights: np.ndarray | None = None
    kinds: list[str] | None = None

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for h, label in zip(self.content_hash, self.y.tolist(), strict=True):
            digest.update(f"{h}:{label};".encode())
        return digest.hexdigest()[:16]

    def subset(self, index: np.ndarray) -> LabelledSet:
        return LabelledSet([self.text_norm[i] for i in index],
                           [self.content_hash[i] for i in index], self.y[index],
                           [self.order_key[i] for i in index],
                           [self.groups[i] for i in index] if self.groups else None,
                           self.weights[index] if self.weights is not None else None,
                           [self.kinds[i] for i in index] if self.kinds else None)


def collect_labels(con: duckdb.DuckDBPyConnection, extra: Path | None = None) -> LabelledSet:
    """Labels joined to their post text; conflicting labels resolved by majority, ties dropped."""
    # The publisher (source) of a labelled post; text-only labels have none.
    rows = con.execute(
        "SELECT coalesce(r.text, l.text) AS text, l.label,"
        " coalesce(strftime(r.published_at, '%Y-%m-%dT%H:%M:%S'),"
        "          strftime(l.labelled_at, '%Y-%m-%dT%H:%M:%S'), '') AS ts,"
        " coalesce(r.source, 'unknown') AS source"
        " FROM labels l LEFT JOIN raw_posts r ON r.post_id = l.post_id"
        " WHERE coalesce(r.text, l.text) IS NOT NULL").fetchall()
    items = [(t, lab, ts, src) for t, lab, ts, src in rows]
    if extra is not None:
        for row in read_label_rows(extra):
            try:
                item = clean_label(row)
            except ValueError:
                continue
            if item["text"]:
                stamp = item["labelled_at"].isoformat() if item["labelled_at"] else ""
                items.append((item["text"], item["label"], stamp,
                              str(row.get("source") or "unknown")))
    if not items:
        raise TrainingError("No labelled examples. Import some with `pantau labels import FILE`.")
    norm = normalize_texts([t for t, _, _, _ in items], detect_lang=False)
    hashes = norm.column("content_hash").to_pylist()
    texts = norm.column("text_norm").to_pylist()
    votes: dict[str, Counter[str]] = {}
    first: dict[str, tuple[str, str, str]] = {}
    for h, tn, (_, label, ts, src) in zip(hashes, texts, items, strict=True):
        votes.setdefault(h, Counter())[label] += 1
        if h not in first or ts < first[h][1]:
            first[h] = (tn, ts, src)
    keep = []
    for h, counter in votes.items():
        (top, n_top), *rest = counter.most_common()
        if rest and rest[0][1] == n_top:
            continue  # a tie between labellers says nothing; leave it out
        keep.append((first[h][1], h, first[h][0], 1 if top == "hoax" else 0, first[h][2]))
    return labelled_set(keep, "labelled texts",
                        "Import more with `pantau labels import FILE`.")


def labelled_set(keep: list[tuple[Any, ...]], what: str, remedy: str) -> LabelledSet:
    """Rows (order key, content hash, text, label, group[, weight, kind]) in time order, with
    at least 20 of them and both classes; else a TrainingError that says what to do."""
    keep.sort()
    y = np.array([k[3] for k in keep], dtype=int)
    if len(set(y.tolist())) < 2 or len(keep) < 20:
        raise TrainingError(f"Need at least 20 {what} of both classes; have {len(keep)} "
                            f"({int(y.sum())} hoax). {remedy}")
    weighted = bool(keep) and len(keep[0]) > 5
    return LabelledSet([k[2] for k in keep], [k[1] for k in keep], y, [k[0] for k in keep],
                       [k[4] for k in keep],
                       np.array([k[5] for k in keep]) if weighted else None,
                       [k[6] for k in keep] if weighted else None)


def embed_set(con: duckdb.DuckDBPyConnection, embedder: Embedder, data: LabelledSet,
              chunk_size: int = DEFAULT_CHUNK, show_progress: bool = False,
              config: ClassifierConfig = DEFAULT_CONFIG) -> np.ndarray:
    """Vectors through the warehouse cache, chunk by chunk; a design without the embedding
    columns needs none (one zero column keeps the frame's shape)."""
    if not config.embedding:
        return np.zeros((len(data.y), 1), dtype=np.float32)
    return cached_vectors(con, embedder, data.content_hash, data.text_norm, chunk_size,
                          show_progress)


def time_split(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Oldest 80 % to train, newest 20 % held back: tomorrow's posts are what matters."""
    cut = int(round(n * (1 - TEST_FRACTION)))
    return np.arange(cut), np.arange(cut, n)


def _fit_score(frame: Any, data: LabelledSet, train_idx: np.ndarray, test_idx: np.ndarray,
               dim: int, seed: int, threshold: float,
               config: ClassifierConfig = DEFAULT_CONFIG) -> tuple[Any, dict[str, Any]]:
    y = data.y
    weights = data.weights[train_idx] if data.weights is not None else None
    model = fit_classifier(build_classifier(dim, seed=seed, config=config),
                           frame.iloc[train_idx], y[train_idx], weights, config)
    scores = hoax_probability(model, frame.iloc[test_idx])
    return model, evaluate_scores(y[test_idx], scores, threshold)


def extra_split_metrics(data: LabelledSet, frame: Any, dim: int, seed: int,
                        threshold: float) -> dict[str, Any]:
    """Random and source-disjoint figures beside the time split (reported, not gated)."""
    out: dict[str, Any] = {}
    tr, te = random_split(data.y, TEST_FRACTION, seed)
    if len(set(data.y[tr].tolist())) == 2:
        out["random_split"] = _fit_score(frame, data, tr, te, dim, seed, threshold)[1]
    try:
        tr, te = group_holdout(data.groups or ["unknown"] * len(data.y), data.y,
                               TEST_FRACTION, seed)
    except SplitError as exc:
        out["source_split"] = {"skipped": str(exc)}
    else:
        metrics = _fit_score(frame, data, tr, te, dim, seed, threshold)[1]
        metrics["test_sources"] = sorted({(data.groups or [])[i] for i in te})
        out["source_split"] = metrics
    return out


def train_candidate(con: duckdb.DuckDBPyConnection, settings: Settings, embedder: Embedder,
                    extra: Path | None = None, seed: int = 0,
                    all_splits: bool = True,
                    show_progress: bool = False,
                    data: LabelledSet | None = None,
                    trained_on: str = "labels", extra_params: dict[str, Any] | None = None,
                    ) -> tuple[registry.ModelRecord, dict[str, Any]]:
    """Fit on the oldest 80 % of the examples, evaluate on the newest 20 % (what the gate
    uses); with `all_splits`, also report a random and a source-disjoint split. `data`: a set
    built elsewhere (`models.feed_training`), else the human labels (plus `extra`)."""
    config = DEFAULT_CONFIG
    if data is None:
        data = collect_labels(con, extra)
    vectors = embed_set(con, embedder, data, settings.embedding_chunk_size, show_progress,
                        config)
    train_idx, test_idx = time_split(len(data.y))
    if len(set(data.y[test_idx].tolist())) < 2:
        raise TrainingError("The newest 20 % of examples hold one class only; label more "
                            "(or ingest more news and fact-checks).")
    if len(set(data.y[train_idx].tolist())) < 2:
        raise TrainingError("The oldest 80 % of examples hold one class only; label more "
                            "(or ingest more news and fact-checks).")
    frame = make_frame(data.text_norm, vectors)
    model, time_metrics = _fit_score(frame, data, train_idx, test_idx, vectors.shape[1],
                                     seed, settings.hoax_threshold, config)
    metrics: dict[str, Any] = {"time_split": time_metrics, "n_train": int(len(train_idx)),
                               "n_test": int(len(test_idx))}
    if data.kinds:
        metrics["examples_by_kind"] = dict(Counter(data.kinds))
    if all_splits:
        metrics.update(extra_split_metrics(data, frame, vectors.shape[1], seed,
                                           settings.hoax_threshold))
    # The registered model is the one fitted on the oldest 80 %: the gate compares it with the
    # champion on the newest 20 %, which neither may have seen.
    fingerprint = data.fingerprint()
    version = f"m{datetime.now(UTC):%Y%m%d%H%M%S}-{fingerprint[:6]}"
    taken = {r[0] for r in con.execute("SELECT version FROM models").fetchall()}
    base, n = version, 1
    while version in taken:
        n += 1
        version = f"{base}-{n}"
    params = {"seed": seed, "classifier": config.describe(), "config": config.as_params(),
              "threshold": settings.hoax_threshold, "trained_on": trained_on,
              **(extra_params or {})}
    record = registry.register(con, model, settings.models_dir, version, embedder.model_id,
                               metrics, params, fingerprint)
    return record, metrics


def gate_evaluation(con: duckdb.DuckDBPyConnection, settings: Settings, embedder: Embedder,
                    versions: list[str], data: LabelledSet | None = None,
                    ) -> dict[str, dict[str, Any]]:
    """Score each version on the same held-back newest examples: the human labels, or `data`
    (the feed-built set a candidate was trained from)."""
    if data is None:
        data = collect_labels(con)
    records = [registry.get(con, v) for v in versions]
    needs = any(registry.uses_embedding(r) for r in records)
    vectors = embed_set(con, embedder, data,
                        config=DEFAULT_CONFIG.with_(embedding=needs))
    _, test_idx = time_split(len(data.y))
    frame = make_frame(data.text_norm, vectors).iloc[test_idx]
    out = {}
    for record in records:
        model = registry.load_model(record)
        out[record.version] = evaluate_scores(data.y[test_idx], hoax_probability(model, frame),
                                              settings.hoax_threshold)
    return out
