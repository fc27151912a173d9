"""The pipeline's shape, written once: what runs, in what order, what fans out.

Read by both DAGs (through `pipelines.airflow_dag`), by `run_day` and `run_day_sharded`, and by
the DAG integrity test, so they cannot drift apart. Each step is a plain function of
`(settings, day)` — or `(settings, day, item)` for a step mapped over the list an earlier step
returned — imported lazily: the DAG files parse without torch, DuckDB or the model.

    DAILY:   list_drop_folder → ingest_drop_folder[file] → ingest → normalise → tag_regions
             → embed → classify → cluster → publish → brief → deliver
    SHARDED: list_drop_folder → ingest_drop_folder[file] → ingest → split
             → normalise_shard[k] → merge_normalised → embed_shard[k] → merge_vectors
             → score_shard[k] → merge_scores → cluster → publish → brief → cleanup → deliver
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pipelines.settings import Settings

StepFn = Callable[..., Any]


@dataclass(frozen=True)
class Step:
    name: str
    run: StepFn
    # Mapped: one task per element of the list the named earlier step returned.
    over: str | None = None
    # False for what only the scheduler does: the drop folder (`pantau ingest` at the command
    # line) and delivery (`pantau deliver`); `run_day` skips these.
    in_process: bool = True
    trigger_rule: str | None = None
    one_at_a_time: bool = False  # DuckDB has a single writer
    queue_setting: str | None = None  # the Settings field naming the worker queue
    doc: str = ""


@dataclass(frozen=True)
class Pipeline:
    dag_id: str
    description: str
    steps: tuple[Step, ...]
    tags: tuple[str, ...] = ("pantau",)
    paused_on_creation: bool = False

    @property
    def task_ids(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.steps)

    @property
    def in_process(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.in_process)

    def step(self, name: str) -> Step:
        for s in self.steps:
            if s.name == name:
                return s
        raise KeyError(f"{self.dag_id} has no step {name!r}")


# --- the steps' functions (lazy imports: see the module docstring) ----------------------------

def _list_drop_folder(settings: Settings, day: date) -> list[dict[str, str]]:
    from pipelines.drop_folder import list_pending

    return [{"connector": c, "path": str(p)} for c, p in list_pending(settings)]


def _ingest_drop_folder(settings: Settings, day: date, item: dict[str, str]) -> dict[str, Any]:
    from pipelines.drop_folder import process_file

    return process_file(settings, day, item["connector"], Path(item["path"]))


def _stage_functions() -> dict[str, StepFn]:
    from pipelines.stages.brief import brief
    from pipelines.stages.classify import classify
    from pipelines.stages.cluster import cluster
    from pipelines.stages.embed import embed
    from pipelines.stages.ingest import ingest
    from pipelines.stages.normalise import normalise
    from pipelines.stages.publish import publish
    from pipelines.stages.tag_regions import tag_regions

    def ingest_counts(settings: Settings, day: date) -> dict[str, Any]:
        result = ingest(settings, day)
        return {"received": result.received, "quarantined": result.quarantined,
                "files": len(result.files),
                "refused": {Path(f.path).name: f.refused for f in result.files if f.refused}}

    return {"ingest": ingest_counts, "normalise": normalise, "tag_regions": tag_regions,
            "embed": embed, "classify": classify, "cluster": cluster, "publish": publish,
            "brief": brief}


def _stage(name: str, **options: Any) -> Step:
    def run(settings: Settings, day: date) -> dict[str, Any]:
        result: dict[str, Any] = _stage_functions()[name](settings, day)
        return result

    run.__name__ = name
    return Step(name, run, **options)


def _deliver(settings: Settings, day: date) -> dict[str, Any]:
    from reports.delivery import deliver_for

    return deliver_for(settings, day)


def _sharding(name: str) -> StepFn:
    def run(*args: Any) -> Any:
        from pipelines import sharding

        return getattr(sharding, name)(*args)

    run.__name__ = name
    return run


# --- the two pipelines -------------------------------------------------------------------------

# Every step that opens the warehouse (or the drop folder, or the reports) runs on the worker
# that holds it; only the partition steps of the sharded DAG go anywhere.
_WAREHOUSE = "warehouse_queue"

_DROP_FOLDER = (
    Step("list_drop_folder", _list_drop_folder, in_process=False, queue_setting=_WAREHOUSE,
         doc="Files waiting in <inbox>/<connector>/ (pipelines/drop_folder.py)."),
    Step("ingest_drop_folder", _ingest_drop_folder, over="list_drop_folder", in_process=False,
         one_at_a_time=True, queue_setting=_WAREHOUSE,
         doc="Ingest one dropped file, then move it."),
)
# With an empty drop folder the mapped task is skipped: ingest still runs.
_INGEST = _stage("ingest", trigger_rule="none_failed", queue_setting=_WAREHOUSE)
_AFTER_SCORING = tuple(_stage(name, queue_setting=_WAREHOUSE)
                       for name in ("cluster", "publish", "brief"))
_DELIVER = Step("deliver", _deliver, in_process=False, queue_setting=_WAREHOUSE,
                doc="E-mail and Telegram the day's digests, where configured.")

DAILY = Pipeline(
    dag_id="pantau_daily",
    description="Ingest → normalise → tag regions → embed → classify → cluster → publish → brief"
                " → deliver",
    steps=(*_DROP_FOLDER, _INGEST,
           *(_stage(name, queue_setting=_WAREHOUSE)
             for name in ("normalise", "tag_regions", "embed", "classify")),
           *_AFTER_SCORING, _DELIVER),
)

SHARDED = Pipeline(
    dag_id="pantau_daily_sharded",
    description="Pantau daily pipeline with normalise, embed and score sharded over workers",
    tags=("pantau", "sharded"),
    # Enable this DAG *or* pantau_daily, not both: they write the same days.
    paused_on_creation=True,
    steps=(
        *_DROP_FOLDER, _INGEST,
        Step("split", _sharding("split_day"), queue_setting=_WAREHOUSE,
             doc="The day's raw posts into partitions; the shard tasks map over their indexes."),
        Step("normalise_shard", _sharding("normalise_shard"), over="split"),
        Step("merge_normalised", _sharding("merge_normalised"), queue_setting=_WAREHOUSE),
        Step("embed_shard", _sharding("embed_shard"), over="split",
             queue_setting="embed_queue"),
        Step("merge_vectors", _sharding("merge_vectors"), queue_setting=_WAREHOUSE),
        Step("score_shard", _sharding("score_shard"), over="split"),
        Step("merge_scores", _sharding("merge_scores"), queue_setting=_WAREHOUSE),
        *_AFTER_SCORING,
        Step("cleanup", _sharding("cleanup"), queue_setting=_WAREHOUSE,
             doc="Drop the day's partitions; after a failure they stay, for retries."),
        _DELIVER,
    ),
)

PIPELINES = {p.dag_id: p for p in (DAILY, SHARDED)}

# The one-machine day, as `pantau run` and the tests run it.
STAGES = tuple(s.name for s in DAILY.in_process)
