from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipelines.spec import PIPELINES

DAGS = Path(__file__).resolve().parent.parent.parent / "dags"


def _parsed_dags(tmp_path: Path) -> dict[str, dict[str, list[str]]]:
    """Every DAG in dags/ as Airflow parses it: {dag_id: {task_id: sorted upstream ids}}."""
    code = f"""
import json, os
os.environ["AIRFLOW_HOME"] = {str(tmp_path)!r}
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
from airflow.dag_processing.dagbag import DagBag
bag = DagBag(dag_folder={str(DAGS)!r})
assert not bag.import_errors, bag.import_errors
print("DAGS", json.dumps({{d.dag_id: {{t.task_id: sorted(t.upstream_task_ids) for t in d.tasks}}
                          for d in bag.dags.values()}}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("DAGS "))
    parsed: dict[str, dict[str, list[str]]] = json.loads(line[5:])
    return parsed


def test_both_daily_dags_are_their_spec_and_end_with_deliver(tmp_path: Path) -> None:
    parsed = _parsed_dags(tmp_path)
    assert "pantau_retrain" in parsed
    for dag_id, pipeline in PIPELINES.items():
        tasks = parsed[dag_id]
        assert set(tasks) == set(pipeline.task_ids), dag_id
        first, *rest = pipeline.steps
        assert tasks[first.name] == []
        previous = first.name
        for step in rest:
            # Each step waits for the one before it (and for the list it maps over).
            wanted = {previous} | ({step.over} if step.over else set())
            assert set(tasks[step.name]) == wanted, (dag_id, step.name)
            previous = step.name
        # The digests go out last, once the briefings exist, in both DAGs.
        assert pipeline.task_ids[-1] == "deliver"
        assert not [t for t, up in tasks.items() if "deliver" in up], dag_id
        assert pipeline.task_ids.index("brief") < pipeline.task_ids.index("deliver")


def test_the_one_machine_day_runs_the_eight_stages_in_order() -> None:
    from pipelines.daily import STAGES

    assert STAGES == ("ingest", "normalise", "tag_regions", "embed", "classify", "cluster",
                      "publish", "brief")


def test_dag_files_import_nothing_heavy_at_parse_time(tmp_path: Path) -> None:
    code = f"""
import os, sys, runpy
os.environ["AIRFLOW_HOME"] = {str(tmp_path)!r}
for f in sorted(os.listdir({str(DAGS)!r})):
    if f.endswith(".py"):
        runpy.run_path(os.path.join({str(DAGS)!r}, f))
heavy = [m for m in ("torch", "sentence_transformers", "sklearn", "duckdb") if m in sys.modules]
print("HEAVY", heavy)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "HEAVY []" in done.stdout
