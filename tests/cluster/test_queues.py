"""Which Celery queue each task of the DAGs goes to: the warehouse's tasks to one queue (one
worker on the warehouse's host), the partition steps anywhere."""

from __future__ import annotations

import pytest

from pipelines.airflow_dag import build_dag
from pipelines.settings import reset_settings
from pipelines.spec import DAILY, SHARDED

PARTITION_STEPS = {"normalise_shard", "score_shard"}


def test_warehouse_tasks_go_to_the_warehouse_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_WAREHOUSE_QUEUE", "warehouse")
    monkeypatch.setenv("PANTAU_EMBED_QUEUE", "gpu")
    reset_settings()
    try:
        sharded = {t.task_id: t.queue for t in build_dag(SHARDED).tasks}
        daily = {t.task_id: t.queue for t in build_dag(DAILY).tasks}
    finally:
        reset_settings()
    assert sharded.pop("embed_shard") == "gpu"
    assert {sharded.pop(name) for name in PARTITION_STEPS} == {"default"}
    assert set(sharded.values()) == {"warehouse"}, sharded
    assert set(daily.values()) == {"warehouse"}, daily


def test_one_queue_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PANTAU_WAREHOUSE_QUEUE", raising=False)
    monkeypatch.delenv("PANTAU_EMBED_QUEUE", raising=False)
    reset_settings()
    try:
        assert {t.queue for t in build_dag(SHARDED).tasks} == {"default"}
    finally:
        reset_settings()
