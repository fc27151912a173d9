"""Stage 7: refresh the marts, then publish a read-only snapshot for analysts, atomically."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from desk.mirror import mirror_for
from pipelines.settings import Settings
from warehouse.connection import snapshot_path_for, writer
from warehouse.marts import refresh_marts


def snapshot_path(settings: Settings) -> Path:
    return snapshot_path_for(settings.warehouse_path)


def publish(settings: Settings, day: date) -> dict[str, Any]:
    """Analysts read the snapshot, so the daily writer never blocks or breaks their queries.

    The marts are rebuilt for the day (and any other day whose stages ran since the last
    refresh) in one transaction, checkpointed, and the file is copied while this process still
    holds the write lock, so the copy is a consistent state. The copy replaces the previous
    snapshot with one rename: a reader sees the old snapshot or the new one, never a mixture,
    and a reader that already had the old one open keeps reading it undisturbed.
    """
    target = snapshot_path(settings)
    tmp = target.with_name(target.name + ".tmp")
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        desk = mirror_for(settings, con)  # the desk's decisions, for the snapshot and briefing
        refreshed = refresh_marts(con, days=[day])
        con.execute("CHECKPOINT")
        shutil.copyfile(settings.warehouse_path, tmp)
    os.replace(tmp, target)
    return {"snapshot": str(target), "marts_mode": refreshed.mode,
            "marts_days": len(refreshed.days), "marts_posts": refreshed.posts,
            "marts_seconds": round(refreshed.seconds, 3), "desk": desk}
