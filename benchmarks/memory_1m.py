"""Peak memory of a big day through the one-machine pipeline (issue 9: a 1M-post day under 4 GB).

    .venv/bin/python benchmarks/memory_1m.py --n 1000000
    .venv/bin/python benchmarks/memory_1m.py --n 100000 --name memory_100k   # a quick look

A synthetic day of N posts (`benchmarks.synthetic_day.write_day`) goes through the eight stages
in order (`pipelines.daily.run_stage`, exactly what `pantau run` does) in one process, with a
cheap hashing embedder in place of the sentence-transformers model: encoding a million texts
with the real model takes hours on a small CPU, and the model's own memory is a constant that
does not grow with the day. That constant is measured separately (`--model`, default on): the
real model is loaded once in a child process and its resident memory before and after the load
is reported, so model + pipeline peak is the number to hold against the 4 GB budget.

Per stage it reports the wall time, the resident memory when the stage starts, and the stage's
peak resident memory: the kernel's high-water mark (VmHWM), reset before each stage through
/proc/self/clear_refs, so each stage's peak is its own; where that reset is unavailable a
sampling thread (every 50 ms) stands in. The day is generated and the template home
(bootstrapped baseline classifier) built in a child process, so neither counts.

Writes benchmarks/results/<name>.json and .md (name defaults to memory_1m), with the command.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
for _path in (REPO, REPO / "benchmarks"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import pipeline_bench as pb  # noqa: E402

BUDGET_BYTES = 4 * 2**30
MB = 2**20


# --- memory readings ---------------------------------------------------------------------------

def _status_kb(field: str) -> int | None:
    try:
        match = re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.M)
    except OSError:
        return None
    return int(match.group(1)) if match else None


def _rss() -> int:
    import psutil

    return int(psutil.Process().memory_info().rss)


def _reset_peak() -> bool:
    """Reset this process's resident high-water mark (Linux ≥ 4.0); False where unsupported."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    hwm = _status_kb("VmHWM")
    return hwm is not None and hwm * 1024 <= _rss() * 1.05 + 4 * MB


class Sampler:
    """Peak RSS in a thread (the fallback where the high-water mark cannot be reset); past
    `cap` bytes it calls `on_cap` and ends the process, so a run that would exhaust a shared
    machine's memory stops with what it measured so far."""

    def __init__(self, interval: float = 0.05, cap: int = 0,
                 on_cap: Callable[[int], None] | None = None) -> None:
        self.interval = interval
        self.cap = cap
        self.on_cap = on_cap
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss())
            if self.cap and self.peak > self.cap:
                if self.on_cap is not None:
                    self.on_cap(self.peak)
                os._exit(3)
            self._stop.wait(self.interval)

    def __enter__(self) -> Sampler:
        self.peak = _rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())


# --- the run -----------------------------------------------------------------------------------

def prepare(n: int, seed: int, work: Path) -> dict[str, Any]:
    """Template home and the day's inbox (run in a child process: its memory does not count)."""
    from benchmarks.synthetic_day import write_day

    t0 = time.perf_counter()
    template = pb.bootstrap_template(work)
    inbox = work / f"inbox-{n}-{seed}"
    day_dir = inbox / pb.DAY.isoformat()
    if not (day_dir / "DONE").exists():
        shutil.rmtree(day_dir, ignore_errors=True)
        write_day(inbox, pb.DAY, n, seed=seed)
        (day_dir / "DONE").write_text("ok\n")
    files = [p for p in day_dir.iterdir() if p.name != "DONE"]
    return {"template": str(template), "inbox": str(inbox), "seconds": time.perf_counter() - t0,
            "input_bytes": sum(p.stat().st_size for p in files)}


def use_hashing_embedder(dimension: int = 384) -> pb.HashingEmbedder:
    """Route every stage's `get_embedder` to a hashing embedder with the default model's id and
    dimension (so the bootstrapped classifier, trained on that id, accepts its vectors)."""
    import pipelines.embedder as pe
    import pipelines.stages.classify as sc
    import pipelines.stages.cluster as scl
    import pipelines.stages.embed as se
    from pipelines.settings import DEFAULT_EMBEDDING_MODEL

    fake = pb.HashingEmbedder(DEFAULT_EMBEDDING_MODEL, dimension)

    def get(settings: Any) -> Any:
        return fake

    for module in (pe, se, sc, scl):
        module.get_embedder = get  # type: ignore[attr-defined]
    return fake


def run_stages(settings: Any, stages: Sequence[str], cap: int = 0,
               save: Callable[[list[dict[str, Any]]], None] | None = None,
               ) -> list[dict[str, Any]]:
    from pipelines.daily import run_stage

    out: list[dict[str, Any]] = []
    for name in stages:
        gc.collect()
        start_rss = _rss()
        exact = _reset_peak()
        t0 = time.perf_counter()

        def over(peak: int, name: str = name, start_rss: int = start_rss,
                 t0: float = t0) -> None:
            out.append({"stage": name, "seconds": round(time.perf_counter() - t0, 2),
                        "start_rss_mb": round(start_rss / MB), "peak_rss_mb": round(peak / MB),
                        "stopped_at_cap": True})
            print(f"{name}: stopped, resident memory {peak / MB:,.0f} MB passed the cap",
                  flush=True)
            if save is not None:
                save(out)

        with Sampler(cap=cap, on_cap=over) as sampler:
            counts = run_stage(name, settings, pb.DAY)
        seconds = time.perf_counter() - t0
        hwm = _status_kb("VmHWM")
        peak = hwm * 1024 if exact and hwm is not None else sampler.peak
        row = {"stage": name, "seconds": round(seconds, 2),
               "duckdb_memory_limit": settings.duckdb_memory_limit,
               "start_rss_mb": round(start_rss / MB), "peak_rss_mb": round(peak / MB),
               "sampled_peak_mb": round(sampler.peak / MB), "peak_exact": exact,
               "counts": {k: v for k, v in counts.items() if isinstance(v, (int, float))}}
        out.append(row)
        if save is not None:
            save(out)
        print(f"{name:12s} {seconds:8.1f} s  start {row['start_rss_mb']:6d} MB  "
              f"peak {row['peak_rss_mb']:6d} MB", flush=True)
    return out


def model_memory(settings_home: Path) -> dict[str, Any]:
    """Resident memory of the real embedding model, loaded once in a child process."""
    code = (
        "import json, sys, time, psutil\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
        "p = psutil.Process()\n"
        "from pipelines.settings import Settings\n"
        "from pipelines.embedder import get_embedder\n"
        "import pipelines.stages.embed\n"
        "before = p.memory_info().rss\n"
        f"s = Settings(home={str(settings_home)!r})\n"
        "t0 = time.perf_counter()\n"
        "e = get_embedder(s)\n"
        "e.encode(['pemanasan model'] * 64)\n"
        "load = time.perf_counter() - t0\n"
        "after = p.memory_info().rss\n"
        "print(json.dumps({'model': e.model_id, 'rss_before_mb': before >> 20,"
        " 'rss_after_mb': after >> 20, 'model_mb': (after - before) >> 20,"
        " 'load_seconds': round(load, 1)}))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, timeout=900)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def measure(n: int, seed: int, work: Path, stages: Sequence[str], cap: int = 0,
            save: Callable[[dict[str, Any]], None] | None = None,
            home: Path | None = None, earlier: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """Run `stages` (default all) on a fresh copy of the template home, or on `home` as it
    is (to go on with later stages); `earlier` rows (a previous run's) are kept in front."""
    from pipelines.daily import STAGES

    prep = json.loads(subprocess.run(
        [sys.executable, __file__, "--prepare", "--n", str(n), "--seed", str(seed),
         "--work", str(work)], check=True, capture_output=True, text=True, cwd=REPO,
    ).stdout.strip().splitlines()[-1])
    if home is None:
        home = pb.fresh_home(Path(prep["template"]), work / "home")
    settings = pb._settings(home, Path(prep["inbox"]))
    use_hashing_embedder()
    wanted = list(stages) if stages else list(STAGES)
    kept = [r for r in earlier if r["stage"] not in wanted]
    result: dict[str, Any] = {"prepare": prep, "stages": kept}

    def partial(rows: list[dict[str, Any]]) -> None:
        result["stages"] = kept + rows
        result["peak_rss_mb"] = max(r["peak_rss_mb"] for r in result["stages"])
        if save is not None:
            save(result)

    run_stages(settings, wanted, cap, partial)
    result["seconds"] = round(sum(r["seconds"] for r in result["stages"]), 1)
    result["warehouse_mb"] = round(settings.warehouse_path.stat().st_size / MB)
    return result


def markdown(r: dict[str, Any]) -> str:
    m = r.get("model") or {}
    lines = [
        f"# Memory of a {r['n']:,}-post day, one machine",
        "",
        f"`{r['command']}` — {r['finished']}, {r['machine'].get('cpus')} CPUs, "
        f"{r['machine'].get('memory_gb')} GB RAM (shared with other work), "
        f"git {r['versions'].get('git', '?')}.",
        "",
        "Every stage (`pipelines.daily.run_stage`) in one process, a hashing embedder in place "
        "of the model (see the docstring of benchmarks/memory_1m.py). Peak = the stage's "
        "resident high-water mark (reset before each stage).",
        "",
        "| stage | seconds | RSS at start (MB) | peak RSS (MB) | DuckDB memory_limit |",
        "|---|---:|---:|---:|---|",
    ]
    for s in r["stages"]:
        cap = " (stopped: passed the cap)" if s.get("stopped_at_cap") else ""
        lines.append(f"| {s['stage']} | {s['seconds']:.1f} | {s['start_rss_mb']:,} | "
                     f"{s['peak_rss_mb']:,}{cap} | {s.get('duckdb_memory_limit', '')} |")
    lines += [
        f"| **pipeline** | **{r.get('seconds', float('nan')):.1f}** | | "
        f"**{r['peak_rss_mb']:,}** | |",
        "",
        f"* warehouse file after the day: {r.get('warehouse_mb', '?')} MB; input "
        f"{r['prepare']['input_bytes'] / MB:,.0f} MB of JSONL",
    ]
    if m.get("model_mb") is not None:
        total = r["peak_rss_mb"] + m["model_mb"]
        lines += [
            f"* embedding model `{m['model']}` loaded once: +{m['model_mb']:,} MB resident "
            f"({m['rss_before_mb']:,} → {m['rss_after_mb']:,} MB, {m['load_seconds']} s); "
            "constant, whatever the day's size",
            f"* **pipeline peak + model: {total:,} MB** (budget {BUDGET_BYTES // MB:,} MB: "
            f"{'within' if total * MB <= BUDGET_BYTES else 'OVER'})",
        ]
    elif m:
        lines.append(f"* model memory not measured: {m.get('error')}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="posts in the day")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path, default=Path("/tmp/pantau-memory"),
                        help="scratch folder (template home, inbox, the run's home)")
    parser.add_argument("--out", type=Path, default=pb.RESULTS)
    parser.add_argument("--name", default="memory_1m", help="result file stem")
    parser.add_argument("--stages", default="", help="comma-separated subset (default all)")
    parser.add_argument("--no-model", action="store_true",
                        help="skip loading the real model to measure its memory")
    parser.add_argument("--cap-gb", type=float, default=12.0,
                        help="stop the run when resident memory passes this (0: never)")
    parser.add_argument("--home", type=Path, default=None,
                        help="run --stages on this home as it is (after an interrupted run) "
                             "and merge them into the existing result file")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.prepare:
        print(json.dumps(prepare(args.n, args.seed, args.work)))
        return 0
    command = ".venv/bin/python benchmarks/memory_1m.py " + " ".join(
        a for a in (argv if argv is not None else sys.argv[1:]))
    stages = [s for s in args.stages.split(",") if s]
    result: dict[str, Any] = {"n": args.n, "seed": args.seed, "command": command.strip()}
    args.out.mkdir(parents=True, exist_ok=True)
    earlier: list[dict[str, Any]] = []
    previous = args.out / f"{args.name}.json"
    if args.home is not None and previous.exists():
        old = json.loads(previous.read_text())
        earlier = old.get("stages", [])
        result["command"] = f"{old.get('command', '')}; then {command.strip()}"

    def save(partial: dict[str, Any]) -> None:
        result.update(partial)
        result["finished"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        result.setdefault("machine", {"cpus": os.cpu_count()})
        result.setdefault("versions", {})
        (args.out / f"{args.name}.json").write_text(json.dumps(result, indent=2) + "\n")
        (args.out / f"{args.name}.md").write_text(markdown(result))

    measured = measure(args.n, args.seed, args.work, stages,
                       int(args.cap_gb * 2**30), save, args.home, earlier)
    # Only now: machine_info imports torch, which must not sit in the measured process.
    result.update(machine=pb.machine_info(), versions=pb.versions())
    result["model"] = {} if args.no_model else model_memory(args.work / "home")
    save(measured)
    print(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
