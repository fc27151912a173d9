"""A pipeline spec (`pipelines.spec`) as an Airflow DAG: one task per step, in order.

Imports Airflow and the settings only, so a DAG file that calls `build_dag` parses in well under
a second; every task runs its step through `pipelines.dag_tasks.run_task` in the worker.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pendulum
from airflow.sdk import DAG, task
from airflow.timetables.interval import CronDataIntervalTimetable

from pipelines.settings import get_settings
from pipelines.spec import Pipeline, Step


def _task(pipeline: Pipeline, step: Step) -> Any:
    options: dict[str, Any] = {"task_id": step.name}
    if step.doc:
        options["doc_md"] = step.doc
    if step.trigger_rule:
        options["trigger_rule"] = step.trigger_rule
    if step.one_at_a_time:
        options["max_active_tis_per_dagrun"] = 1
    if step.queue_setting:
        options["queue"] = str(getattr(get_settings(), step.queue_setting))
    dag_id, name = pipeline.dag_id, step.name

    if step.over is not None:
        @task(**options)
        def mapped(item: Any, **context: Any) -> Any:
            from pipelines.dag_tasks import run_task

            return run_task(dag_id, name, context["logical_date"], item)

        return mapped

    @task(**options)
    def single(**context: Any) -> Any:
        from pipelines.dag_tasks import run_task

        return run_task(dag_id, name, context["logical_date"])

    return single


def build_dag(pipeline: Pipeline) -> DAG:
    """Each step waits for the one before it; a mapped step fans out over its source's list."""
    with DAG(
        dag_id=pipeline.dag_id,
        description=pipeline.description,
        # A run covers one Jakarta day and starts once that day is over.
        schedule=CronDataIntervalTimetable("0 0 * * *", timezone="Asia/Jakarta"),
        start_date=pendulum.datetime(2026, 11, 1, tz="Asia/Jakarta"),
        catchup=True,
        max_active_runs=1,
        is_paused_upon_creation=pipeline.paused_on_creation,
        default_args={"retries": 2, "retry_delay": timedelta(minutes=5)},
        tags=list(pipeline.tags),
    ) as dag:
        outputs: dict[str, Any] = {}
        previous = None
        for step in pipeline.steps:
            make = _task(pipeline, step)
            current = make.expand(item=outputs[step.over]) if step.over else make()
            if previous is not None:
                previous >> current
            outputs[step.name] = current
            previous = current
    return dag
