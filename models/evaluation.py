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
    # F1 of the not-hoax class too: with many hoaxes in a test set, hoax F1 alone flatters.
    _, _, f_neg, _ = precision_recall_fscore_support(1 - y, 1 - pred, average="binary",
                                                     zero_division=0)
    return {
        "n": int(len(y)),
        "positives": int(y.sum()),
        "threshold": threshold,
        "precision": round(float(p), 4),
        "recall": round(float(r), 4),
        "f1": round(float(f), 4),
        "specificity": round(float(tn / (tn + fp)), 4) if tn + fp else None,
        "macro_f1": round(float((f + f_neg) / 2), 4) if both else None,
        "pr_auc": round(float(average_precision_score(y, s)), 4) if both else None,
        "brier": round(float(brier_score_loss(y, s)), 4),
        "calibration": calibration_summary(y, s),
        "confusion_matrix": {"tn": int(tn), "fp": int(fp), "fn": int(fn), "tp": int(tp)},
    }


HEADLINE = ("n", "positives", "threshold", "precision", "recall", "f1", "specificity",
            "macro_f1", "pr_auc", "brier")


def metrics_rows(metrics: dict[str, Any]) -> list[tuple[str, Any]]:
    """The metrics as (name, value) rows for a table: headline figures, ECE, confusion matrix."""
    rows: list[tuple[str, Any]] = [(k, metrics[k]) for k in HEADLINE if k in metrics]
    rows += [(k, v) for k, v in metrics.items()
             if k not in HEADLINE and not isinstance(v, (dict, list))]
    if "calibration" in metrics:
        rows.append(("ece", metrics["calibration"]["ece"]))
    cm = metrics.get("confusion_matrix")
    if cm:
        rows.append(("confusion (tn fp / fn tp)",
                     f"{cm['tn']} {cm['fp']} / {cm['fn']} {cm['tp']}"))
    return rows
