"""The hoax classifier: word/char TF-IDF (optionally beside the sentence embedding), logistic
regression, calibrated.

The design is a `ClassifierConfig`; the default is what the ablation on real data chose
(`pantau evaluate-real`, benchmarks/results/quality.md, docs/models.md): word+char TF-IDF beside
the embedding columns of the configured (multilingual) embedder, which raise held-out recall at
precision 0.85 on both publisher-disjoint folds. The English model's columns did not help, which
is why the report scores `LEGACY_CONFIG` with the old embedder beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from models.char_ngrams import scoring_view


@dataclass(frozen=True)
class ClassifierConfig:
    """One classifier design. `calibration`: 'sigmoid' | 'isotonic' | 'none'; `class_balance`:
    'balanced' (both classes weigh the same in total) | 'none' (weights as given)."""

    embedding: bool = True
    word: bool = True
    char: bool = True
    c: float = 4.0
    calibration: str = "sigmoid"
    calibration_folds: int = 3
    class_balance: str = "balanced"

    def describe(self) -> str:
        parts = [p for p, on in (("word", self.word), ("char", self.char)) if on]
        feats = f"tfidf({','.join(parts)})" + ("+embedding" if self.embedding else "")
        return (f"{feats} -> logreg C={self.c}, calibration {self.calibration}, "
                f"class balance {self.class_balance}")

    def as_params(self) -> dict[str, Any]:
        return asdict(self)

    def with_(self, **changes: Any) -> ClassifierConfig:
        return replace(self, **changes)


DEFAULT_CONFIG = ClassifierConfig()
# The shipped design before the multilingual embedder; the report scores it with the old
# (English) embedder, so it differs from the default by the embedder it reads.
LEGACY_CONFIG = ClassifierConfig(embedding=True, calibration="sigmoid", calibration_folds=3,
                                 class_balance="balanced")


def embedding_columns(dim: int) -> list[str]:
    return [f"e{i}" for i in range(dim)]


def make_frame(texts: Sequence[str], vectors: np.ndarray) -> pd.DataFrame:
    """The model's input: normalised text beside the sentence embedding, one column per dim
    (a model that does not use the embedding ignores those columns)."""
    frame = pd.DataFrame(vectors, columns=embedding_columns(vectors.shape[1]))
    frame.insert(0, "text", list(texts))
    return frame


def build_classifier(embedding_dim: int, seed: int = 0, c: float | None = None,
                     config: ClassifierConfig = DEFAULT_CONFIG) -> Pipeline:
    if c is not None:
        config = config.with_(c=c)
    parts: list[tuple[str, Any, Any]] = []
    if config.word:
        parts.append(("word", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                                              max_features=50_000), "text"))
    if config.char:
        # Character n-grams survive slang spellings and Sastrawi-unfriendly affixes.
        parts.append(("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2,
                                              sublinear_tf=True, max_features=100_000), "text"))
    if config.embedding:
        parts.append(("embedding", "passthrough", embedding_columns(embedding_dim)))
    if not parts:
        raise ValueError("a classifier needs at least one feature family")
    features = ColumnTransformer(parts)
    # No class_weight here: fit_classifier passes sample weights, which reach both the
    # regression and the calibration (class_weight would reach the regression only).
    base = LogisticRegression(C=config.c, max_iter=3000, random_state=seed)
    if config.calibration == "none":
        return Pipeline([("features", features), ("classifier", base)])
    # Officers read the score as a probability, so it is calibrated on held-out folds.
    calibrated = CalibratedClassifierCV(base, method=config.calibration,
                                        cv=config.calibration_folds)
    return Pipeline([("features", features), ("classifier", calibrated)])


def balanced_sample_weight(y: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """Weights that make both classes count the same in total (on top of `weights`)."""
    labels = np.asarray(y)
    base = np.ones(len(labels), dtype=np.float64) if weights is None else \
        np.asarray(weights, dtype=np.float64).copy()
    out = base.copy()
    for value in np.unique(labels):
        mask = labels == value
        out[mask] = base[mask] * base.sum() / (2.0 * base[mask].sum())
    return out


def fit_classifier(model: Pipeline, frame: pd.DataFrame, y: np.ndarray,
                   weights: np.ndarray | None = None,
                   config: ClassifierConfig = DEFAULT_CONFIG) -> Pipeline:
    """Fit with per-example `weights` (source kind, e.g. a clarification counts more), balanced
    between classes unless the config says otherwise, so the calibrated score does not carry
    the hoax share of the training set (which the feeds choose, not the world)."""
    smallest = int(np.bincount(np.asarray(y, dtype=int)).min()) if len(y) else 0
    if config.calibration != "none" and smallest < config.calibration_folds:
        # Few labels (a new deployment): as many calibration folds as the rarer class allows.
        model.set_params(classifier__cv=max(2, smallest))
    if config.class_balance == "balanced":
        sample_weight = balanced_sample_weight(y, weights)
    else:
        sample_weight = np.ones(len(y)) if weights is None else np.asarray(weights, float)
    return model.fit(frame, y, classifier__sample_weight=sample_weight)


def hoax_probability(model: Pipeline, frame: pd.DataFrame) -> np.ndarray:
    """P(hoax) per row; the char n-grams are counted per distinct word (same scores, 4x
    faster: models/char_ngrams.py)."""
    classes = list(model.classes_)
    view = scoring_view(model)
    return np.asarray(view.predict_proba(frame)[:, classes.index(1)], dtype=np.float64)
