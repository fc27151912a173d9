"""A real Airflow run of the sharded daily DAG gives the warehouse the one-machine pipeline
gives on the same input: `airflow dags test --use-executor` with the LocalExecutor, so the two
mapped partitions of each heavy step run as parallel worker processes that talk to a local
Airflow API server, as they would on a Celery or Kubernetes deployment."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from models.promotion import bootstrap
from pipelines.daily import run_day
from pipelines.settings import Settings
from tests.warehouse_rows import assert_same_tables, rows

REPO = Path(__file__).resolve().parent.parent.parent
SAMPLE = REPO / "data" / "sample"
DAY = "2026-11-20"

TABLES = {
    "stg_posts": "SELECT * FROM stg_posts ORDER BY post_id",
    "post_regions": "SELECT * FROM post_regions ORDER BY post_id, region_code",
    "post_scores": "SELECT * FROM post_scores ORDER BY post_id",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _execution_api(airflow: Path, env: dict[str, str], port: int, log: Path) -> Iterator[None]:
    """Airflow 3's task runners report to the execution API: start one for the test."""
    with log.open("w") as out:
        server = subprocess.Popen([str(airflow), "api-server", "--apps", "execution", "-H",
                                   "127.0.0.1", "-p", str(port), "-w", "1"],
                                  env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/execution/health",
                                            timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the Airflow API server did not start: {log.read_text()[-2000:]}")
            time.sleep(0.5)
        yield
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def _task_spans(airflow_db: Path, task_id: str) -> list[tuple[str, str]]:
    con = sqlite3.connect(airflow_db)
    try:
        return con.execute("SELECT start_date, end_date FROM task_instance WHERE task_id = ?"
                           " AND state = 'success' ORDER BY map_index", [task_id]).fetchall()
    finally:
        con.close()


@pytest.mark.slow
def test_sharded_dag_gives_the_same_warehouse_as_one_machine(
        settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sample = settings.model_copy(update={"inbox": SAMPLE / "inbox",
                                         "sources_file": SAMPLE / "sources.csv"})
    bootstrap(sample, SAMPLE / "labels.csv")
    # The same bootstrapped home (same model version) for both runs.
    sharded_home = tmp_path / "sharded-home"
    shutil.copytree(sample.home, sharded_home)

    run_day(sample, date.fromisoformat(DAY))

    env = {**os.environ,
           "PANTAU_HOME": str(sharded_home),
           "PANTAU_INBOX": str(SAMPLE / "inbox"),
           "PANTAU_SOURCES_FILE": str(SAMPLE / "sources.csv"),
           "PANTAU_SHARDS": "2",
           "AIRFLOW_HOME": str(tmp_path / "airflow"),
           "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
           "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
           "AIRFLOW__CORE__UNIT_TEST_MODE": "False"}
    port = _free_port()
    env.update({"AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
                "AIRFLOW__CORE__PARALLELISM": "4",
                "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
                "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{port}",
                "AIRFLOW__API_AUTH__JWT_SECRET": "pantau-test-only-secret"})
    airflow = Path(sys.executable).with_name("airflow")
    migrated = subprocess.run([str(airflow), "db", "migrate"], env=env, capture_output=True,
                              text=True, timeout=900)
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    with _execution_api(airflow, env, port, tmp_path / "api-server.log"):
        ran = subprocess.run([str(airflow), "dags", "test", "--use-executor",
                              "pantau_daily_sharded", DAY], env=env, capture_output=True,
                             text=True, timeout=1500)
    assert ran.returncode == 0, (ran.stdout[-3000:], ran.stderr[-3000:])
    # The mapped partitions of a step really ran side by side in separate processes.
    spans = _task_spans(tmp_path / "airflow" / "airflow.db", "normalise_shard")
    assert len(spans) == 2, spans
    assert max(start for start, _ in spans) < min(end for _, end in spans), spans

    sharded = sharded_home / "pantau.duckdb"
    assert_same_tables(sample.warehouse_path, sharded, TABLES.values())
    # Two partitions really ran, and the day reconciles as on one machine.
    details = rows(sharded, "SELECT stage, detail FROM runs WHERE day = DATE '2026-11-20'"
                             " AND stage IN ('normalise', 'embed', 'classify')")
    assert len(details) == 3 and all('"shards": 2' in d for _, d in details)
    summary = "SELECT received, stored, duplicates, quarantined, reconciled FROM run_summary"
    assert rows(sharded, summary) == rows(sample.warehouse_path, summary)
    assert (sharded_home / "reports" / DAY / "briefing-nasional.html").exists()
    assert not (sharded_home / "shards" / DAY).exists()  # cleaned up after success
