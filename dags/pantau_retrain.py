"""Retraining loop: new labels or fact-checks → train → promote under the gate → re-score.

Three DAGs, joined by the `pantau_labels` and `pantau_fact_checks` assets:

* `pantau_labels_import` (hourly) imports label files dropped into
  `$PANTAU_HOME/labels/incoming/`; when new labels arrived it updates `pantau_labels`;
* `pantau_fact_check_watch` (hourly) counts the fact-checks ingested since the newest model
  trained from the feeds; from `PANTAU_RETRAIN_MIN_FACT_CHECKS` (50) on it updates
  `pantau_fact_checks`;
* `pantau_retrain` runs on an update of either asset: train a candidate from the feeds and the
  labels (`pantau train --from-warehouse`), promote it only if it beats the production model
  on the same held-back newest examples, and if it did, re-score the last
  `PANTAU_RESCORE_DAYS` (7) days so posts and narratives carry the new model's scores.

The work lives in `models/retrain.py`; this file only wires tasks and imports nothing heavy at
parse time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pendulum
from airflow.sdk import Asset, dag, task

LABELS = Asset(name="pantau_labels", uri="pantau://warehouse/labels")
FACT_CHECKS = Asset(name="pantau_fact_checks", uri="pantau://warehouse/fact_checks")


def _settings() -> Any:
    from pipelines.settings import get_settings

    settings = get_settings()
    settings.ensure_dirs()
    return settings


@dag(
    dag_id="pantau_labels_import",
    description="Import label files from $PANTAU_HOME/labels/incoming; update the labels asset",
    schedule="@hourly",
    start_date=pendulum.datetime(2026, 11, 1, tz="Asia/Jakarta"),
    catchup=False,
    max_active_runs=1,
    tags=["pantau", "models"],
)
def pantau_labels_import() -> None:
    @task(outlets=[LABELS])
    def import_labels() -> dict[str, Any]:
        from airflow.sdk.exceptions import AirflowSkipException

        from models.retrain import import_incoming

        result = import_incoming(_settings())
        if result["imported"] == 0:
            # A skipped task emits no asset event: nothing new, no retraining.
            raise AirflowSkipException(f"no new labels ({result})")
        return result

    import_labels()


@dag(
    dag_id="pantau_fact_check_watch",
    description="Update the fact-checks asset when enough new fact-checks have been ingested",
    schedule="@hourly",
    start_date=pendulum.datetime(2026, 11, 1, tz="Asia/Jakarta"),
    catchup=False,
    max_active_runs=1,
    tags=["pantau", "models"],
)
def pantau_fact_check_watch() -> None:
    @task(outlets=[FACT_CHECKS])
    def count_new() -> dict[str, Any]:
        from airflow.sdk.exceptions import AirflowSkipException

        from models.retrain import new_fact_checks

        settings = _settings()
        result = new_fact_checks(settings)
        if result["new"] < settings.retrain_min_fact_checks:
            raise AirflowSkipException(
                f"{result['new']} new fact-checks, retraining from "
                f"{settings.retrain_min_fact_checks} (PANTAU_RETRAIN_MIN_FACT_CHECKS)")
        return result

    count_new()


@dag(
    dag_id="pantau_retrain",
    description="Train a candidate from feeds and labels, promote under the gate, re-score",
    schedule=(LABELS | FACT_CHECKS),
    start_date=pendulum.datetime(2026, 11, 1, tz="Asia/Jakarta"),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["pantau", "models"],
)
def pantau_retrain() -> None:
    @task
    def train() -> dict[str, Any]:
        from models.retrain import train_step

        return train_step(_settings())

    @task
    def promote(trained: Any) -> dict[str, Any]:
        from models.retrain import promote_step

        return promote_step(_settings(), trained["version"])

    @task
    def rescore(decision: Any) -> dict[str, Any]:
        from airflow.sdk.exceptions import AirflowSkipException

        from models.retrain import rescore_step

        if not decision["promoted"]:
            raise AirflowSkipException(decision["message"])
        return rescore_step(_settings())

    rescore(promote(train()))


pantau_labels_import()
pantau_fact_check_watch()
pantau_retrain()
