from __future__ import annotations

from models.evaluation import evaluate_scores


def test_metrics_at_threshold_and_confusion_matrix() -> None:
    y = [1, 1, 1, 0, 0, 0]
    s = [0.9, 0.8, 0.3, 0.6, 0.1, 0.2]
    m = evaluate_scores(y, s, threshold=0.5)
    assert m["confusion_matrix"] == {"tn": 2, "fp": 1, "fn": 1, "tp": 2}
    assert m["precision"] == m["recall"] == m["f1"] == round(2 / 3, 4)
    assert 0 < m["pr_auc"] <= 1
    assert m["calibration"]["bins"] and 0 <= m["calibration"]["ece"] <= 1


def test_single_class_has_no_pr_auc() -> None:
    assert evaluate_scores([0, 0], [0.1, 0.2])["pr_auc"] is None
