"""Stage 8: write the national briefing and one per configured region."""

from __future__ import annotations

from datetime import date

from pipelines.settings import Settings


def brief(settings: Settings, day: date) -> dict[str, list[str]]:
    from reports.briefings import write_daily_briefings

    return {"paths": [str(p) for p in write_daily_briefings(settings, day)]}
