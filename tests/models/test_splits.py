from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models.splits import (
    SplitError,
    check_cross_dataset,
    group_holdout,
    group_split,
    publisher_folds,
    random_split,
    time_split,
)


def test_random_split_is_stratified_disjoint_and_complete() -> None:
    y = np.array([1] * 80 + [0] * 20)
    train, test = random_split(y, 0.2, seed=3)
    assert set(train).isdisjoint(test)
    assert sorted([*train, *test]) == list(range(100))
    assert y[test].sum() == 16 and len(test) == 20
    again = random_split(y, 0.2, seed=3)
    assert np.array_equal(again[1], test)


def test_time_split_puts_the_newest_in_test_and_never_splits_a_day() -> None:
    dates = pd.to_datetime(["2024-01-01"] * 4 + ["2024-01-02"] * 3 + ["2024-01-03"] * 3)
    train, test = time_split(dates)
    assert dates[train].max() < dates[test].min()
    # 20 % of 10 is 2, but the boundary day has 3 items: all of them go to test.
    assert len(test) == 3


def test_time_split_per_class_keeps_both_classes_in_test_and_skips_undated() -> None:
    hoax = pd.date_range("2024-01-01", periods=50, freq="D")
    news = pd.date_range("2025-06-01", periods=20, freq="D")
    dates = pd.Series(list(hoax) + list(news) + [pd.NaT])
    y = np.array([1] * 50 + [0] * 20 + [0])
    train, test = time_split(dates, y)
    assert 70 not in train and 70 not in test
    for cls in (0, 1):
        tr, te = train[y[train] == cls], test[y[test] == cls]
        assert dates[tr].max() < dates[te].min()
    assert set(y[test]) == {0, 1}


def test_group_split_keeps_every_publisher_on_one_side() -> None:
    groups = ["kompas", "tempo", "kompas", "detik", "tbh2024", "tbh2025", "tempo"]
    train, test = group_split(groups, ["tempo", "tbh2025"])
    assert {groups[i] for i in test} == {"tempo", "tbh2025"}
    assert {groups[i] for i in train}.isdisjoint({"tempo", "tbh2025"})
    with pytest.raises(SplitError, match="unknown groups"):
        group_split(groups, ["antara"])


def test_publisher_folds_run_both_directions_without_overlap() -> None:
    groups = ["kompas", "cnnindonesia", "tempo", "detik", "tbh2024", "tbh2025"] * 3
    folds = publisher_folds(groups, [("tempo", "detik", "tbh2025"),
                                     ("kompas", "cnnindonesia", "tbh2024")])
    assert len(folds) == 2
    for fold in folds:
        train_groups = {groups[i] for i in fold.train}
        test_groups = {groups[i] for i in fold.test}
        assert train_groups.isdisjoint(test_groups)
    assert np.array_equal(folds[0].test, folds[1].train)


def test_group_holdout_holds_out_whole_sources_with_both_classes() -> None:
    groups = [f"src{i % 10}" for i in range(100)]
    y = np.array([i % 2 for i in range(100)])
    train, test = group_holdout(groups, y, 0.2, seed=1)
    assert {groups[i] for i in train}.isdisjoint({groups[i] for i in test})
    assert set(y[test]) == {0, 1}
    assert 10 <= len(test) <= 40
    with pytest.raises(SplitError, match="at least two"):
        group_holdout(["one"] * 10, y[:10])


def test_same_source_datasets_are_never_crossed() -> None:
    check_cross_dataset({"claims_vs_news"}, {"bdc2020"})
    with pytest.raises(SplitError, match="same source"):
        check_cross_dataset({"bdc2020"}, {"tbh_2015_2021"})
    with pytest.raises(SplitError, match="same source"):
        check_cross_dataset({"tbh_2015_2021", "tbh2024"}, {"bdc2020"})
    with pytest.raises(SplitError, match="both sides"):
        check_cross_dataset({"bdc2020"}, {"bdc2020"})


def test_fact_check_threshold_is_the_lowest_that_keeps_false_matches_rare() -> None:
    from models.fact_check_eval import choose_threshold

    rows = [
        {"threshold": 0.7, "recall": 0.5, "wrong_match_rate": 0.10,
         "news_false_match_rate": 0.20, "precision": 0.1, "f1": 0.2},
        {"threshold": 0.8, "recall": 0.3, "wrong_match_rate": 0.01,
         "news_false_match_rate": 0.004, "precision": 0.6, "f1": 0.4},
        {"threshold": 0.9, "recall": 0.1, "wrong_match_rate": 0.0,
         "news_false_match_rate": 0.0, "precision": 1.0, "f1": 0.18},
    ]
    assert choose_threshold(rows)["threshold"] == 0.8
    strict = choose_threshold(rows, max_news=0.0)
    assert strict["threshold"] == 0.9 and strict["rule"].startswith("lowest")
    none_ok = choose_threshold(rows, max_news=-1)
    assert none_ok["threshold"] == 0.8 and none_ok["rule"].startswith("max F1")
