"""The daily pipeline: the same stage functions serve the CLI and the Airflow DAG."""

from __future__ import annotations

import contextlib
import ctypes
import sys
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from pipelines.settings import Settings

StageFn = Callable[[Settings, date], dict[str, Any]]


def stage_functions() -> dict[str, StageFn]:
    """Imported lazily: the DAG file must parse without torch or the model."""
    from pipelines.stages.brief import brief
    from pipelines.stages.classify import classify
    from pipelines.stages.cluster import cluster
    from pipelines.stages.embed import embed
    from pipelines.stages.ingest import ingest
    from pipelines.stages.normalise import normalise
    from pipelines.stages.publish import publish
    from pipelines.stages.tag_regions import tag_regions

    return {
        "ingest": lambda s, d: _ingest_counts(ingest(s, d)),
        "normalise": normalise,
        "tag_regions": tag_regions,
        "embed": embed,
        "classify": classify,
        "cluster": cluster,
        "publish": publish,
        "brief": brief,
    }


STAGES = ("ingest", "normalise", "tag_regions", "embed", "classify", "cluster", "publish",
          "brief")


def _ingest_counts(result: Any) -> dict[str, Any]:
    return {"received": result.received, "quarantined": result.quarantined,
            "files": len(result.files)}


def run_stage(name: str, settings: Settings, day: date) -> dict[str, Any]:
    from pipelines.locks import day_lock
    from warehouse.connection import DiskFullError, configure, is_disk_full

    settings.ensure_dirs()
    configure(memory_limit=settings.duckdb_memory_limit or None)
    # one run of a day at a time (CLI and DAG alike); re-entrant under run_day's own hold
    with day_lock(settings.home, day, settings.lock_timeout_s):
        try:
            return stage_functions()[name](settings, day)
        except BaseException as exc:
            # runs shows the failure (a killed process is caught at the next start instead)
            from warehouse.store import record_failure

            record_failure(settings.warehouse_path, day, name, exc)
            if is_disk_full(exc):
                raise DiskFullError(
                    f"Disk full while the {name} stage of {day} wrote under {settings.home}: "
                    "free some space, then rerun the day (the warehouse keeps its state from "
                    "before this stage).") from exc
            raise
        finally:
            release_memory()


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
