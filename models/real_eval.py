"""Train and evaluate the hoax classifier on the real datasets, on splits that resist leakage.

Used by ``pantau evaluate-real`` and ``benchmarks/real_data_eval.py``. Figures are reported per
split family — random, time, publisher-disjoint, cross-dataset — and per *view* of the text
(``title``: headline/claim only; ``lead``: narrative vs length-matched article start; ``full``:
whole text, where news style gives the answer away). See docs/models.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from models import real_data
from models.classifier import build_classifier, fit_classifier, hoax_probability, make_frame
from models.evaluation import evaluate_scores
from models.splits import (
    Split,
    check_cross_dataset,
    publisher_folds,
    random_split,
    time_split,
)
from models.vector_cache import cached_vectors
from pipelines.embedder import Embedder
from pipelines.normalize import normalize_texts

# Publisher-disjoint halves of claims_vs_news: outlets and claim collections never straddle.
PUBLISHER_HALVES = (("tempo", "detik", "tbh2025"), ("kompas", "cnnindonesia", "tbh2024"))
DATASETS = ("claims_vs_news", "bdc2020", "tbh_2015_2021", "pratiwi2017")


@dataclass
class ViewData:
    """One dataset under one view: rows, their normalised text, hashes and vectors."""

    dataset: str
    view: str
    frame: pd.DataFrame
    text_norm: list[str]
    vectors: np.ndarray

    @property
    def y(self) -> np.ndarray:
        return self.frame["label"].to_numpy(dtype=int)

    def take(self, index: np.ndarray) -> ViewData:
        return ViewData(self.dataset, self.view, self.frame.iloc[index].reset_index(drop=True),
                        [self.text_norm[i] for i in index], self.vectors[index])


class RealCorpus:
    """Loads each dataset once and embeds each (dataset, view) once, through the cache."""

    def __init__(self, data_dir: Path, embedder: Embedder, cache: duckdb.DuckDBPyConnection,
                 progress: bool = False, chunk_size: int = 1024) -> None:
        self.data_dir = data_dir
        self.embedder = embedder
        self.cache = cache
        self.progress = progress
        self.chunk_size = chunk_size
        self._frames: dict[str, pd.DataFrame] = {}
        self._views: dict[tuple[str, str], ViewData] = {}

    def frame(self, dataset: str) -> pd.DataFrame:
        if dataset not in self._frames:
            loaders: dict[str, Callable[[Path], pd.DataFrame]] = {
                "claims_vs_news": real_data.claims_vs_news,
                "bdc2020": real_data.load_bdc2020,
                "tbh_2015_2021": real_data.load_tbh_headlines,
                "pratiwi2017": real_data.load_pratiwi2017,
            }
            self._frames[dataset] = loaders[dataset](self.data_dir)
        return self._frames[dataset]

    def view(self, dataset: str, view: str) -> ViewData:
        key = (dataset, view)
        if key not in self._views:
            frame = self.frame(dataset)
            raw = real_data.view_texts(frame, view)
            norm = normalize_texts(raw, detect_lang=False)
            texts = norm.column("text_norm").to_pylist()
            hashes = norm.column("content_hash").to_pylist()
            keep = np.array([i for i, t in enumerate(texts) if len(t.split()) >= 2], dtype=int)
            texts = [texts[i] for i in keep]
            hashes = [hashes[i] for i in keep]
            vectors = cached_vectors(self.cache, self.embedder, hashes, texts, self.chunk_size,
                                     self.progress)
            self._views[key] = ViewData(dataset, view, frame.iloc[keep].reset_index(drop=True),
                                        texts, vectors)
        return self._views[key]


def concat(parts: list[ViewData]) -> ViewData:
    return ViewData("+".join(p.dataset for p in parts), parts[0].view,
                    pd.concat([p.frame for p in parts], ignore_index=True),
                    [t for p in parts for t in p.text_norm],
                    np.vstack([p.vectors for p in parts]))


def fit_and_score(train: ViewData, test: ViewData, threshold: float = 0.5,
                  seed: int = 0) -> dict[str, Any]:
    """Fit the production classifier on `train`, evaluate it on `test`."""
    started = time.perf_counter()
    model = fit_classifier(build_classifier(train.vectors.shape[1], seed=seed),
                           make_frame(train.text_norm, train.vectors), train.y)
    fitted = time.perf_counter()
    scores = hoax_probability(model, make_frame(test.text_norm, test.vectors))
    metrics = evaluate_scores(test.y, scores, threshold)
    metrics["n_train"] = len(train.y)
    metrics["train_positives"] = int(train.y.sum())
    metrics["fit_seconds"] = round(fitted - started, 1)
    return metrics


def _experiment(family: str, dataset: str, view: str, split: str, description: str,
                metrics: dict[str, Any]) -> dict[str, Any]:
    return {"family": family, "dataset": dataset, "view": view, "split": split,
            "description": description, "metrics": metrics}


# Older TurnBackHoax claims of both classes (2015-2021): a third source for training only.
EXTRA_TRAIN = (("bdc2020", "title"), ("tbh_2015_2021", "title"))


def within_dataset(corpus: RealCorpus, dataset: str, view: str, families: tuple[str, ...],
                   threshold: float) -> list[dict[str, Any]]:
    data = corpus.view(dataset, view)
    splits: list[tuple[str, Split]] = []
    if "random" in families:
        tr, te = random_split(data.y, 0.2, seed=0)
        splits.append(("random", Split("random 80/20", tr, te, "stratified random 80/20")))
    if "time" in families:
        per_class = dataset == "claims_vs_news"
        tr, te = time_split(data.frame["date"], data.y if per_class else None)
        what = "newest 20 % of each class" if per_class else "newest 20 %"
        splits.append(("time", Split("time", tr, te, f"train on the oldest, test on the {what}")))
    if "publisher" in families:
        for fold in publisher_folds(data.frame["group"], PUBLISHER_HALVES):
            splits.append(("publisher", fold))
    if "publisher+extra" in families:
        for fold in publisher_folds(data.frame["group"], PUBLISHER_HALVES):
            splits.append(("publisher+extra", Split(
                fold.name, fold.train, fold.test,
                fold.description + "; training adds TurnBackHoax claims 2015-2021 (bdc2020 + "
                "tbh_2015_2021 headlines, both classes)")))
    out = []
    for family, split in splits:
        train = data.take(split.train)
        if family == "publisher+extra":
            train = concat([train, *(corpus.view(d, v) for d, v in EXTRA_TRAIN)])
        metrics = fit_and_score(train, data.take(split.test), threshold)
        if family == "time":
            metrics["train_period"] = _period(data.frame["date"].iloc[split.train])
            metrics["test_period"] = _period(data.frame["date"].iloc[split.test])
        out.append(_experiment(family, dataset, view, split.name, split.description, metrics))
    return out


def cross_dataset(corpus: RealCorpus, train_set: str, test_set: str, view: str,
                  threshold: float, test_view: str | None = None) -> dict[str, Any]:
    train = corpus.view(train_set, view)
    test = corpus.view(test_set, test_view or view)
    check_cross_dataset(set(train.frame["dataset"]), set(test.frame["dataset"]))
    metrics = fit_and_score(train, test, threshold)
    return _experiment("cross", f"{train_set} -> {test_set}", view if test_view in (None, view)
                       else f"{view} -> {test_view}", f"train {train_set}, test {test_set}",
                       "trained on one dataset, tested on another", metrics)


def _period(dates: pd.Series) -> str:
    d = pd.to_datetime(dates).dropna()
    return f"{d.min():%Y-%m-%d} .. {d.max():%Y-%m-%d}" if len(d) else "undated"


def plan(quick: bool = False) -> list[tuple[str, ...]]:
    """The experiments, as (kind, …) tuples; `quick` keeps the headline ones only."""
    steps: list[tuple[str, ...]] = [
        ("within", "claims_vs_news", "title", "random,time,publisher"),
    ]
    if quick:
        return steps
    steps += [
        ("within", "claims_vs_news", "title", "publisher+extra"),
        ("within", "claims_vs_news", "lead", "random,time,publisher"),
        ("within", "claims_vs_news", "full", "random,publisher"),
        ("within", "bdc2020", "title", "random,time"),
        ("within", "bdc2020", "lead", "random,time"),
        ("within", "tbh_2015_2021", "title", "random,time"),
        ("cross", "claims_vs_news", "bdc2020", "title"),
        ("cross", "claims_vs_news", "bdc2020", "lead"),
        ("cross", "bdc2020", "claims_vs_news", "title"),
        ("cross", "tbh_2015_2021", "claims_vs_news", "title"),
        ("cross", "claims_vs_news", "pratiwi2017", "lead"),
        ("cross", "claims_vs_news", "pratiwi2017", "full"),
    ]
    return steps


def run_benchmark(data_dir: Path, embedder: Embedder, cache: duckdb.DuckDBPyConnection,
                  quick: bool = False, threshold: float = 0.5, progress: bool = False,
                  on_step: Callable[[str], None] | None = None) -> dict[str, Any]:
    corpus = RealCorpus(data_dir, embedder, cache, progress)
    experiments: list[dict[str, Any]] = []
    for step in plan(quick):
        if on_step:
            on_step(" ".join(step))
        if step[0] == "within":
            _, dataset, view, families = step
            experiments += within_dataset(corpus, dataset, view,
                                          tuple(families.split(",")), threshold)
        else:
            _, train_set, test_set, view = step
            experiments.append(cross_dataset(corpus, train_set, test_set, view, threshold))
    sizes = {f"{d}/{v}": {"n": len(vd.y), "hoax": int(vd.y.sum())}
             for (d, v), vd in corpus._views.items()}
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "embedding_model": embedder.model_id,
        "threshold": threshold,
        "classifier": "word+char TF-IDF + sentence embedding -> calibrated logistic regression",
        "datasets": sizes,
        "experiments": experiments,
        "summary": summarise(experiments),
    }


def summarise(experiments: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean F1 of the publisher-disjoint folds per view: the figure the issue asks about."""
    out: dict[str, Any] = {}
    for family in ("publisher", "publisher+extra"):
        for view in real_data.VIEWS:
            folds = [e["metrics"] for e in experiments
                     if e["family"] == family and e["view"] == view]
            if folds:
                key = family.replace("publisher", "publisher_disjoint").replace("+", "_")
                out[f"{key}_f1_{view}"] = round(float(np.mean([m["f1"] for m in folds])), 4)
                out[f"{key}_min_f1_{view}"] = min(m["f1"] for m in folds)
    return out
