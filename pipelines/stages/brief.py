"""Stage 8: write the national briefing and one per configured region, in every format."""

from __future__ import annotations

from datetime import date

from pipelines.settings import Settings


def brief(settings: Settings, day: date) -> dict[str, object]:
    from reports.briefings import write_daily_briefings
    from warehouse.connection import writer
    from warehouse.store import finish_run, start_run

    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        run_id = start_run(con, day, "brief")
    paths = write_daily_briefings(settings, day)
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        finish_run(con, run_id, counts={"stored": len(paths)},
                   detail={"paths": [p.name for p in paths]})
    return {"paths": [str(p) for p in paths], "briefings": len(paths)}
