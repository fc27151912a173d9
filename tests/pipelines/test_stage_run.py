from __future__ import annotations

from datetime import date

import pytest

from pipelines.settings import Settings
from pipelines.stages.stage_run import stage_run
from warehouse.connection import reader

DAY = date(2026, 11, 20)


def _run(settings: Settings) -> tuple[str, int | None, str | None]:
    with reader(settings.warehouse_path) as con:
        row = con.execute("SELECT status, stored, CAST(finished_at AS VARCHAR) FROM runs"
                          " WHERE run_id = ?", [f"{DAY}:normalise"]).fetchone()
    assert row is not None
    return row[0], row[1], row[2]


def test_a_stage_that_finishes_records_its_counts(settings: Settings) -> None:
    with stage_run(settings, DAY, "normalise") as run:
        run.finish(counts={"stored": 7})
    status, stored, finished = _run(settings)
    assert (status, stored) == ("success", 7) and finished


def test_a_stage_that_raises_is_failed_not_running(settings: Settings) -> None:
    with stage_run(settings, DAY, "normalise") as run:
        run.finish(counts={"stored": 7})
    with pytest.raises(RuntimeError, match="disk full"), \
            stage_run(settings, DAY, "normalise"):
        raise RuntimeError("disk full")
    status, stored, finished = _run(settings)
    # The earlier success is replaced: the day's last attempt failed.
    assert status == "failed" and stored is None and finished


def test_a_stage_that_releases_the_lock_between_writes(settings: Settings) -> None:
    from warehouse.connection import writer

    with stage_run(settings, DAY, "normalise", hold_lock=False) as run:
        # between its writes the stage holds no lock: another writer gets in
        with writer(settings.warehouse_path, 5) as other:
            other.execute("SELECT 1")
        with run.writer() as con:
            con.execute("SELECT 1")
        run.finish(counts={"stored": 3})
    assert _run(settings)[:2] == ("success", 3)
    with pytest.raises(RuntimeError, match="model crashed"), \
            stage_run(settings, DAY, "normalise", hold_lock=False):
        raise RuntimeError("model crashed")
    assert _run(settings)[0] == "failed"
