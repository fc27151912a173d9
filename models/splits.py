"""Train/test splits that keep time periods and publishers apart, besides the random one.

A split is a pair of integer index arrays (train, test). Every function is deterministic for a
given seed, so figures in the docs can be reproduced.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

# Same source and period: a model trained on one has seen the other's items (88 % overlap).
SAME_SOURCE = ({"bdc2020", "tbh_2015_2021"},)


class SplitError(ValueError):
    """A split that cannot be made or must not be made."""


@dataclass(frozen=True)
class Split:
    name: str
    train: np.ndarray
    test: np.ndarray
    description: str = ""


def random_split(y: Sequence[int] | np.ndarray, test_fraction: float = 0.2,
                 seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Stratified random split: the same hoax share on both sides."""
    labels = np.asarray(y)
    rng = np.random.default_rng(seed)
    train, test = [], []
    for value in np.unique(labels):
        idx = np.flatnonzero(labels == value)
        rng.shuffle(idx)
        cut = int(round(len(idx) * test_fraction))
        test.append(idx[:cut])
        train.append(idx[cut:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(test))


def time_split(dates: Sequence[object] | pd.Series, y: Sequence[int] | np.ndarray | None = None,
               test_fraction: float = 0.2) -> tuple[np.ndarray, np.ndarray]:
    """Oldest items train, newest test, with no day on both sides.

    With `y`, the cut is made per class (the newest 20 % of hoaxes and the newest 20 % of
    non-hoaxes), for sets whose classes cover different periods — otherwise the test side
    would hold one class only. Items without a date are left out of both sides.
    """
    stamps = pd.to_datetime(pd.Series(list(dates)), errors="coerce")
    labels = np.zeros(len(stamps), dtype=int) if y is None else np.asarray(y)
    train, test = [], []
    for value in np.unique(labels):
        idx = np.flatnonzero((labels == value) & stamps.notna().to_numpy())
        if len(idx) == 0:
            continue
        days = stamps.iloc[idx].dt.normalize().to_numpy()
        order = idx[np.argsort(days, kind="stable")]
        sorted_days = np.sort(days, kind="stable")
        cut = int(round(len(order) * (1 - test_fraction)))
        cut = min(max(cut, 1), len(order) - 1) if len(order) > 1 else len(order)
        # Move the cut back so that the boundary day is entirely in test.
        if 0 < cut < len(order):
            boundary = sorted_days[cut]
            while cut > 0 and sorted_days[cut - 1] == boundary:
                cut -= 1
        train.append(order[:cut])
        test.append(order[cut:])
    if not train:
        raise SplitError("no dated items to split by time")
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(test))


def group_split(groups: Sequence[str] | pd.Series,
                test_groups: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every item of a test group in test, every other item in train: no group on both sides."""
    values = np.asarray(list(groups), dtype=object)
    wanted = set(test_groups)
    unknown = wanted - set(values.tolist())
    if unknown:
        raise SplitError(f"unknown groups {sorted(unknown)}; have {sorted(set(values.tolist()))}")
    mask = np.isin(values, list(wanted))
    if mask.all() or not mask.any():
        raise SplitError("a group split needs groups on both sides")
    return np.flatnonzero(~mask), np.flatnonzero(mask)


def group_holdout(groups: Sequence[str], y: Sequence[int] | np.ndarray,
                  test_fraction: float = 0.2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Hold out whole sources (publishers) until about `test_fraction` of the items are in test.

    Raises SplitError when the labels do not come from enough sources for both sides to hold
    both classes (one source, or all hoaxes from one account).
    """
    values = list(groups)
    labels = np.asarray(y)
    names = sorted(set(values))
    if len(names) < 2:
        raise SplitError(f"labels come from {len(names)} source(s); a source-disjoint split "
                         "needs at least two")
    rng = np.random.default_rng(seed)
    sizes = {g: values.count(g) for g in names}
    target = test_fraction * len(values)
    for _ in range(50):
        order = list(rng.permutation(names))
        chosen: list[str] = []
        total = 0
        for g in order:
            if total >= target:
                break
            if total + sizes[g] > 2 * target and chosen:
                continue
            chosen.append(str(g))
            total += sizes[g]
        if len(chosen) == len(names):
            continue
        train_idx, test_idx = group_split(values, chosen)
        if len(set(labels[test_idx].tolist())) == 2 and len(set(labels[train_idx].tolist())) == 2:
            return train_idx, test_idx
    raise SplitError("no grouping of sources gives both classes on both sides")


def publisher_folds(groups: Sequence[str] | pd.Series,
                    halves: Sequence[Iterable[str]]) -> list[Split]:
    """Train on one set of publishers, test on the rest, then the other way round."""
    values = list(groups)
    folds = []
    for half in halves:
        test_groups = sorted(set(half))
        train_idx, test_idx = group_split(values, test_groups)
        train_groups = sorted({values[i] for i in train_idx})
        folds.append(Split(f"publisher: test {'+'.join(test_groups)}", train_idx, test_idx,
                           f"train on {', '.join(train_groups)}; test on "
                           f"{', '.join(test_groups)}"))
    return folds


def check_cross_dataset(train_datasets: Iterable[str], test_datasets: Iterable[str]) -> None:
    """Refuse train/test pairs that share a source (bdc2020 and tbh_2015_2021)."""
    train, test = set(train_datasets), set(test_datasets)
    overlap = train & test
    if overlap:
        raise SplitError(f"{sorted(overlap)} on both sides is not a cross-dataset evaluation")
    for family in SAME_SOURCE:
        if train & family and test & family:
            raise SplitError(
                f"{sorted(train & family)} and {sorted(test & family)} come from the same source "
                "and period (turnbackhoax.id 2015-2021); training on one and testing on the "
                "other measures memory, not generalisation.")
