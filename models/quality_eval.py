"""The hoax classifier on real data, trained the way a deployment trains it (from feeds).

`pantau evaluate-real` writes the figures to benchmarks/results/quality.{json,md}. The real
datasets (``../shared/data``) are turned into feed items — TurnBackHoax claims and quoted
narratives as fact-checks, Kompas/CNN/Tempo/Detik titles and leads as news, the fact-checkers'
conclusions as clarifications — and go through `models.feed_training.build_training_set` and
the production `build_classifier`/`fit_classifier`, exactly as `pantau train --from-warehouse`.

Splits keep publishers apart (train on tbh2024 + Kompas + CNN, test on tbh2025 + Tempo +
Detik, and the other way round: each fold also holds one fact-check collection out, so its
recall is "trained without that fact-checker") and periods apart (the newest 20 % of each class).
The ablation changes one design choice at a time from the design before this evaluation.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve
from sklearn.pipeline import Pipeline

from models import real_data
from models.classifier import (
    DEFAULT_CONFIG,
    LEGACY_CONFIG,
    ClassifierConfig,
    build_classifier,
    fit_classifier,
    hoax_probability,
    make_frame,
)
from models.evaluation import evaluate_scores
from models.feed_training import FeedItem, build_training_set, lead
from models.splits import time_split
from models.training import LabelledSet
from models.vector_cache import cached_vectors
from pipelines.embedder import Embedder
from pipelines.normalize import normalize_texts

FOLDS = (("tbh2025", "tempo", "detik"), ("tbh2024", "kompas", "cnnindonesia"))
ABLATION_FOLDS = (FOLDS[0],)
TEST_VIEWS = ("title", "lead")
TARGETS = {"f1_publisher": 0.90, "heldout_recall": 0.90, "heldout_precision": 0.85,
           "ece": 0.05}


def feed_items(frame: pd.DataFrame) -> list[FeedItem]:
    """The real items as a deployment's feeds would deliver them."""
    items = []
    for kind, group, title, text, day in zip(frame["kind"], frame["group"], frame["title"],
                                             frame["text"], frame["date"], strict=True):
        ts = "" if pd.isna(day) else pd.Timestamp(day).strftime("%Y-%m-%dT%H:%M:%S")
        if kind == "claim":
            items += [FeedItem(t, 1, "fact_check", group, ts) for t in (title, text) if t]
        elif kind == "news":
            items += [FeedItem(t, 0, "news", group, ts) for t in (title, lead(text)) if t]
        else:
            items.append(FeedItem(text or title, 0, "clarification", group, ts))
    return items


@dataclass
class TestSet:
    name: str
    text_norm: list[str]
    raw: list[str]
    hashes: list[str]
    y: np.ndarray
    kind: list[str]


def _test_set(frame: pd.DataFrame, view: str, name: str) -> TestSet:
    raw = real_data.view_texts(frame, view)
    norm = normalize_texts(raw, detect_lang=False)
    texts = norm.column("text_norm").to_pylist()
    hashes = norm.column("content_hash").to_pylist()
    keep = [i for i, t in enumerate(texts) if len(t.split()) >= 3]
    return TestSet(name, [texts[i] for i in keep], [raw[i] for i in keep],
                   [hashes[i] for i in keep], frame["label"].to_numpy(int)[keep],
                   [frame["kind"].iloc[i] for i in keep])


class QualityCorpus:
    """The real set once, its feed items, embeddings through cache files on demand.

    `embedders` maps a role to an (embedder, cache) pair: 'configured' is the model the
    settings name (the new default), 'old' the previous default (all-MiniLM-L6-v2), so the
    old design can be scored with the embedder it shipped with."""

    def __init__(self, data_dir: Path,
                 embedders: dict[str, tuple[Embedder, duckdb.DuckDBPyConnection]] | None = None,
                 progress: bool = False) -> None:
        self.frame = real_data.claims_news_clarifications(data_dir)
        self.embedders = embedders or {}
        self.progress = progress
        self._raw: dict[str, str] = {}
        self._sets: dict[Any, LabelledSet] = {}

    def training_set(self, groups: set[str] | None = None,
                     index: np.ndarray | None = None,
                     weights: dict[str, float] | None = None) -> LabelledSet:
        key = (None if groups is None else tuple(sorted(groups)),
               None if index is None else index.tobytes(),
               None if not weights else tuple(sorted(weights.items())))
        if key in self._sets:
            return self._sets[key]
        frame = self.frame if index is None else self.frame.iloc[index]
        if groups is not None:
            frame = frame[frame["group"].isin(groups)]
        items = feed_items(frame)
        data = build_training_set(items, weights)
        norm = normalize_texts([i.text for i in items], detect_lang=False)
        self._raw.update(zip(norm.column("content_hash").to_pylist(),
                             (i.text for i in items), strict=True))
        self._sets[key] = data
        return data

    def raw_of(self, data: LabelledSet) -> list[str]:
        return [self._raw[h] for h in data.content_hash]

    def embedder(self, role: str) -> Embedder:
        if role not in self.embedders:
            raise ValueError(f"an embedding design needs the {role!r} embedder and its cache")
        return self.embedders[role][0]

    def vectors(self, hashes: list[str], texts: list[str],
                role: str = "configured") -> np.ndarray:
        embedder = self.embedder(role)
        return cached_vectors(self.embedders[role][1], embedder, hashes, texts, 1024,
                              self.progress)


def _form(texts: list[str], raw: list[str], form: str) -> list[str]:
    if form == "norm":
        return texts
    if form == "stem":
        from pipelines.stemming import stem_texts

        return stem_texts(texts)
    if form == "raw":
        return [r.lower() for r in raw]
    raise ValueError(form)


@dataclass(frozen=True)
class Design:
    """A classifier config plus what text it reads; `naive` is the plain TF-IDF baseline.

    `weights`: source-kind weights instead of `SOURCE_WEIGHTS`; `threshold`: 'fixed' (the
    configured threshold) or 'validation' (fit on the oldest 80 % of each class of the training
    set, the threshold with the best F1 on the newest 20 %, as `pantau train` holds back);
    `embedder`: which embedder an embedding design reads ('configured' or 'old')."""

    name: str
    config: ClassifierConfig
    form: str = "norm"
    naive: bool = False
    weights: tuple[tuple[str, float], ...] = ()
    threshold: str = "fixed"
    embedder: str = "configured"

    def key(self) -> tuple[Any, ...]:
        return (tuple(sorted(self.config.as_params().items())), self.form, self.naive,
                self.weights, self.threshold, self.embedder if self.config.embedding else "")


def naive_baseline() -> Pipeline:
    """The comparison the issue names: TF-IDF and logistic regression at their defaults."""
    return Pipeline([("tfidf", TfidfVectorizer()), ("lr", LogisticRegression(max_iter=2000))])


Scorer = Callable[[TestSet], np.ndarray]


def _fit_scorer(corpus: QualityCorpus, design: Design, train: LabelledSet,
                seed: int = 0) -> Scorer:
    texts = _form(train.text_norm, corpus.raw_of(train), design.form)
    if design.naive:
        model = naive_baseline().fit(texts, train.y)
        return lambda t: model.predict_proba(_form(t.text_norm, t.raw, design.form))[:, 1]
    role = design.embedder
    emb = design.config.embedding
    dim = corpus.embedder(role).dimension if emb else 1
    vec = (corpus.vectors(train.content_hash, train.text_norm, role) if emb
           else np.zeros((len(texts), 1), dtype=np.float32))
    model = fit_classifier(build_classifier(dim, seed=seed, config=design.config),
                           make_frame(texts, vec), train.y, train.weights, design.config)

    def score(test: TestSet) -> np.ndarray:
        tv = (corpus.vectors(test.hashes, test.text_norm, role) if emb
              else np.zeros((len(test.y), 1), dtype=np.float32))
        return hoax_probability(model, make_frame(_form(test.text_norm, test.raw,
                                                        design.form), tv))
    return score


def best_f1_threshold(y: np.ndarray, scores: np.ndarray) -> float:
    p, r, t = precision_recall_curve(y, scores)
    f1 = 2 * p[:-1] * r[:-1] / np.maximum(p[:-1] + r[:-1], 1e-12)
    return float(t[int(np.argmax(f1))])


def fit_design(corpus: QualityCorpus, design: Design, train: LabelledSet, seed: int = 0,
               fixed: float = 0.5) -> tuple[Scorer, float]:
    """Fit the design on a training set; returns a scorer for test sets and the threshold."""
    if design.threshold == "fixed":
        return _fit_scorer(corpus, design, train, seed), fixed
    stamps = pd.to_datetime(pd.Series(train.order_key).replace("", None), errors="coerce")
    fit_idx, val_idx = time_split(stamps, train.y)
    scorer = _fit_scorer(corpus, design, train.subset(fit_idx), seed)
    val = train.subset(val_idx)
    val_scores = scorer(TestSet("validation", val.text_norm, corpus.raw_of(val),
                                val.content_hash, val.y, val.kinds or []))
    return scorer, round(best_f1_threshold(val.y, val_scores), 4)


def recall_at_precision(y: np.ndarray, scores: np.ndarray, floor: float) -> dict[str, Any]:
    """The highest recall with precision >= floor, and the threshold that gives it."""
    p, r, t = precision_recall_curve(y, scores)
    ok = np.flatnonzero(p[:-1] >= floor)
    if len(ok) == 0:
        return {"recall": 0.0, "threshold": None}
    best = ok[np.argmax(r[:-1][ok])]
    return {"recall": round(float(r[best]), 4), "threshold": round(float(t[best]), 4)}


def _metrics(test: TestSet, scores: np.ndarray, threshold: float) -> dict[str, Any]:
    m = evaluate_scores(test.y, scores, threshold)
    m["recall_at_precision_0.85"] = recall_at_precision(test.y, scores, 0.85)
    kinds = np.array(test.kind)
    for kind in ("news", "clarification"):
        mask = kinds == kind
        if mask.any():
            m[f"flagged_{kind}"] = round(float((scores[mask] >= threshold).mean()), 4)
            # Which negatives cost the precision: the same figure against one kind only.
            keep = kinds != kind
            m[f"recall_at_precision_0.85_without_{kind}"] = recall_at_precision(
                test.y[keep], scores[keep], 0.85)["recall"]
    return m


def text_stats(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Per kind and publisher: how many, how long, which period (the shifts between folds)."""
    out = []
    for (kind, group), part in frame.groupby(["kind", "group"]):
        dates = pd.to_datetime(part["date"], errors="coerce")
        out.append({"kind": kind, "group": group, "n": len(part),
                    "title_chars_median": int(part["title"].fillna("").str.len().median()),
                    "text_chars_median": int(part["text"].fillna("").str.len().median()),
                    "from": f"{dates.min():%Y-%m}", "to": f"{dates.max():%Y-%m}"})
    return out


def _train_for(corpus: QualityCorpus, design: Design, groups: set[str] | None = None,
               index: np.ndarray | None = None) -> LabelledSet:
    return corpus.training_set(groups, index, dict(design.weights) or None)


def publisher_folds(corpus: QualityCorpus, design: Design, threshold: float = 0.5,
                    views: tuple[str, ...] = TEST_VIEWS,
                    folds: tuple[tuple[str, ...], ...] = FOLDS) -> list[dict[str, Any]]:
    out = []
    groups = set(corpus.frame["group"])
    for held in folds:
        started = time.perf_counter()
        train = _train_for(corpus, design, groups - set(held))
        scorer, cut = fit_design(corpus, design, train, fixed=threshold)
        test_frame = corpus.frame[corpus.frame["group"].isin(held)]
        for view in views:
            test = _test_set(test_frame, view, f"test {'+'.join(held)}")
            m = _metrics(test, scorer(test), cut)
            m["n_train"] = len(train.y)
            m["threshold"] = cut
            m["fit_seconds"] = round(time.perf_counter() - started, 1)
            out.append({"split": f"publisher: test {'+'.join(held)}", "view": view,
                        "heldout_fact_checker": held[0], "metrics": m})
    return out


def period_split(corpus: QualityCorpus, design: Design, threshold: float = 0.5,
                 views: tuple[str, ...] = TEST_VIEWS) -> list[dict[str, Any]]:
    frame = corpus.frame
    tr, te = time_split(frame["date"], frame["label"].to_numpy(int))
    train = _train_for(corpus, design, index=tr)
    scorer, cut = fit_design(corpus, design, train, fixed=threshold)
    out = []
    test_frame = frame.iloc[te]
    period = (f"{pd.to_datetime(frame['date'].iloc[tr]).min():%Y-%m-%d}..."
              f" test from {pd.to_datetime(test_frame['date']).min():%Y-%m-%d}")
    for view in views:
        test = _test_set(test_frame, view, "newest 20 % of each class")
        m = _metrics(test, scorer(test), cut)
        m["n_train"] = len(train.y)
        m["threshold"] = cut
        m["period"] = period
        out.append({"split": "period: newest 20 % of each class", "view": view, "metrics": m})
    return out


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    pub = [r["metrics"] for r in rows if r["split"].startswith("publisher")]
    out: dict[str, Any] = {}
    if pub:
        out["publisher_f1_mean"] = round(float(np.mean([m["f1"] for m in pub])), 4)
        out["publisher_f1_min"] = min(m["f1"] for m in pub)
        out["publisher_ece_max"] = max(m["calibration"]["ece"] for m in pub)
        out["heldout_recall_min"] = min(m["recall"] for m in pub)
        out["heldout_precision_min"] = min(m["precision"] for m in pub)
        out["heldout_recall_at_p085_min"] = min(m["recall_at_precision_0.85"]["recall"]
                                                for m in pub)
    per = [r["metrics"] for r in rows if r["split"].startswith("period")]
    if per:
        out["period_f1_mean"] = round(float(np.mean([m["f1"] for m in per])), 4)
        out["period_ece_max"] = max(m["calibration"]["ece"] for m in per)
    return out


OLD_DESIGN = Design("old design: tfidf + embedding columns of the old embedder",
                    LEGACY_CONFIG, embedder="old")


def ablation_designs() -> list[Design]:
    """The old design (with the embedder it shipped with) first, the new default last, and
    between them one change at a time from the new default, then the naive baseline."""
    new = DEFAULT_CONFIG
    return [
        OLD_DESIGN,
        Design("- embedding columns (word+char TF-IDF only)", new.with_(embedding=False)),
        Design("raw text instead of normalised", new, form="raw"),
        Design("+ Sastrawi stemming", new, form="stem"),
        Design("word TF-IDF only (no character n-grams)", new.with_(char=False)),
        Design("no class balancing", new.with_(class_balance="none")),
        Design("no source-kind weights (clarifications weigh 1)", new,
               weights=(("clarification", 1.0),)),
        Design("isotonic calibration, cv5", new.with_(calibration="isotonic",
                                                     calibration_folds=5)),
        Design("threshold: best F1 on a validation slice (newest 20 % of training)", new,
               threshold="validation"),
        Design("plain TF-IDF + logistic regression (defaults, raw text)", new, "raw",
               naive=True),
        Design("new default", new),
    ]


def run_classifier_quality(corpus: QualityCorpus, ablation: bool = True,
                           threshold: float = 0.5,
                           on_step: Callable[[str], None] | None = None,
                           on_result: Callable[[dict[str, Any]], None] | None = None,
                           ) -> dict[str, Any]:
    """The ablation (or only the old design and the new default), the period split of both.

    The one-change variants run on the fold where recall collapses (tbh2025 held out); the
    old design, the new default, the naive baseline and the TF-IDF-only variant on both (the
    CPU time of a shared 2-core machine does not allow every variant on both)."""
    designs = ablation_designs()
    both = {designs[0].key(), designs[1].key(), designs[-2].key(), designs[-1].key()}
    if not ablation:
        designs = [designs[0], designs[-1]]
    # TF-IDF designs first, those that need every text's embedding last.
    order = sorted(designs, key=lambda d: (d.config.embedding, d is not designs[-1]))
    done: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    steps: dict[str, dict[str, Any]] = {}
    for design in order:
        if on_step:
            on_step(f"classifier: {design.name}")
        if design.key() not in done:
            folds = FOLDS if design.key() in both else ABLATION_FOLDS
            done[design.key()] = publisher_folds(corpus, design, threshold, folds=folds)
        rows = done[design.key()]
        steps[design.name] = {"design": design.name, "config": design.config.as_params(),
                              "form": design.form, "naive": design.naive,
                              "weights": dict(design.weights), "threshold": design.threshold,
                              "embedding_model": (corpus.embedder(design.embedder).model_id
                                                  if design.config.embedding else None),
                              "splits": rows, "summary": summarise(rows)}
        if on_result:
            on_result(steps[design.name])
    out: dict[str, Any] = {
        "default": DEFAULT_CONFIG.describe(),
        "legacy": LEGACY_CONFIG.describe(),
        "n_items": {"/".join(map(str, key)): int(v) for key, v in  # type: ignore[call-overload]
                    corpus.frame.groupby(["kind", "group"]).size().items()},
        "text_stats": text_stats(corpus.frame),
        "ablation": [steps[d.name] for d in designs],
        "targets": TARGETS,
    }
    if on_step:
        on_step("classifier: period split, new default and old design")
    period = period_split(corpus, designs[-1], threshold)
    legacy_period = period_split(corpus, designs[0], threshold)
    out["period"] = {"new": period, "old": legacy_period, "new_summary": summarise(period),
                     "old_summary": summarise(legacy_period)}
    return out
