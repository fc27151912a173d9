"""Stage 7: refresh the marts, then publish a read-only snapshot for analysts, atomically."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from desk.mirror import mirror_for
from desk.pages import refresh_for as refresh_desk_pages
from pipelines.settings import Settings
from pipelines.stages.stage_run import stage_run
from warehouse.connection import snapshot_path_for
from warehouse.marts import refresh_marts


def snapshot_path(settings: Settings) -> Path:
    return snapshot_path_for(settings.warehouse_path)


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def publish(settings: Settings, day: date) -> dict[str, Any]:
    """Analysts read the snapshot, so the daily writer never blocks or breaks their queries.

    The marts are rebuilt for the day (and any other day whose stages ran since the last
    refresh) in one transaction, checkpointed, and the file is copied to a temporary file of
    its own, then renamed over the previous snapshot, all while this process holds the write
    lock: two publishers (the CLI and the DAG) take turns, each copy is a consistent state, and
    a reader sees the old snapshot or the new one, never a mixture (a reader that already had
    the old one open keeps reading it undisturbed). A failed copy (disk full) leaves the
    previous snapshot in place.
    """
    target = snapshot_path(settings)
    with stage_run(settings, day, "publish") as run:
        con = run.con
        desk = mirror_for(settings, con)  # the desk's decisions, for the snapshot and briefing
        refreshed = refresh_marts(con, days=[day])
        pages = refresh_desk_pages(settings, con)  # the desk's pages, precomputed (desk/pages.py)
        summary = {"snapshot": str(target), "marts_mode": refreshed.mode,
                   "marts_days": len(refreshed.days), "marts_posts": refreshed.posts,
                   "marts_seconds": round(refreshed.seconds, 3), "desk": desk,
                   "desk_pages": pages}
        con.execute("CHECKPOINT")
        # Under the lock no other publisher runs: temporary files left here were a killed one's.
        for stale in target.parent.glob(_temp_prefix(target) + "*.tmp"):
            stale.unlink(missing_ok=True)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=_temp_prefix(target),
                                    suffix=".tmp")
        tmp = Path(name)
        try:
            with os.fdopen(fd, "wb") as out, settings.warehouse_path.open("rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
                out.flush()
                os.fsync(out.fileno())  # on disk before it replaces the old snapshot
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        # success once the snapshot is in place (the snapshot itself shows publish running)
        run.finish(counts={"stored": refreshed.posts}, detail=summary)
    return summary
