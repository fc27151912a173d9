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


def _stage_task(stage: str) -> Any:
    @task(task_id=stage)
    def run(**context: Any) -> dict[str, Any]:
        from pipelines.dag_tasks import run_stage_for

        return run_stage_for(stage, context["logical_date"])

    return run


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
    previous = None
    for stage in STAGES:
        current = _stage_task(stage)()
        if previous is not None:
            previous >> current
        previous = current


pantau_daily()
