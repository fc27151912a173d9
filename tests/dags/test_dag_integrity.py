from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DAGS = Path(__file__).resolve().parent.parent.parent / "dags"


def test_every_dag_imports_without_errors_and_has_the_stages(tmp_path: Path) -> None:
    code = f"""
import os
os.environ["AIRFLOW_HOME"] = {str(tmp_path)!r}
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
from airflow.dag_processing.dagbag import DagBag
bag = DagBag(dag_folder={str(DAGS)!r})
assert not bag.import_errors, bag.import_errors
d = bag.dags["pantau_daily"]
print(sorted(bag.dag_ids))
print([t.task_id for t in d.tasks])
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "pantau_daily" in done.stdout
    for stage in ("ingest", "normalise", "tag_regions", "embed", "classify", "cluster",
                  "publish", "brief"):
        assert f"'{stage}'" in done.stdout


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
