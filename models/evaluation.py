"""Evaluation as plain functions over (y_true, scores)."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.metrics import (
    average_precision_score,
    brier_score_loss,
    confusion_matrix,
    precision_recall_fscore_support,
)


def calibration_summary(y_true: np.ndarray, scores: np.ndarray, bins: int = 10) -> dict[str, Any]:
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(scores, edges[1:-1]), 0, bins - 1)
    table, ece = [], 0.0
    for b in range(bins):
        mask = which == b
        if not mask.any():
            continue
        mean_score, rate = float(scores[mask].mean()), float(y_true[mask].mean())
        ece += mask.mean() * abs(mean_score - rate)
        table.append({"bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}", "n": int(mask.sum()),
                      "mean_score": round(mean_score, 3), "hoax_rate": round(rate, 3)})
    return {"ece": round(float(ece), 4), "bins": table}


def evaluate_scores(y_true: Any, scores: Any, threshold: float = 0.5) -> dict[str, Any]:
    y = np.asarray(y_true, dtype=int)
    s = np.asarray(scores, dtype=float)
    pred = (s >= threshold).astype(int)
    p, r, f, _ = precision_recall_fscore_support(y, pred, average="binary", zero_division=0)
    tn, fp, fn, tp = confusion_matrix(y, pred, labels=[0, 1]).ravel()
    both = len(set(y.tolist())) == 2
    return {
        "n": int(len(y)),
        "positives": int(y.sum()),
        "threshold": threshold,
        "precision": round(float(p), 4),
        "recall": round(float(r), 4),
        "f1": round(float(f), 4),
        "pr_auc": round(float(average_precision_score(y, s)), 4) if both else None,
        "brier": round(float(brier_score_loss(y, s)), 4),
        "calibration": calibration_summary(y, s),
        "confusion_matrix": {"tn": int(tn), "fp": int(fp), "fn": int(fn), "tp": int(tp)},
    }
