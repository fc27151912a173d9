"""A real Airflow run of the daily DAG (`airflow dags test`) on one day of the bundled sample."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from models.promotion import bootstrap
from pipelines.settings import Settings

REPO = Path(__file__).resolve().parent.parent.parent
SAMPLE = REPO / "data" / "sample"
DAY = "2026-11-20"


def _airflow(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    airflow = Path(sys.executable).with_name("airflow")
    return subprocess.run([str(airflow), *args], env=env, capture_output=True, text=True,
                          timeout=900)


@pytest.mark.slow
def test_daily_dag_runs_end_to_end_with_airflow(settings: Settings, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    if not (SAMPLE / "inbox" / DAY).is_dir():
        pytest.fail("bundled sample data is missing: data/sample/inbox")
    monkeypatch.setenv("PANTAU_INBOX", str(SAMPLE / "inbox"))
    monkeypatch.setenv("PANTAU_SOURCES_FILE", str(SAMPLE / "sources.csv"))
    sample_settings = settings.model_copy(update={"inbox": SAMPLE / "inbox",
                                                  "sources_file": SAMPLE / "sources.csv"})
    bootstrap(sample_settings, SAMPLE / "labels.csv")

    env = {**os.environ,
           "AIRFLOW_HOME": str(tmp_path / "airflow"),
           "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
           "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
           "AIRFLOW__CORE__UNIT_TEST_MODE": "False"}
    migrated = _airflow(["db", "migrate"], env)
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    ran = _airflow(["dags", "test", "pantau_daily", DAY], env)
    assert ran.returncode == 0, (ran.stdout[-3000:], ran.stderr[-3000:])

    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        received, stored, dups, quarantined, ok = con.execute(
            "SELECT received, stored, duplicates, quarantined, reconciled FROM run_summary"
            " WHERE day = ?", [date.fromisoformat(DAY)]).fetchone() or (0, 0, 0, 0, False)
        stages = {r[0] for r in con.execute(
            "SELECT stage FROM runs WHERE day = ? AND status = 'success'",
            [date.fromisoformat(DAY)]).fetchall()}
        scored = con.execute("SELECT count(*) FROM post_scores").fetchone()
    finally:
        con.close()
    assert received > 0 and ok and received == stored + dups + quarantined
    assert stages == {"ingest", "normalise", "tag_regions", "embed", "classify", "cluster",
                      "publish", "brief"}
    assert scored is not None and scored[0] > 0
    briefing = (settings.reports_dir / DAY / "briefing-nasional.html").read_text("utf-8")
    # the model learnt from the bundled sample only: the officer is told not to rely on it
    assert 'id="model-demo"' in briefing and "pantau retrain" in briefing
