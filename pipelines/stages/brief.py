"""Stage 8: write the national briefing and one per configured region, in every format."""

from __future__ import annotations

from datetime import date

from pipelines.settings import Settings


def brief(settings: Settings, day: date) -> dict[str, object]:
    from reports.briefings import write_daily_briefings

    paths = write_daily_briefings(settings, day)
    return {"paths": [str(p) for p in paths], "briefings": len(paths)}
