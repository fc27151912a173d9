"""Stage 8: write the national briefing and one per configured region, in every format."""

from __future__ import annotations

from datetime import date

from pipelines.settings import Settings


def brief(settings: Settings, day: date) -> dict[str, object]:
    from pipelines.stages.stage_run import stage_run
    from reports.briefings import write_daily_briefings

    # Rendering reads the warehouse itself: the writer is not held meanwhile.
    with stage_run(settings, day, "brief", hold_lock=False) as run:
        paths = write_daily_briefings(settings, day)
        run.finish(counts={"stored": len(paths)}, detail={"paths": [p.name for p in paths]})
    return {"paths": [str(p) for p in paths], "briefings": len(paths)}
