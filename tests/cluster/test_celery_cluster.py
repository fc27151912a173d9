"""The sharded daily DAG on a real Celery cluster (Redis broker, PostgreSQL metadata database,
a warehouse worker and two shard workers with their own PANTAU_HOME): the mapped partition
tasks run on both shard workers, every task that opens the warehouse on the warehouse worker,
and the warehouse is the one the one-machine pipeline gives on the same input."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import psycopg2
import pytest

from deploy.cluster import cluster
from models.promotion import bootstrap
from pipelines.daily import run_day
from pipelines.settings import Settings
from tests.warehouse_rows import assert_same_tables, rows

REPO = Path(__file__).resolve().parent.parent.parent
SAMPLE = REPO / "data" / "sample"
DAY = "2026-11-20"
SHARD_TASKS = ("normalise_shard", "embed_shard", "score_shard")

TABLES = {
    "stg_posts": "SELECT * FROM stg_posts ORDER BY post_id",
    "post_regions": "SELECT * FROM post_regions ORDER BY post_id, region_code",
    "post_scores": "SELECT * FROM post_scores ORDER BY post_id",
    "narrative_posts": "SELECT post_id, narrative_id, assigned_by, similarity"
                       " FROM narrative_posts ORDER BY post_id",
}


def _task_hosts(state: cluster.ClusterState, run_id: str) -> dict[str, list[str]]:
    """task_id -> the hostname each of its successful instances recorded, by map index."""
    con = psycopg2.connect(host="127.0.0.1", port=state.pg_port, user="airflow",
                           dbname="airflow")
    try:
        with con.cursor() as cur:
            cur.execute("SELECT task_id, hostname FROM task_instance WHERE dag_id = %s"
                        " AND run_id = %s AND state = 'success' ORDER BY task_id, map_index",
                        ["pantau_daily_sharded", run_id])
            hosts: dict[str, list[str]] = {}
            for task_id, host in cur.fetchall():
                hosts.setdefault(task_id, []).append(host)
            return hosts
    finally:
        con.close()


def _last_run_id(state: cluster.ClusterState) -> str:
    con = psycopg2.connect(host="127.0.0.1", port=state.pg_port, user="airflow",
                           dbname="airflow")
    try:
        with con.cursor() as cur:
            cur.execute("SELECT run_id FROM dag_run WHERE dag_id = 'pantau_daily_sharded'"
                        " ORDER BY id DESC LIMIT 1")
            row = cur.fetchone()
            assert row is not None
            return str(row[0])
    finally:
        con.close()


@pytest.mark.slow
@pytest.mark.cluster
def test_sharded_dag_on_celery_workers_gives_the_one_machine_warehouse(
        celery_cluster: cluster.ClusterState, settings: Settings) -> None:
    state = celery_cluster
    sample = settings.model_copy(update={"inbox": SAMPLE / "inbox",
                                         "sources_file": SAMPLE / "sources.csv"})
    bootstrap(sample, SAMPLE / "labels.csv")
    # The warehouse host gets the same bootstrapped home (same model version).
    home = state.worker_home("warehouse")
    shutil.copytree(sample.home, home, dirs_exist_ok=True)
    run_day(sample, date.fromisoformat(DAY))

    # `dags test --use-executor` runs the DAG's own scheduling loop with the configured
    # CeleryExecutor: every task goes through Redis to a worker (the hostnames below prove it).
    ran = subprocess.run([str(cluster.VENV_BIN / "airflow"), "dags", "test", "--use-executor",
                          "pantau_daily_sharded", DAY], env=state.env(), capture_output=True,
                         text=True, timeout=900)
    assert ran.returncode == 0, (ran.stdout[-3000:], ran.stderr[-3000:])

    hosts = _task_hosts(state, _last_run_id(state))
    for task in SHARD_TASKS:
        assert len(hosts.get(task, [])) == 2, hosts
    shard_hosts = {h for task in SHARD_TASKS for h in hosts[task]}
    assert shard_hosts == {"shard1", "shard2"}, hosts  # the partitions ran on both workers
    others = {h for task, hs in hosts.items() if task not in SHARD_TASKS for h in hs}
    assert others == {"warehouse"}, hosts  # the warehouse is opened on its host only
    for name in ("shard1", "shard2"):  # shard workers never had a warehouse of their own
        assert not (state.worker_home(name) / "pantau.duckdb").exists()

    sharded = home / "pantau.duckdb"
    assert_same_tables(sample.warehouse_path, sharded, TABLES.values())
    narratives = "SELECT narrative_id FROM narrative_dim ORDER BY narrative_id"
    assert rows(sharded, narratives) == rows(sample.warehouse_path, narratives)
    summary = "SELECT received, stored, duplicates, quarantined, reconciled FROM run_summary"
    assert rows(sharded, summary) == rows(sample.warehouse_path, summary)
    assert (home / "reports" / DAY / "briefing-nasional.html").exists()
