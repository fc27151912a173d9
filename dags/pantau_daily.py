"""Daily Pantau pipeline: one task per stage; each task is idempotent for its day.

The heavy work lives in `pipelines/`; this file only wires tasks, and imports nothing heavy
at parse time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pendulum
from airflow.sdk import dag, task
from airflow.timetables.interval import CronDataIntervalTimetable

STAGES = ("ingest", "normalise", "tag_regions", "embed", "classify", "cluster", "publish",
          "brief")


def _stage_task(stage: str, **task_args: Any) -> Any:
    @task(task_id=stage, **task_args)
    def run(**context: Any) -> dict[str, Any]:
        from pipelines.dag_tasks import run_stage_for

        return run_stage_for(stage, context["logical_date"])

    return run


@task(task_id="list_drop_folder")
def list_drop_folder() -> list[dict[str, str]]:
    """Files waiting in <inbox>/<connector>/ (pipelines/drop_folder.py)."""
    from pipelines.drop_folder import pending_for_dag

    return pending_for_dag()


# One mapped task per dropped file; one at a time, since DuckDB has a single writer.
@task(task_id="ingest_drop_folder", max_active_tis_per_dagrun=1)
def ingest_drop_folder(item: dict[str, str], **context: Any) -> dict[str, Any]:
    from pipelines.drop_folder import process_for_dag

    return process_for_dag(item, context["logical_date"])


@task(task_id="deliver")
def deliver(**context: Any) -> dict[str, Any]:
    """E-mail and Telegram the day's digests, where configured (reports/delivery.py)."""
    from reports.delivery import deliver_for

    return deliver_for(context["logical_date"])


@dag(
    dag_id="pantau_daily",
    description="Ingest → normalise → tag regions → embed → classify → cluster → publish → brief",
    # A run covers one Jakarta day and starts once that day is over.
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="Asia/Jakarta"),
    start_date=pendulum.datetime(2026, 11, 1, tz="Asia/Jakarta"),
    catchup=True,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=5)},
    tags=["pantau"],
)
def pantau_daily() -> None:
    dropped = ingest_drop_folder.expand(item=list_drop_folder())
    previous = None
    for stage in STAGES:
        # With an empty drop folder the mapped task is skipped: ingest still runs.
        args = {"trigger_rule": "none_failed"} if stage == "ingest" else {}
        current = _stage_task(stage, **args)()
        if previous is None:
            dropped >> current
        else:
            previous >> current
        previous = current
    previous >> deliver()


pantau_daily()
