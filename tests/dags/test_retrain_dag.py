"""DAG integrity of the retraining loop: asset-scheduled, train → promote → rescore, thin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DAGS = Path(__file__).resolve().parent.parent.parent / "dags"


def test_retrain_dag_is_triggered_by_labels_or_fact_checks_and_wires_the_loop(
        tmp_path: Path) -> None:
    code = f"""
import json, os, sys
os.environ["AIRFLOW_HOME"] = {str(tmp_path)!r}
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
from airflow.dag_processing.dagbag import DagBag
bag = DagBag(dag_folder={str(DAGS / "pantau_retrain.py")!r})
assert not bag.import_errors, bag.import_errors
retrain = bag.dags["pantau_retrain"]
importer = bag.dags["pantau_labels_import"]
watch = bag.dags["pantau_fact_check_watch"]
out = {{
    "dag_ids": sorted(bag.dag_ids),
    "timetable": type(retrain.timetable).__name__,
    "schedule_assets": sorted(a.name for a in retrain.timetable.asset_condition.objects),
    "edges": sorted((t.task_id, d) for t in retrain.tasks for d in t.downstream_task_ids),
    "outlets": {{t.task_id: [getattr(o, "name", str(o)) for o in t.outlets]
                for t in [*importer.tasks, *watch.tasks]}},
    "heavy": [m for m in ("torch", "sentence_transformers", "sklearn", "duckdb")
              if m in sys.modules],
}}
print("RESULT" + json.dumps(out))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT"))
    out = json.loads(line[len("RESULT"):])
    assert {"pantau_retrain", "pantau_labels_import", "pantau_fact_check_watch"} <= \
        set(out["dag_ids"])
    assert out["timetable"] == "AssetTriggeredTimetable"
    assert out["schedule_assets"] == ["pantau_fact_checks", "pantau_labels"]
    assert out["edges"] == [["promote", "rescore"], ["train", "promote"]]
    assert out["outlets"] == {"import_labels": ["pantau_labels"],
                              "count_new": ["pantau_fact_checks"]}
    assert out["heavy"] == []
