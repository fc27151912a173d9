"""The sharded daily DAG on a real Celery cluster with 1 and with 2 shard workers.

    PYTHONPATH=. .venv/bin/python benchmarks/cluster_bench.py --posts 100000 --workers 1,2

For each worker count: a fresh cluster (deploy/cluster/cluster.py: PostgreSQL, Redis, the API
server, a warehouse worker and N shard workers, one task at a time each), a fresh copy of one
bootstrapped PANTAU_HOME on the warehouse host, the same synthetic day
(`benchmarks.synthetic_day`), and `airflow dags test --use-executor pantau_daily_sharded` timed
from start to end. Reported: wall time, posts/s, the ratio against the first worker count, the
time each worker spent in tasks (from the metadata database), and each worker's peak RSS (the
Celery worker and every process under it, sampled every 0.25 s). Each worker encodes with
PANTAU_EMBEDDING_THREADS threads (default 1: a worker stands for one core). The scheduler and
DAG processor are not started: `dags test` schedules the run itself, and on a small machine
their polling would only add noise. Report: benchmarks/results/cluster.{json,md}.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import psutil
import psycopg2

from benchmarks.pipeline_bench import bootstrap_template, fresh_home, machine_info, versions
from benchmarks.synthetic_day import write_day
from deploy.cluster import cluster

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sample"
DAY = date(2026, 11, 20)
SHARD_TASKS = ("normalise_shard", "embed_shard", "score_shard")


class TreeRss:
    """Peak RSS of each named process tree: a Celery worker and every process under it (Airflow
    starts each task runner in its own process group, so a group would miss them)."""

    def __init__(self, roots: dict[str, int], every: float = 0.25) -> None:
        self.roots = roots
        self.peak_mb = dict.fromkeys(roots, 0.0)
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for name, pid in self.roots.items():
                total = 0
                try:
                    root = psutil.Process(pid)
                    for proc in [root, *root.children(recursive=True)]:
                        with contextlib.suppress(psutil.Error):
                            total += proc.memory_info().rss
                except psutil.Error:
                    continue
                self.peak_mb[name] = max(self.peak_mb[name], total / 2**20)
            self._stop.wait(self.every)

    def __enter__(self) -> TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _task_times(state: cluster.ClusterState) -> list[tuple[str, str, float]]:
    con = psycopg2.connect(host="127.0.0.1", port=state.pg_port, user="airflow",
                           dbname="airflow")
    try:
        with con.cursor() as cur:
            cur.execute("SELECT task_id, hostname, extract(epoch FROM end_date - start_date)"
                        " FROM task_instance WHERE dag_id = 'pantau_daily_sharded'"
                        " AND state = 'success'")
            return [(str(t), str(h), float(s)) for t, h, s in cur.fetchall()]
    finally:
        con.close()


def run_one(workers: int, posts: int, shards: int, threads: int, work: Path,
            template: Path, inbox: Path) -> dict[str, Any]:
    root = work / f"cluster-{workers}"
    shutil.rmtree(root, ignore_errors=True)
    t0 = time.perf_counter()
    state = cluster.up(root, shard_workers=workers, scheduler=False, api_apps="execution",
                       pantau_env={"PANTAU_INBOX": str(inbox),
                                   "PANTAU_SOURCES_FILE": str(SAMPLE / "sources.csv"),
                                   "PANTAU_SHARDS": str(shards),
                                   "PANTAU_EMBEDDING_THREADS": str(threads)})
    start_s = time.perf_counter() - t0
    try:
        fresh_home(template, state.worker_home("warehouse"))
        roots = {name: state.pids[f"worker-{name}"] for name in state.worker_names()}
        with TreeRss(roots) as rss:
            t0 = time.perf_counter()
            ran = subprocess.run([str(cluster.VENV_BIN / "airflow"), "dags", "test",
                                  "--use-executor", "pantau_daily_sharded", DAY.isoformat()],
                                 env=state.env(), capture_output=True, text=True)
            wall = time.perf_counter() - t0
        if ran.returncode != 0:
            raise RuntimeError(f"the DAG run failed with {workers} worker(s):"
                               f" {ran.stderr[-2000:]}")
        tasks = _task_times(state)
    finally:
        cluster.down(root)
    busy: dict[str, float] = {}
    shard_tasks: dict[str, int] = {}
    for task, host, seconds in tasks:
        busy[host] = busy.get(host, 0.0) + seconds
        if task in SHARD_TASKS:
            shard_tasks[host] = shard_tasks.get(host, 0) + 1
    return {"workers": workers, "cluster_start_s": round(start_s, 1), "wall_s": round(wall, 1),
            "posts_per_s": round(posts / wall, 1),
            "busy_s": {h: round(s, 1) for h, s in sorted(busy.items())},
            "shard_tasks": dict(sorted(shard_tasks.items())),
            "peak_rss_mb": {h: round(m) for h, m in rss.peak_mb.items()},
            "load_average_after": [round(x, 2) for x in os.getloadavg()]}


def markdown(report: dict[str, Any]) -> str:
    lines = [
        "# Sharded DAG on a Celery cluster: 1 vs 2 shard workers",
        "",
        f"`{report['command']}` (git {report['versions'].get('git', '?')}), "
        f"{report['posts']:,} posts, {report['shards']} partitions, "
        f"{report['threads']} encoding thread(s) per worker; machine: "
        f"{report['machine'].get('cpus')} CPUs, load average before "
        f"{report['machine'].get('load_average')} (shared with other engineers' work).",
        "",
        "| shard workers | wall s | posts/s | ratio to first | busy s per worker |"
        " peak RSS MB per worker | cluster start s |",
        "|---:|---:|---:|---:|---|---|---:|",
    ]
    for r in report["runs"]:
        busy = ", ".join(f"{h} {s}" for h, s in r["busy_s"].items())
        peak = ", ".join(f"{h} {m:,}" for h, m in r["peak_rss_mb"].items())
        lines.append(f"| {r['workers']} | {r['wall_s']} | {r['posts_per_s']} | "
                     f"{r['ratio']:.2f} | {busy} | {peak} | {r['cluster_start_s']} |")
    lines += ["", "Ratio = the first row's wall time / this row's (above 1: faster). The"
              " warehouse worker runs every step that opens the warehouse (ingest, merges,"
              " cluster, publish, brief); shard workers the partition steps. Peak RSS is the"
              " Celery worker and every process under it (task runners included).", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--workers", default="1,2", help="shard worker counts, in order")
    parser.add_argument("--shards", type=int, default=4, help="partitions (PANTAU_SHARDS)")
    parser.add_argument("--threads", type=int, default=1, help="encoding threads per worker")
    parser.add_argument("--work", type=Path, default=Path("/tmp/pantau-cluster-bench"))
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    parser.add_argument("--name", default="cluster")
    args = parser.parse_args(argv)
    missing = cluster.missing_requirements()
    if missing:
        print("error: the Celery cluster needs: " + "; ".join(missing), file=sys.stderr)
        return 1
    args.work.mkdir(parents=True, exist_ok=True)
    inbox = args.work / "inbox"
    write_day(inbox, DAY, args.posts)
    template = bootstrap_template(args.work)
    report: dict[str, Any] = {
        "command": "python benchmarks/cluster_bench.py " + " ".join(argv or sys.argv[1:]),
        "posts": args.posts, "shards": args.shards, "threads": args.threads,
        "machine": machine_info(), "versions": versions(), "runs": []}
    for workers in (int(w) for w in args.workers.split(",")):
        result = run_one(workers, args.posts, args.shards, args.threads, args.work, template,
                         inbox)
        report["runs"].append(result)
        print(json.dumps(result), flush=True)
    first = report["runs"][0]["wall_s"]
    for r in report["runs"]:
        r["ratio"] = round(first / r["wall_s"], 3)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.name}.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.out / f"{args.name}.md").write_text(markdown(report))
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
