"""Fault injection: kill -9 at every stage boundary and in the middle of stages of a multi-day
`pantau run`, rerun, and compare the warehouse with a clean run's.

    .venv/bin/python benchmarks/chaos.py --days 2026-11-07:2026-11-08       # the sweep
    .venv/bin/python benchmarks/chaos.py --points 2026-11-08:cluster:write  # chosen points

Every run starts from a copy of one bootstrapped home (`pantau models bootstrap` on the
sample labels). For each kill point a child process runs the real CLI (`pantau run --from …
--to …`) and SIGKILLs itself at that point:

* `DAY:STAGE:before` — at the stage boundary, before STAGE of DAY starts;
* `DAY:STAGE:write`  — in the middle of the stage: at its first row write (`insert_arrow`,
  inside the stage's transaction), its snapshot copy (publish) or its first briefing file
  (brief); at its `finish_run` where it writes none of those.

Then a fresh child runs the same command (the "next start"). Checked per point: the killed
child died of SIGKILL; a stage left 'running' was marked 'failed' by the next start
(`mark_stale_runs`, logged by the child); the rerun exits 0; the warehouse then equals the
clean run's: row counts of every table (bar the refresh log), the narrative ids, every post's
narrative, and every run row 'success'. Results go to benchmarks/results/chaos.{json,md}.
The small version runs in `make test` (tests/pipelines/test_chaos.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample"
STAGES = ("ingest", "normalise", "tag_regions", "embed", "classify", "cluster", "publish",
          "brief")
# Tables whose row count records how many times something ran, not what the warehouse holds.
LOG_TABLES = {"mart_refresh"}
# Where `write` kills the stages that do not write rows through insert_arrow: publish in the
# middle of its snapshot copy, brief at its first briefing file.
_MID_STAGE = {"publish": "copyfileobj", "brief": "write_atomic"}


# -- the child: the real CLI, killed at one point ------------------------------------------------

def _die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def _patch_everywhere(name: str, original: Any, replacement: Any) -> None:
    """Replace a function in its module and wherever a module imported it by name."""
    for module in list(sys.modules.values()):
        if getattr(module, name, None) is original:
            setattr(module, name, replacement)


def child(argv: list[str], kill: str | None, log: Path | None) -> None:
    import pipelines.spec as spec
    import warehouse.store as store

    functions = spec._stage_functions()  # imports every stage module
    current: dict[str, Any] = {"day": None, "stage": None}
    kill_day, kill_stage, mode = (kill.split(":") if kill else (None, None, None))

    def armed(name: str) -> bool:
        if mode != "write" or current["stage"] != kill_stage or str(current["day"]) != kill_day:
            return False
        if kill_stage in _MID_STAGE:
            return name == _MID_STAGE[kill_stage]
        return name in ("insert_arrow", "finish_run")

    def wrap(stage: str, fn: Any) -> Any:
        def run(settings: Any, day: date) -> Any:
            current.update(day=day, stage=stage)
            if mode == "before" and stage == kill_stage and str(day) == kill_day:
                _die()
            try:
                return fn(settings, day)
            finally:
                current.update(day=None, stage=None)
        return run

    wrapped = {name: wrap(name, fn) for name, fn in functions.items()}
    spec._stage_functions = lambda: wrapped  # each step looks it up when it runs

    def at_write(name: str, original: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            if armed(name):
                _die()
            return original(*args, **kwargs)
        return call

    import shutil as shutil_module

    import pipelines.fileio as files

    for module, name in ((store, "insert_arrow"), (store, "finish_run"),
                         (files, "write_atomic"), (shutil_module, "copyfileobj")):
        original = getattr(module, name)
        _patch_everywhere(name, original, at_write(name, original))

    marked: list[str] = []
    original_mark = store.mark_stale_runs

    def mark(con: Any) -> list[str]:
        found = original_mark(con)
        marked.extend(found)
        if log is not None and found:
            with log.open("a", encoding="utf-8") as out:
                out.write(json.dumps({"marked_failed": found}) + "\n")
        return found

    _patch_everywhere("mark_stale_runs", original_mark, mark)

    from pipelines.cli import main

    sys.argv = ["pantau", *argv]
    main()


# -- the parent: runs, fingerprints, the sweep ---------------------------------------------------

def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "PANTAU_HOME": str(home), "PYTHONPATH": str(REPO)}
    for var in ("PANTAU_INBOX", "PANTAU_SOURCES_FILE"):
        env.pop(var, None)
    return env


def run_child(home: Path, days: tuple[date, date], inbox: Path, sources: Path,
              kill: str | None = None, timeout_s: float = 1800) -> dict[str, Any]:
    log = home / "chaos.log.jsonl"
    argv = ["run", "--from", days[0].isoformat(), "--to", days[1].isoformat(),
            "--inbox", str(inbox), "--sources", str(sources)]
    cmd = [sys.executable, str(Path(__file__).resolve()), "child", "--log", str(log),
           *(["--kill", kill] if kill else []), "--", *argv]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, env=_env(home), capture_output=True, text=True,
                          timeout=timeout_s, check=False)
    marked = []
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            marked += json.loads(line)["marked_failed"]
        log.unlink()
    return {"rc": proc.returncode, "seconds": round(time.perf_counter() - started, 2),
            "stderr": proc.stderr[-2000:], "marked_failed": marked}


def bootstrap_home(home: Path, labels: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([sys.executable, "-m", "pipelines.cli", "models", "bootstrap",
                           "--labels", str(labels)], cwd=REPO, env=_env(home),
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"bootstrap failed: {proc.stderr[-2000:]}")


def fresh_home(template: Path, home: Path) -> Path:
    if home.exists():
        shutil.rmtree(home)
    shutil.copytree(template, home)
    return home


def running_rows(path: Path) -> list[str]:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        return [r[0] for r in con.execute(
            "SELECT run_id FROM runs WHERE status = 'running' ORDER BY 1").fetchall()]


def fingerprint(path: Path) -> dict[str, Any]:
    """What must match a clean run: row counts per table, narrative ids, post→narrative."""
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
            " ORDER BY 1").fetchall()]
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # type: ignore[index]
                  for t in tables if t not in LOG_TABLES}
        narratives = [r[0] for r in con.execute(
            "SELECT narrative_id FROM narrative_dim ORDER BY 1").fetchall()]
        assigned = con.execute(
            "SELECT md5(string_agg(post_id || '=' || narrative_id, ',' ORDER BY post_id))"
            " FROM narrative_posts").fetchone()[0]  # type: ignore[index]
        statuses = dict(con.execute(
            "SELECT status, count(*) FROM runs GROUP BY 1 ORDER BY 1").fetchall())
    return {"counts": counts, "narratives": narratives, "assigned": assigned,
            "statuses": statuses}


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    out = [f"{t}: {a['counts'].get(t)} vs {b['counts'].get(t)}"
           for t in sorted(set(a["counts"]) | set(b["counts"]))
           if a["counts"].get(t) != b["counts"].get(t)]
    if a["narratives"] != b["narratives"]:
        out.append(f"narrative ids differ ({len(a['narratives'])} vs {len(b['narratives'])})")
    if a["assigned"] != b["assigned"]:
        out.append("post→narrative assignments differ")
    if a["statuses"] != b["statuses"]:
        out.append(f"run statuses {a['statuses']} vs {b['statuses']}")
    return out


def kill_and_rerun(template: Path, home: Path, days: tuple[date, date], inbox: Path,
                   sources: Path, point: str, clean: dict[str, Any]) -> dict[str, Any]:
    fresh_home(template, home)
    killed = run_child(home, days, inbox, sources, kill=point)
    left = running_rows(home / "pantau.duckdb") if (home / "pantau.duckdb").exists() else []
    rerun = run_child(home, days, inbox, sources)
    after = fingerprint(home / "pantau.duckdb")
    diff = differences(after, clean)
    return {
        "point": point,
        "killed_by_sigkill": killed["rc"] == -signal.SIGKILL,
        "kill_seconds": killed["seconds"],
        "left_running": left,
        "marked_failed_at_next_start": rerun["marked_failed"],
        "all_left_running_marked": set(left) <= set(rerun["marked_failed"]),
        "rerun_rc": rerun["rc"],
        "rerun_seconds": rerun["seconds"],
        "matches_clean_run": not diff,
        "differences": diff,
        "rerun_stderr": rerun["stderr"] if rerun["rc"] else "",
    }


def all_points(days: tuple[date, date], modes: tuple[str, ...]) -> list[str]:
    span = [days[0] + timedelta(days=i) for i in range((days[1] - days[0]).days + 1)]
    return [f"{d.isoformat()}:{s}:{m}" for d in span for s in STAGES for m in modes]


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        split = sys.argv.index("--")
        parser = argparse.ArgumentParser()
        parser.add_argument("--kill")
        parser.add_argument("--log", type=Path)
        args = parser.parse_args(sys.argv[2:split])
        child(sys.argv[split + 1:], args.kill, args.log)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", default="2026-11-07:2026-11-08", help="FIRST:LAST")
    parser.add_argument("--inbox", type=Path, default=SAMPLE / "inbox")
    parser.add_argument("--sources", type=Path, default=SAMPLE / "sources.csv")
    parser.add_argument("--labels", type=Path, default=SAMPLE / "labels.csv")
    parser.add_argument("--modes", default="before,write")
    parser.add_argument("--points", default="", help="comma-separated DAY:STAGE:MODE")
    parser.add_argument("--budget-s", type=float, default=3600,
                        help="stop starting new points after this many seconds")
    parser.add_argument("--work", type=Path, default=Path("/tmp/pantau-chaos"))
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "chaos")
    args = parser.parse_args()
    first, last = (date.fromisoformat(x) for x in args.days.split(":"))
    days = (first, last)
    started = time.perf_counter()
    template = args.work / "template"
    if template.exists():
        shutil.rmtree(template)
    bootstrap_home(template, args.labels)
    clean_home = fresh_home(template, args.work / "clean")
    clean_run = run_child(clean_home, days, args.inbox, args.sources)
    if clean_run["rc"] != 0:
        raise SystemExit(f"the clean run failed: {clean_run['stderr']}")
    clean = fingerprint(clean_home / "pantau.duckdb")
    points = ([p for p in args.points.split(",") if p] if args.points
              else all_points(days, tuple(args.modes.split(","))))
    results = []
    for point in points:
        if time.perf_counter() - started > args.budget_s:
            break
        result = kill_and_rerun(template, args.work / "run", days, args.inbox, args.sources,
                                point, clean)
        results.append(result)
        print(json.dumps({k: result[k] for k in ("point", "killed_by_sigkill", "left_running",
                                                 "all_left_running_marked",
                                                 "matches_clean_run")}), flush=True)
    summary = {
        "days": [first.isoformat(), last.isoformat()], "inbox": str(args.inbox),
        "clean_run_seconds": clean_run["seconds"],
        "clean": {"posts": clean["counts"].get("raw_posts"),
                  "narratives": len(clean["narratives"]), "tables": len(clean["counts"])},
        "points_planned": len(points), "points_run": len(results),
        "killed_by_sigkill": sum(r["killed_by_sigkill"] for r in results),
        "left_running": sum(bool(r["left_running"]) for r in results),
        "left_running_marked_failed": sum(bool(r["left_running"]) and
                                          r["all_left_running_marked"] for r in results),
        "reruns_ok": sum(r["rerun_rc"] == 0 for r in results),
        "matches_clean_run": sum(r["matches_clean_run"] for r in results),
        "seconds": round(time.perf_counter() - started, 1),
        "results": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    args.out.with_suffix(".md").write_text(render(summary), encoding="utf-8")
    print(render(summary))


def render(s: dict[str, Any]) -> str:
    lines = [
        f"# kill -9 sweep: {s['days'][0]} to {s['days'][1]} ({s['clean']['posts']} posts, "
        f"{s['clean']['narratives']} narratives, {s['clean']['tables']} tables compared)",
        "",
        f"Points run: {s['points_run']} of {s['points_planned']}; killed by SIGKILL: "
        f"{s['killed_by_sigkill']}; a stage left 'running': {s['left_running']}, all of them "
        f"marked 'failed' at the next start: {s['left_running_marked_failed']}; reruns exit 0: "
        f"{s['reruns_ok']}; warehouse equal to the clean run: {s['matches_clean_run']}. "
        f"Clean run {s['clean_run_seconds']} s; sweep {s['seconds']} s.",
        "",
        "| point | SIGKILL | left running | marked failed | rerun | equal to clean |",
        "|---|---|---|---|---|---|",
    ]
    for r in s["results"]:
        lines.append(f"| {r['point']} | {'yes' if r['killed_by_sigkill'] else 'NO'} | "
                     f"{', '.join(r['left_running']) or '-'} | "
                     f"{', '.join(r['marked_failed_at_next_start']) or '-'} | "
                     f"rc {r['rerun_rc']} | "
                     f"{'yes' if r['matches_clean_run'] else '; '.join(r['differences'])} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
