"""`runs` tells the truth after a failure or a kill -9, and one day runs once at a time:
a second `pantau run` (or a DAG task) for the same day waits, then refuses with one line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipelines.locks import DayBusyError, day_lock
from pipelines.settings import Settings
from warehouse.connection import writer
from warehouse.store import fail_run, finish_run, mark_stale_runs, start_run

REPO = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 20)


def runs(settings: Settings) -> dict[str, tuple[str, str | None]]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        return {r[0]: (r[1], r[2]) for r in con.execute(
            "SELECT run_id, status, error FROM runs").fetchall()}


def _env(settings: Settings, **extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "PANTAU_HOME": str(settings.home), **extra}


def test_a_stage_that_raises_is_recorded_failed(settings: Settings,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import pipelines.stages.normalise as normalise
    from pipelines.daily import run_stage

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(normalise, "link_and_store", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        run_stage("normalise", settings, DAY)
    assert runs(settings)[f"{DAY}:normalise"] == ("failed", "RuntimeError: disk on fire")
    # a stage that never got to record its start (publish before its writer) still shows up
    monkeypatch.setattr("pipelines.stages.publish.refresh_marts", broken)
    with pytest.raises(RuntimeError):
        run_stage("publish", settings, DAY)
    assert runs(settings)[f"{DAY}:publish"][0] == "failed"
    monkeypatch.undo()
    run_stage("normalise", settings, DAY)  # the next success clears it
    assert runs(settings)[f"{DAY}:normalise"] == ("success", None)


def test_a_stage_left_running_by_kill_9_is_marked_failed_at_the_next_start(
        settings: Settings) -> None:
    with writer(settings.warehouse_path):
        pass  # migrated
    script = textwrap.dedent(f"""
        import os, signal
        from datetime import date
        from pathlib import Path
        from warehouse.connection import writer
        from warehouse.store import start_run
        with writer(Path({str(settings.warehouse_path)!r})) as con:
            start_run(con, date(2026, 11, 20), "cluster")
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=_env(settings),
                          check=False)
    assert proc.returncode == -signal.SIGKILL
    assert runs(settings)[f"{DAY}:cluster"] == ("running", None)
    with writer(settings.warehouse_path) as con:
        mine = start_run(con, DAY, "classify")  # the next start, in a live process
        other = start_run(con, DAY, "embed", owned=False)  # finished by another task
        con.execute("INSERT INTO runs (run_id, day, stage, status, started_at, owner) VALUES"
                    " ('elsewhere', DATE '2026-11-20', 'embed', 'running', now(),"
                    " 'another-host:1:1')")
        assert mark_stale_runs(con) == []  # the live, unowned and remote rows stay running
        finish_run(con, mine)
        fail_run(con, DAY, "embed", "gave up")
        del other
    status, error = runs(settings)[f"{DAY}:cluster"]
    assert status == "failed" and error is not None and "killed or crashed" in error
    assert runs(settings)["elsewhere"][0] == "running"
    assert runs(settings)[f"{DAY}:classify"] == ("success", None)


def _holder(settings: Settings, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the day's lock for `seconds`."""
    script = textwrap.dedent(f"""
        import sys, time
        from datetime import date
        from pathlib import Path
        from pipelines.locks import day_lock
        with day_lock(Path({str(settings.home)!r}), date(2026, 11, 20), 5):
            print("held", flush=True)
            time.sleep({seconds})
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, env=_env(settings),
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_run_of_the_same_day_refuses_with_one_line(settings: Settings) -> None:
    holder = _holder(settings, 900)  # killed below; long enough for a slow CLI start
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pipelines.cli", "run", "--date", DAY.isoformat()],
            cwd=REPO, env=_env(settings, PANTAU_LOCK_TIMEOUT_S="1", COLUMNS="300"),
            capture_output=True, text=True, timeout=300, check=False)
        assert proc.returncode == 2, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and f"Day {DAY} is being processed by process {holder.pid}" \
            in lines[0], proc.stderr
        assert not settings.warehouse_path.exists()  # it touched nothing
        # the DAG's task path takes the same lock
        import pipelines.dag_tasks as dag_tasks

        quick = settings.model_copy(update={"lock_timeout_s": 0.5})
        original = dag_tasks.get_settings
        dag_tasks.get_settings = lambda: quick  # type: ignore[assignment]
        try:
            with pytest.raises(DayBusyError, match="being processed"):
                dag_tasks.run_task("pantau_daily", "ingest", "2026-11-20T05:00:00+07:00")
        finally:
            dag_tasks.get_settings = original
    finally:
        holder.kill()
        holder.wait()
    # the kernel let go of the lock with the process: no stale lock file to clean up
    with day_lock(settings.home, DAY, 5):
        pass


def test_the_second_waits_for_the_first_and_nothing_is_doubled(settings: Settings) -> None:
    """The lock is re-entrant in the process holding it and waits for another process."""
    holder = _holder(settings, 2)
    started = time.monotonic()
    with day_lock(settings.home, DAY, 60), day_lock(settings.home, DAY, 0):
        waited = time.monotonic() - started
    holder.wait()
    assert waited >= 1.0
