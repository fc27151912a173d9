"""A throwaway Airflow Celery cluster on loopback: PostgreSQL, Redis, the API server, the
scheduler, the DAG processor and Celery workers, each worker with its own PANTAU_HOME.

    python deploy/cluster/cluster.py up   --dir var/cluster [--workers 2]   (make cluster-up)
    python deploy/cluster/cluster.py env  --dir var/cluster                 (export lines)
    python deploy/cluster/cluster.py down --dir var/cluster                 (make cluster-down)

Layout under --dir: `airflow/` (AIRFLOW_HOME), `home/` (the warehouse host's PANTAU_HOME: the
warehouse, models, reports), `shards/` (PANTAU_SHARD_DIR, the only folder the workers share),
`workers/<name>/home` (each shard worker's own PANTAU_HOME), `logs/`, and `cluster.json` (ports,
process ids). PostgreSQL's data directory is a private temporary folder (the server refuses to
run as root, so as root it runs as the `postgres` user, who must be able to reach its folder).

Workers: `warehouse` serves the queue of every task that opens the warehouse (PANTAU_WAREHOUSE_
QUEUE); `shard1..N` serve the partition tasks (Airflow's default queue and PANTAU_EMBED_QUEUE).
Each runs one task at a time and records its own name as the task instance's hostname
(`pipelines.dag_tasks.worker_hostname`). They are separate processes with separate homes, not
separate network namespaces: docs/scaling.md ("Celery cluster") says why.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent.parent
VENV_BIN = Path(sys.executable).parent
WAREHOUSE_QUEUE = "warehouse"
SHARD_QUEUE = "default"  # Airflow's default queue: the partition steps name none


class ClusterError(RuntimeError):
    """The cluster could not start; the message says what to install or where the log is."""


def pg_bin() -> Path | None:
    """PostgreSQL's server binaries (Debian keeps them per version, off PATH)."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                      key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit()
                      else 0)
    return versions[-1].parent if versions else None


def missing_requirements() -> list[str]:
    """What the cluster needs and this machine lacks (empty: it can start)."""
    missing = []
    if pg_bin() is None:
        missing.append("PostgreSQL server (apt-get install postgresql)")
    if shutil.which("redis-server") is None:
        missing.append("redis-server (apt-get install redis-server)")
    try:
        import airflow.providers.celery  # noqa: F401
        import psycopg2  # noqa: F401
        import redis  # noqa: F401
    except ImportError as exc:
        missing.append(f"Python package {exc.name} (make setup)")
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            missing.append("a 'postgres' user to run PostgreSQL as (apt-get install postgresql)")
    return missing


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ClusterState:
    root: str
    pg_data: str
    pg_port: int
    redis_port: int
    api_port: int
    jwt_secret: str
    shard_workers: int
    pantau_env: dict[str, str] = field(default_factory=dict)
    pids: dict[str, int] = field(default_factory=dict)  # each is its own process group

    @property
    def path(self) -> Path:
        return Path(self.root)

    def save(self) -> None:
        target = self.path / "cluster.json"
        target.write_text(json.dumps(asdict(self), indent=2))
        target.chmod(0o600)  # it holds the JWT secret

    @classmethod
    def load(cls, root: Path) -> ClusterState:
        target = root / "cluster.json"
        if not target.exists():
            raise ClusterError(f"no cluster under {root} ({target} is missing): run cluster-up")
        return cls(**json.loads(target.read_text()))

    # --- what every Airflow process gets ------------------------------------------------------

    @property
    def sql_conn(self) -> str:
        return f"postgresql+psycopg2://airflow@127.0.0.1:{self.pg_port}/airflow"

    def airflow_env(self) -> dict[str, str]:
        return {
            "AIRFLOW_HOME": str(self.path / "airflow"),
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
            "AIRFLOW__CORE__PARALLELISM": "8",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": self.sql_conn,
            "AIRFLOW__CELERY__BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "AIRFLOW__CELERY__RESULT_BACKEND": "db+postgresql+psycopg2://airflow@127.0.0.1:"
                                               f"{self.pg_port}/airflow",
            # One task at a time per worker, none reserved ahead: a free worker takes the next.
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": "1",
            "AIRFLOW__CELERY__WORKER_PREFETCH_MULTIPLIER": "1",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL":
                f"http://127.0.0.1:{self.api_port}/execution/",
            "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{self.api_port}",
            "AIRFLOW__API_AUTH__JWT_SECRET": self.jwt_secret,
            "AIRFLOW__API__SECRET_KEY": self.jwt_secret,
            "PANTAU_WAREHOUSE_QUEUE": WAREHOUSE_QUEUE,
            "PANTAU_SHARD_DIR": str(self.path / "shards"),
            "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH"))
                                          if p),
        }

    def env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """The environment of an Airflow command against this cluster (`airflow dags test`,
        `airflow dags trigger`): the warehouse host's PANTAU_HOME."""
        return {**os.environ, **self.pantau_env, **self.airflow_env(),
                "PANTAU_HOME": str(self.path / "home"), **(extra or {})}

    def worker_names(self) -> list[str]:
        return ["warehouse", *(f"shard{i}" for i in range(1, self.shard_workers + 1))]

    def worker_home(self, name: str) -> Path:
        return self.path / "home" if name == "warehouse" else self.path / "workers" / name / "home"


# --- processes ---------------------------------------------------------------------------------

def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _spawn(state: ClusterState, name: str, cmd: list[str], env: Mapping[str, str]) -> None:
    log = state.path / "logs" / f"{name}.log"
    with log.open("ab") as out:
        proc = subprocess.Popen(cmd, env=dict(env), stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, cwd=state.path,
                                start_new_session=True)  # its own group: down stops its children
    state.pids[name] = proc.pid
    state.save()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of this process is not alive
        waited, _ = os.waitpid(pid, os.WNOHANG)
        return waited == 0
    except ChildProcessError:
        return True


def _wait(what: str, ready: Any, state: ClusterState, name: str | None,
          timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if name is not None and not _alive(state.pids[name]):
            raise ClusterError(f"{what} exited while starting: see {state.path}/logs/{name}.log")
        if time.monotonic() > deadline:
            raise ClusterError(f"{what} did not start within {timeout:.0f} s: see "
                               f"{state.path}/logs/{name or what}.log")
        time.sleep(0.5)


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


def _redis_ok(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _start_postgres(state: ClusterState) -> None:
    binaries = pg_bin()
    assert binaries is not None
    data = Path(state.pg_data)
    if os.geteuid() == 0:
        shutil.chown(data.parent, "postgres")
        shutil.chown(data.parent / "run", "postgres")
    log = data.parent / "postgres.log"  # beside the data: the postgres user can write there
    run = data.parent / "run"
    init = subprocess.run(_as_postgres([str(binaries / "initdb"), "-D", str(data), "-U", "airflow",
                                        "--auth=trust", "-E", "UTF8", "--no-instructions"]),
                          capture_output=True, text=True, cwd=data.parent)
    if init.returncode != 0:
        raise ClusterError(f"initdb failed: {init.stderr.strip()[-500:]}")
    options = (f"-c listen_addresses=127.0.0.1 -p {state.pg_port} -c unix_socket_directories={run}"
               " -c fsync=off -c synchronous_commit=off -c max_connections=200")
    started = subprocess.run(_as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-l",
                                           str(log), "-o", options, "-w", "-t", "120", "start"]),
                             capture_output=True, text=True, cwd=data.parent)
    if started.returncode != 0:
        raise ClusterError(f"PostgreSQL did not start: see {log}")
    created = subprocess.run([str(binaries / "createdb"), "-h", "127.0.0.1", "-p",
                              str(state.pg_port), "-U", "airflow", "airflow"],
                             capture_output=True, text=True)
    if created.returncode != 0:
        raise ClusterError(f"createdb failed: {created.stderr.strip()[-500:]}")


def spawn_worker(state: ClusterState, name: str) -> None:
    """One Celery worker: one task at a time, its own PANTAU_HOME and Celery node name."""
    home = state.worker_home(name)
    home.mkdir(parents=True, exist_ok=True)
    queues = WAREHOUSE_QUEUE if name == "warehouse" else SHARD_QUEUE
    embed_queue = state.pantau_env.get("PANTAU_EMBED_QUEUE", SHARD_QUEUE)
    if name != "warehouse" and embed_queue != SHARD_QUEUE:
        queues += f",{embed_queue}"
    env = {**state.env(), "PANTAU_HOME": str(home), "PANTAU_WORKER_NAME": name,
           "AIRFLOW__CORE__HOSTNAME_CALLABLE": "pipelines.dag_tasks.worker_hostname"}
    _spawn(state, f"worker-{name}", [str(VENV_BIN / "airflow"), "celery", "worker",
                                     "--celery-hostname", f"{name}@pantau", "-q", queues,
                                     "-c", "1", "--skip-serve-logs", "--without-gossip",
                                     "--without-mingle"], env)


def wait_worker(state: ClusterState, name: str) -> None:
    log = state.path / "logs" / f"worker-{name}.log"
    _wait(f"Celery worker {name}", lambda: b" ready." in log.read_bytes(), state,
          f"worker-{name}")


def start_worker(state: ClusterState, name: str) -> None:
    spawn_worker(state, name)
    wait_worker(state, name)


def _pause_all_dags(state: ClusterState) -> bool:
    """True once every DAG file is parsed and each of its DAGs is paused (unpause the one you
    run: `airflow dags unpause pantau_daily_sharded`)."""
    import psycopg2

    expected = len(list((REPO / "dags").glob("*.py")))
    con = psycopg2.connect(host="127.0.0.1", port=state.pg_port, user="airflow",
                           dbname="airflow")
    try:
        with con, con.cursor() as cur:
            try:
                cur.execute("SELECT count(DISTINCT fileloc) FROM dag")
            except psycopg2.Error:
                return False
            row = cur.fetchone()
            if row is None or int(row[0]) < expected:
                return False
            cur.execute("UPDATE dag SET is_paused = true WHERE NOT is_paused")
        return True
    finally:
        con.close()


def stop_process(state: ClusterState, name: str, grace: float = 30.0) -> None:
    """SIGTERM the process group this launcher started, SIGKILL it after `grace` seconds."""
    pid = state.pids.pop(name, None)
    state.save()
    if pid is None or not _alive(pid):
        return
    import psutil

    # Airflow starts each task runner in a process group of its own: note the whole tree.
    try:
        tree = psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        tree = []
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)  # the group: what the worker left behind
    for proc in tree:  # task runners outside the group, if any outlived their worker
        with contextlib.suppress(psutil.Error):
            proc.kill()


def up(root: Path, shard_workers: int = 2, pantau_env: Mapping[str, str] | None = None,
       scheduler: bool = True, api_apps: str = "all") -> ClusterState:
    """Start everything; on failure stop what started and raise ClusterError."""
    missing = missing_requirements()
    if missing:
        raise ClusterError("the Celery cluster needs: " + "; ".join(missing))
    root = root.resolve()
    if (root / "cluster.json").exists():
        raise ClusterError(f"a cluster is already recorded under {root}: run cluster-down first")
    for sub in ("logs", "airflow", "home", "shards", "workers"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    pg_parent = Path(tempfile.mkdtemp(prefix="pantau-pg-"))
    (pg_parent / "run").mkdir()
    state = ClusterState(root=str(root), pg_data=str(pg_parent / "data"), pg_port=free_port(),
                         redis_port=free_port(), api_port=free_port(),
                         jwt_secret=secrets.token_urlsafe(32), shard_workers=shard_workers,
                         pantau_env=dict(pantau_env or {}))
    state.save()
    try:
        _start_postgres(state)
        (root / "redis").mkdir(exist_ok=True)
        _spawn(state, "redis", ["redis-server", "--bind", "127.0.0.1", "--port",
                                str(state.redis_port), "--save", "", "--appendonly", "no",
                                "--dir", str(root / "redis")], os.environ)
        _wait("Redis", lambda: _redis_ok(state.redis_port), state, "redis")
        env = state.env()
        migrated = subprocess.run([str(VENV_BIN / "airflow"), "db", "migrate"], env=env,
                                  capture_output=True, text=True, timeout=900)
        if migrated.returncode != 0:
            raise ClusterError(f"airflow db migrate failed: {migrated.stderr.strip()[-800:]}")
        # Everything that takes a while to import starts at once; the scheduler waits until
        # every DAG is parsed and paused (pantau_daily is created unpaused and would catch up
        # from its start date).
        _spawn(state, "api-server", [str(VENV_BIN / "airflow"), "api-server", "--apps", api_apps,
                                     "-H", "127.0.0.1", "-p", str(state.api_port), "-w", "1"], env)
        if scheduler:
            _spawn(state, "dag-processor", [str(VENV_BIN / "airflow"), "dag-processor"], env)
        for name in state.worker_names():
            spawn_worker(state, name)
        _wait("the Airflow API server",
              lambda: _http_ok(f"http://127.0.0.1:{state.api_port}/execution/health"),
              state, "api-server")
        for name in state.worker_names():
            wait_worker(state, name)
        if scheduler:
            _wait("the DAG processor", lambda: _pause_all_dags(state), state, "dag-processor")
            _spawn(state, "scheduler", [str(VENV_BIN / "airflow"), "scheduler"], env)
    except BaseException:
        down(root)
        raise
    return state


def down(root: Path) -> None:
    """Stop every process the cluster started (workers first) and drop PostgreSQL's data."""
    root = root.resolve()
    try:
        state = ClusterState.load(root)
    except ClusterError:
        return
    for name in sorted(state.pids, key=lambda n: (not n.startswith("worker-"), n)):
        stop_process(state, name)
    binaries = pg_bin()
    data = Path(state.pg_data)
    if binaries is not None and (data / "postmaster.pid").exists():
        subprocess.run(_as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast",
                                     "-w", "stop"]), capture_output=True, cwd=data.parent)
    shutil.rmtree(data.parent, ignore_errors=True)
    (root / "cluster.json").unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["up", "down", "env"])
    parser.add_argument("--dir", type=Path, default=REPO / "var" / "cluster")
    parser.add_argument("--workers", type=int, default=2, help="shard workers (besides the "
                        "warehouse worker)")
    args = parser.parse_args(argv)
    try:
        if args.command == "up":
            passed = {k: v for k, v in os.environ.items() if k.startswith("PANTAU_")}
            state = up(args.dir, args.workers, passed)
            print(f"cluster up under {state.root}: API http://127.0.0.1:{state.api_port}, "
                  f"workers {', '.join(state.worker_names())}; `{Path(__file__).name} env` "
                  "prints its variables; stop it with make cluster-down")
        elif args.command == "down":
            down(args.dir)
            print(f"cluster under {args.dir.resolve()} stopped")
        else:
            state = ClusterState.load(args.dir.resolve())
            for key, value in {**state.pantau_env, **state.airflow_env(),
                               "PANTAU_HOME": str(state.path / "home")}.items():
                print(f"export {key}={json.dumps(value)}")
    except ClusterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
