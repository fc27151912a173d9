"""Forked stage workers: the same results in the same order as one process."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from pipelines import parallel
from pipelines.settings import Settings
from tests.warehouse_rows import assert_same_tables

FIXTURES = Path(__file__).parent.parent / "fixtures"
DAYS = (date(2026, 11, 20), date(2026, 11, 21))
needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="stage workers fork on Linux only")


@needs_fork
def test_results_keep_input_order_and_come_from_two_workers() -> None:
    import multiprocessing

    table = {i: f"post-{i}" for i in range(40)}  # a closure: workers inherit it, unpickled
    # The first two items wait for each other, so the second worker must take one (a fast
    # worker could otherwise serve every item).
    both = multiprocessing.get_context("fork").Barrier(2, timeout=60)

    def work(i: int) -> tuple[str, int]:
        if i < 2:
            both.wait()
        return table[i], os.getpid()

    out = list(parallel.map_ordered(work, range(40), processes=2))
    assert [name for name, _ in out] == [f"post-{i}" for i in range(40)]
    pids = {pid for _, pid in out}
    assert os.getpid() not in pids and len(pids) == 2


@needs_fork
def test_a_batch_error_reaches_the_stage_unchanged() -> None:
    def work(i: int) -> int:
        if i == 3:
            raise ValueError(f"bad batch {i}")
        return i

    with pytest.raises(ValueError, match="bad batch 3"):
        list(parallel.map_ordered(work, range(6), processes=2))
    # the pool is gone and a later stage starts clean
    assert list(parallel.map_ordered(lambda i: i * 2, range(4), processes=2)) == [0, 2, 4, 6]


@needs_fork
def test_a_killed_worker_is_a_clear_error() -> None:
    def work(i: int) -> int:
        if i == 1:
            os._exit(9)  # what the kernel's OOM killer looks like from here
        return i

    with pytest.raises(parallel.WorkerDied, match="PANTAU_STAGE_PROCESSES=1"):
        list(parallel.map_ordered(work, range(4), processes=2))


def _pids_inside_a_pool_worker(_: int) -> tuple[int, list[int]]:
    return os.getpid(), list(parallel.map_ordered(lambda i: os.getpid(), range(4), processes=2))


@needs_fork
def test_a_daemonic_worker_runs_its_batches_itself() -> None:
    """A multiprocessing pool's workers (Celery's, Airflow's) may not have children: the stage
    runs its batches in that worker instead of failing."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        worker, pids = pool.map(_pids_inside_a_pool_worker, [0])[0]
    assert pids == [worker] * 4


def test_one_process_runs_here() -> None:
    assert list(parallel.map_ordered(lambda i: os.getpid(), range(3), processes=1)) == \
        [os.getpid()] * 3


def test_plan_splits_a_big_day_evenly_and_leaves_a_small_one_alone() -> None:
    s = Settings.model_validate({"stage_processes": 2, "parallel_min_posts": 20_000})
    assert parallel.plan(s, 19_999, 50_000) == (1, 50_000)
    if parallel.can_fork():
        assert parallel.plan(s, 100_000, 50_000) == (2, 50_000)
        assert parallel.plan(s, 60_000, 50_000) == (2, 30_000)  # not 50k + 10k
        assert parallel.plan(s, 300_000, 50_000) == (2, 50_000)  # batches stay bounded
        assert parallel.plan(s, 60_000, 50_000, min_rows=80_000) == (1, 50_000)  # own gate
    one = s.model_copy(update={"stage_processes": 1})
    assert parallel.plan(one, 100_000, 50_000) == (1, 50_000)


@needs_fork
@pytest.mark.slow
def test_forked_stages_store_what_one_process_stores(settings: Settings, tmp_path: Path,
                                                     embedder) -> None:  # type: ignore[no-untyped-def]
    from models.promotion import bootstrap
    from pipelines.daily import run_day

    bootstrap(settings, FIXTURES / "labels.csv")
    serial = settings.model_copy(update={"stage_processes": 1})
    forked = settings.model_copy(update={"home": tmp_path / "forked", "stage_processes": 2,
                                         "parallel_min_posts": 1})
    shutil.copytree(settings.home, forked.home)
    for day in DAYS:
        run_day(serial, day)
        run_day(forked, day)
    assert_same_tables(serial.warehouse_path, forked.warehouse_path, (
        "SELECT * FROM stg_posts ORDER BY post_id",
        "SELECT batch_day, post_id FROM stg_posts ORDER BY rowid",
        "SELECT * FROM post_regions ORDER BY post_id, region_code",
        "SELECT * FROM post_scores ORDER BY post_id",
        # the cluster stage forks its claim rows, leftover blocks and frame checks
        "SELECT post_id, narrative_id, batch_day, similarity, assigned_by FROM narrative_posts"
        " ORDER BY post_id",
        "SELECT narrative_id, label, keywords, n_members, fact_check_id FROM narrative_dim"
        " ORDER BY narrative_id",
        "SELECT day, received, stored, duplicates, quarantined, reconciled"
        " FROM run_summary ORDER BY day"))
