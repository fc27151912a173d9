"""Daily Pantau pipeline, sharded: the heavy stages fan out over many workers.

The same day as `pantau_daily`, with normalise (+ region tags), embed and score split into
PANTAU_SHARDS partitions (default 4) by Airflow dynamic task mapping. Partition tasks read and
write Parquet under PANTAU_SHARD_DIR (default $PANTAU_HOME/shards) and never open the
warehouse, so they can run anywhere (Celery workers, Kubernetes pods); the short merge tasks
write each stage's result into DuckDB in one transaction. Every task calls `pipelines.sharding`,
which reuses the stages' own functions (see that module for the data flow, docs/scaling.md for
deployment and sizing).

    ingest → split → normalise_shard[k] → merge_normalised → embed_shard[k] → merge_vectors
           → score_shard[k] → merge_scores → cluster → publish → brief → cleanup

Enable this DAG *or* `pantau_daily`, not both: they write the same days. It is created paused.
Embedding tasks go to the Celery queue PANTAU_EMBED_QUEUE (default "default"), e.g. "gpu" for
workers with a GPU; the DAG file imports nothing heavy at parse time.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

import pendulum
from airflow.sdk import dag, task
from airflow.timetables.interval import CronDataIntervalTimetable

EMBED_QUEUE = os.environ.get("PANTAU_EMBED_QUEUE", "default")


def _day(context: dict[str, Any]) -> tuple[Any, Any]:
    from pipelines.dag_tasks import day_of
    from pipelines.settings import get_settings

    settings = get_settings()
    settings.ensure_dirs()
    return settings, day_of(context["logical_date"], settings.timezone)


def _small(result: dict[str, Any], day: Any) -> dict[str, Any]:
    """XCom carries the day and counts only, never data."""
    return {"day": day.isoformat(), **{k: v for k, v in result.items()
                                       if isinstance(v, (int, float, str))}}


def _stage_task(stage: str, **task_args: Any) -> Any:
    @task(task_id=stage, **task_args)
    def run(**context: Any) -> dict[str, Any]:
        from pipelines.dag_tasks import run_stage_for

        return run_stage_for(stage, context["logical_date"])

    return run


@task(task_id="list_drop_folder")
def list_drop_folder() -> list[dict[str, str]]:
    from pipelines.drop_folder import pending_for_dag

    return pending_for_dag()


@task(task_id="ingest_drop_folder", max_active_tis_per_dagrun=1)
def ingest_drop_folder(item: dict[str, str], **context: Any) -> dict[str, Any]:
    from pipelines.drop_folder import process_for_dag

    return process_for_dag(item, context["logical_date"])


@task(task_id="split")
def split(**context: Any) -> list[int]:
    """The day's raw posts into partitions; their indexes are what the shard tasks map over."""
    from pipelines.sharding import split_day

    settings, day = _day(context)
    return split_day(settings, day)


@task(task_id="normalise_shard")
def normalise_shard(k: int, **context: Any) -> dict[str, Any]:
    from pipelines import sharding

    settings, day = _day(context)
    return _small(sharding.normalise_shard(settings, day, k), day)


@task(task_id="merge_normalised")
def merge_normalised(**context: Any) -> dict[str, Any]:
    from pipelines import sharding

    settings, day = _day(context)
    return _small(sharding.merge_normalised(settings, day), day)


@task(task_id="embed_shard", queue=EMBED_QUEUE)
def embed_shard(k: int, **context: Any) -> dict[str, Any]:
    from pipelines import sharding

    settings, day = _day(context)
    return _small(sharding.embed_shard(settings, day, k), day)


@task(task_id="merge_vectors")
def merge_vectors(**context: Any) -> dict[str, Any]:
    from pipelines import sharding

    settings, day = _day(context)
    return _small(sharding.merge_vectors(settings, day), day)


@task(task_id="score_shard")
def score_shard(k: int, **context: Any) -> dict[str, Any]:
    from pipelines import sharding

    settings, day = _day(context)
    return _small(sharding.score_shard(settings, day, k), day)


@task(task_id="merge_scores")
def merge_scores(**context: Any) -> dict[str, Any]:
    from pipelines import sharding

    settings, day = _day(context)
    return _small(sharding.merge_scores(settings, day), day)


@task(task_id="cleanup")
def cleanup(**context: Any) -> None:
    """The partitions are a work area, dropped once the day is done; after a failure they stay
    (to look at, and for retries), and the next split of the day replaces them."""
    from pipelines import sharding

    settings, day = _day(context)
    sharding.cleanup(settings, day)


@dag(
    dag_id="pantau_daily_sharded",
    description="Pantau daily pipeline with normalise, embed and score sharded over workers",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="Asia/Jakarta"),
    start_date=pendulum.datetime(2026, 11, 1, tz="Asia/Jakarta"),
    catchup=True,
    max_active_runs=1,
    is_paused_upon_creation=True,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=5)},
    tags=["pantau", "sharded"],
)
def pantau_daily_sharded() -> None:
    dropped = ingest_drop_folder.expand(item=list_drop_folder())
    ingest = _stage_task("ingest", trigger_rule="none_failed")()
    parts = split()
    dropped >> ingest >> parts
    merged = merge_normalised()
    normalise_shard.expand(k=parts) >> merged
    vectors = merge_vectors()
    merged >> embed_shard.expand(k=parts) >> vectors
    scored = merge_scores()
    vectors >> score_shard.expand(k=parts) >> scored
    previous = scored
    for stage in ("cluster", "publish", "brief"):
        current = _stage_task(stage)()
        previous >> current
        previous = current
    previous >> cleanup()


pantau_daily_sharded()
