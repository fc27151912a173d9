"""The daily pipeline in one process: the steps of `pipelines.spec.DAILY`, as the DAG runs them."""

from __future__ import annotations

import contextlib
import ctypes
import sys
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from pipelines.settings import Settings
from pipelines.spec import DAILY, STAGES, Step

__all__ = ["STAGES", "days_between", "run_day", "run_stage", "run_step"]


def run_step(step: Step, settings: Settings, day: date, *args: Any) -> Any:
    """One step of a pipeline (`pipelines.spec`) for a day, in this process: the CLI, the tests
    and every Airflow task run a step through here."""
    from pipelines.locks import day_lock
    from warehouse.connection import (
        DiskFullError,
        MemoryLimitError,
        configure,
        is_disk_full,
        is_memory_limit,
    )

    settings.ensure_dirs()
    configure(memory_limit=settings.duckdb_memory_limit or None)
    # One run of a day at a time (CLI and DAG alike; re-entrant under run_day's own hold).
    # Mapped shard tasks of one DAG run share the day, so they do not take it.
    lock = (contextlib.nullcontext() if step.over is not None
            else day_lock(settings.home, day, settings.lock_timeout_s))
    with lock:
        try:
            return step.run(settings, day, *args)
        except BaseException as exc:
            # runs shows the failure (a killed process is caught at the next start instead)
            from warehouse.store import record_failure

            record_failure(settings.warehouse_path, day, step.name, exc)
            if is_disk_full(exc):
                raise DiskFullError(
                    f"Disk full while the {step.name} stage of {day} wrote under "
                    f"{settings.home}: free some space, then rerun the day (the warehouse "
                    "keeps its state from before this stage).") from exc
            if is_memory_limit(exc):
                limit = settings.duckdb_memory_limit or "80% of this machine's memory"
                raise MemoryLimitError(
                    f"DuckDB ran out of its memory limit ({limit}) in the {step.name} stage of "
                    f"{day}: raise PANTAU_DUCKDB_MEMORY_LIMIT (a 10M-post day's merges need "
                    "about 12GB, docs/scaling.md), then rerun the day (the warehouse keeps its "
                    "state from before this stage).") from exc
            raise
        finally:
            release_memory()


def run_stage(name: str, settings: Settings, day: date) -> dict[str, Any]:
    result: dict[str, Any] = run_step(DAILY.step(name), settings, day)
    return result


def release_memory() -> None:
    """Hand memory freed by a stage back to the system, so the next stage of a day run in one
    process starts from its own baseline, not the previous stage's high-water mark (glibc and
    Arrow's allocator keep freed blocks for reuse by default). A millisecond; no gc.collect(),
    which takes half a second with the model's libraries loaded."""
    try:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    if sys.platform.startswith("linux"):
        # not glibc (musl): nothing to trim
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


def run_day(settings: Settings, day: date,
            on_stage: Callable[[str], None] | None = None,
            stages: tuple[str, ...] = STAGES) -> dict[str, dict[str, Any]]:
    from pipelines.locks import day_lock

    results = {}
    settings.ensure_dirs()
    with day_lock(settings.home, day, settings.lock_timeout_s):  # the whole day, not per stage
        for name in stages:
            if on_stage:
                on_stage(name)
            results[name] = run_stage(name, settings, day)
    return results


def days_between(start: date, end: date) -> list[date]:
    if end < start:
        raise ValueError(f"--to {end} is before --from {start}")
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]
