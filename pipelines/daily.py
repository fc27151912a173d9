"""The daily pipeline: the same stage functions serve the CLI and the Airflow DAG."""

from __future__ import annotations

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
    settings.ensure_dirs()
    return stage_functions()[name](settings, day)


def run_day(settings: Settings, day: date,
            on_stage: Callable[[str], None] | None = None,
            stages: tuple[str, ...] = STAGES) -> dict[str, dict[str, Any]]:
    results = {}
    for name in stages:
        if on_stage:
            on_stage(name)
        results[name] = run_stage(name, settings, day)
    return results


def days_between(start: date, end: date) -> list[date]:
    if end < start:
        raise ValueError(f"--to {end} is before --from {start}")
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]
