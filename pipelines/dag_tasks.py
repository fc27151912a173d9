"""What an Airflow task calls: the one place a logical date becomes (settings, day)."""

from __future__ import annotations

import os
import socket
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pipelines.settings import Settings, get_settings


def day_of(logical_date: datetime | str, timezone: str) -> date:
    """The day a run covers, in the settings' zone: 00:00 WIB is still 17:00 UTC the day before."""
    if isinstance(logical_date, str):
        logical_date = datetime.fromisoformat(logical_date)
    if logical_date.tzinfo is None:
        return logical_date.date()
    return logical_date.astimezone(ZoneInfo(timezone)).date()


def worker_hostname() -> str:
    """Airflow's `[core] hostname_callable` for Celery workers that share a machine (deploy/
    cluster): the name in PANTAU_WORKER_NAME, so each task instance records the worker that ran
    it; the machine's name otherwise."""
    return os.environ.get("PANTAU_WORKER_NAME") or socket.getfqdn()


def settings_and_day(logical_date: datetime | str) -> tuple[Settings, date]:
    settings = get_settings()
    settings.ensure_dirs()
    return settings, day_of(logical_date, settings.timezone)


def run_task(dag_id: str, step_name: str, logical_date: datetime | str,
             *item: Any) -> Any:
    """Run step `step_name` of pipeline `dag_id` (`pipelines.spec`) for the run's day; `item`
    is the element a mapped task got."""
    from pipelines.daily import run_step
    from pipelines.spec import PIPELINES

    settings, day = settings_and_day(logical_date)
    result = run_step(PIPELINES[dag_id].step(step_name), settings, day, *item)
    if isinstance(result, dict):
        # XCom carries small values only: the day and counts, never data.
        return {"day": day.isoformat(), **{k: v for k, v in result.items()
                                           if isinstance(v, (int, float, str))}}
    return result  # None, or the list a mapped step fans out over
