"""What an Airflow task calls: resolve the day from the logical date, run one stage."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pipelines.settings import get_settings


def day_of(logical_date: datetime | str, timezone: str | None = None) -> date:
    """The day a run covers, in the settings' zone: 00:00 WIB is still 17:00 UTC the day before."""
    zone = ZoneInfo(timezone or get_settings().timezone)
    if isinstance(logical_date, str):
        logical_date = datetime.fromisoformat(logical_date)
    if logical_date.tzinfo is None:
        return logical_date.date()
    return logical_date.astimezone(zone).date()


def run_stage_for(stage: str, logical_date: datetime | str) -> dict[str, Any]:
    from pipelines.daily import run_stage

    settings = get_settings()
    day = day_of(logical_date, settings.timezone)
    result = run_stage(stage, settings, day)
    # XCom carries small values only: the day and counts, never data.
    return {"day": day.isoformat(), **{k: v for k, v in result.items()
                                       if isinstance(v, (int, float, str))}}
