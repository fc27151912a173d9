"""Stage 7: publish a read-only snapshot of the warehouse for analysts, atomically."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from pipelines.settings import Settings
from warehouse.connection import writer


def snapshot_path(settings: Settings) -> Path:
    return settings.home / "pantau_snapshot.duckdb"


def publish(settings: Settings, day: date) -> dict[str, str]:
    """Analysts read the snapshot, so the daily writer never blocks or breaks their queries."""
    target = snapshot_path(settings)
    tmp = target.with_name(target.name + ".tmp")
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        con.execute("CHECKPOINT")
        # Copy while holding the write lock: no writer can change the file mid-copy.
        shutil.copyfile(settings.warehouse_path, tmp)
    os.replace(tmp, target)  # an open reader keeps the old inode; new readers see the new one
    return {"snapshot": str(target)}
