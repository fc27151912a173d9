"""The real-data quality benchmark: feeds built from ../shared/data, pairs for retrieval.

The full evaluation (`pantau evaluate-real`) takes many CPU-minutes; these tests check what it
is built on, and skip with a reason when the real data is not on this machine."""

from __future__ import annotations

import pytest

from models import real_data as rd
from models.quality_eval import FOLDS, feed_items

needs_shared = pytest.mark.skipif(
    not rd.data_dir_available(rd.DEFAULT_DATA_DIR),
    reason=f"real datasets not found at {rd.DEFAULT_DATA_DIR} (../shared/data, or set "
           "PANTAU_REAL_DATA_DIR); they are never copied into the project")


def test_a_fact_checkers_conclusion_becomes_a_clarification_without_its_byline() -> None:
    body = ("Beredar video berisi narasi: “Bobby didiskualifikasi” Pemeriksaan Fakta … "
            "Kesimpulan Video berisi narasi “Bobby Nasution didiskualifikasi di Pilkada "
            "Sumatera Utara” merupakan konten yang dimanipulasi. (Ditulis oleh Anu)")
    match = rd._CONCLUSION.search(body)
    assert match is not None
    text = rd._clarification(body[match.end():])
    assert text.startswith("Video berisi narasi") and "Ditulis" not in text


@needs_shared
def test_the_retrieval_benchmark_has_over_300_pairs_and_news_to_reject() -> None:
    from models.retrieval_eval import build_benchmark

    bench = build_benchmark(rd.DEFAULT_DATA_DIR)
    assert len(bench["queries"]) >= 300
    assert {q["set"] for q in bench["queries"]} == {"quoted", "cross"}
    n = len(bench["fact_checks"])
    assert all(0 <= q["answer"] < n for q in bench["queries"])
    # a query is never the claim it should find (that would test string equality)
    claims = {rd.title_key(c) for c in bench["fact_checks"]["claim"]}
    assert not any(rd.title_key(q["text"]) in claims for q in bench["queries"])
    assert len(bench["news"]) > 1000


@needs_shared
def test_the_real_feeds_hold_both_classes_and_folds_keep_publishers_apart() -> None:
    frame = rd.claims_news_clarifications(rd.DEFAULT_DATA_DIR)
    items = feed_items(frame)
    kinds = {(i.kind, i.label) for i in items}
    assert kinds == {("fact_check", 1), ("news", 0), ("clarification", 0)}
    groups = set(frame["group"])
    for held in FOLDS:
        assert set(held) <= groups
    assert not set(FOLDS[0]) & set(FOLDS[1])


def test_the_validation_threshold_is_the_best_f1_cut_on_the_validation_scores() -> None:
    import numpy as np

    from models.quality_eval import best_f1_threshold

    y = np.array([0, 0, 0, 1, 1, 1])
    scores = np.array([0.1, 0.2, 0.35, 0.3, 0.7, 0.9])
    # 0.7 keeps two hoaxes and no false alarm (F1 0.8); 0.3 catches all three at one false
    # alarm (F1 0.857), the best cut.
    assert best_f1_threshold(y, scores) == 0.3
    assert best_f1_threshold(y, np.array([0.1, 0.2, 0.3, 0.6, 0.7, 0.9])) == 0.6
