"""A real Celery cluster for the session (deploy/cluster/cluster.py): PostgreSQL and Redis on
loopback, the Airflow API server, scheduler and DAG processor, a warehouse worker and two shard
workers, each with its own PANTAU_HOME. Torn down after the session; skipped, with what to
install, where the Debian packages or Python packages are missing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.cluster import cluster

REPO = Path(__file__).resolve().parent.parent.parent
SAMPLE = REPO / "data" / "sample"


@pytest.fixture(scope="session")
def celery_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[cluster.ClusterState]:
    missing = cluster.missing_requirements()
    if missing:
        pytest.skip("the Celery cluster needs: " + "; ".join(missing))
    root = tmp_path_factory.mktemp("celery-cluster")
    state = cluster.up(root, shard_workers=2, pantau_env={
        "PANTAU_INBOX": str(SAMPLE / "inbox"),
        "PANTAU_SOURCES_FILE": str(SAMPLE / "sources.csv"),
        "PANTAU_SHARDS": "2"})
    try:
        yield state
    finally:
        cluster.down(root)
