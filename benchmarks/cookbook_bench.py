"""Time every cookbook query on a (load-generated) warehouse: median of several runs.

    pantau loadgen --days 100 --posts-per-day 100000 var/bench/w10m.duckdb
    .venv/bin/python benchmarks/cookbook_bench.py var/bench/w10m.duckdb [--runs 5]

Writes benchmarks/results/cookbook_<posts>.json and .md. Each query runs once to warm up
(operating-system cache, DuckDB buffer pool), then --runs times; the median is reported. The
connection is read-only, as an analyst's is. Also times the live contract views for
comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import duckdb  # noqa: E402

from warehouse.cookbook import Recipe, recipes, run  # noqa: E402

TARGET_S = 1.0
# The contract views answer the same kinds of question live; timed for comparison only.
VIEW_QUERIES = {  # {last} is the latest day, as a literal (what an analyst types)
    "narratives (view, all rows)": "SELECT * FROM narratives",
    "posts (view, one day, all columns)": "SELECT * FROM posts WHERE day = {last}",
    "posts (view, flagged in a week)":
        "SELECT count(*) FROM posts WHERE flagged AND day BETWEEN {last} - 6 AND {last}",
    "narrative_region_daily (view, one week by province)":
        "SELECT region_name, sum(posts) FROM narrative_region_daily WHERE level = 'province'"
        " AND day BETWEEN {last} - 6 AND {last} GROUP BY 1",
}


def _time(fn: Callable[[], int], runs: int) -> tuple[list[float], list[float], int]:
    """Wall-clock and CPU seconds (all DuckDB threads) of each run, after one warm-up."""
    rows = fn()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        rows = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus, rows


def _recipe_rows(con: duckdb.DuckDBPyConnection, recipe: Recipe) -> int:
    return len(run(con, recipe)[1])


def _sql_rows(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return len(con.execute(sql).fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    parser.add_argument("--no-views", action="store_true", help="skip the live-view timings")
    parser.add_argument("--note", default="", help="a remark to keep with the results")
    args = parser.parse_args()

    con = duckdb.connect(str(args.warehouse), read_only=True)
    con.execute("SET enable_progress_bar = false")
    posts = con.execute("SELECT count(*) FROM raw_posts").fetchall()[0][0]
    days = con.execute("SELECT count(DISTINCT batch_day) FROM raw_posts").fetchall()[0][0]
    threads = con.execute("SELECT current_setting('threads')").fetchall()[0][0]
    load_before = os.getloadavg()
    queries = []
    for recipe in recipes():
        walls, cpus, n = _time(partial(_recipe_rows, con, recipe), args.runs)
        median = statistics.median(walls)
        queries.append({"file": recipe.file, "question": recipe.question, "rows": n,
                        "median_s": round(median, 4), "min_s": round(min(walls), 4),
                        "max_s": round(max(walls), 4),
                        "median_cpu_s": round(statistics.median(cpus), 4),
                        "under_target": median < TARGET_S})
        print(f"{recipe.file:48s} {median:8.3f} s  cpu {statistics.median(cpus):6.3f} s"
              f"  ({n} rows)", flush=True)
    views = []
    if not args.no_views:
        last = con.execute("SELECT max(day) FROM mart_posts").fetchall()[0][0]
        for name, template in VIEW_QUERIES.items():
            sql = template.format(last=f"DATE '{last}'")
            walls, cpus, n = _time(partial(_sql_rows, con, sql), max(1, args.runs // 2))
            views.append({"query": name, "sql": sql, "rows": n,
                          "median_s": round(statistics.median(walls), 4),
                          "median_cpu_s": round(statistics.median(cpus), 4)})
            print(f"{name:48s} {statistics.median(walls):8.3f} s", flush=True)
    load_after = os.getloadavg()
    con.close()

    result = {
        "posts": posts, "days": days, "warehouse": str(args.warehouse),
        "file_bytes": args.warehouse.stat().st_size,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "duckdb_threads": threads,
                    "platform": platform.platform(), "python": platform.python_version(),
                    "duckdb": duckdb.__version__},
        "load_average_1m": {"before": round(load_before[0], 2),
                            "after": round(load_after[0], 2)},
        "runs": args.runs, "target_s": TARGET_S, "note": args.note, "queries": queries,
        "live_views": views,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / f"cookbook_{posts}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    stem.with_suffix(".md").write_text(_markdown(result), encoding="utf-8")
    print(f"wrote {stem}.json and .md")


def _markdown(r: dict[str, Any]) -> str:
    slow = [q["file"] for q in r["queries"] if not q["under_target"]]
    lines = [
        f"# Cookbook benchmark: {r['posts']:,} posts over {r['days']} days",
        "",
        f"Synthetic warehouse from `pantau loadgen` ({r['file_bytes'] / 1e9:.1f} GB), read-only "
        f"connection, {r['machine']['cpus']} CPU cores, DuckDB {r['machine']['duckdb']}, "
        f"measured {r['measured_at']}. Median of {r['runs']} runs after one warm-up run.",
        "",
        f"Load average (1 min) on the machine: {r['load_average_1m']['before']} before, "
        f"{r['load_average_1m']['after']} after — other processes were competing for the "
        f"{r['machine']['cpus']} cores when this is above {r['machine']['cpus']}. CPU seconds "
        "(all DuckDB threads) show the work a query needs, independent of that competition.",
        "",
        f"Target: every query under {r['target_s']:.0f} s. "
        + ("All met." if not slow else f"Missed by: {', '.join(slow)}."),
        "",
        "| query | median (s) | min (s) | max (s) | CPU (s) | rows |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [f"| `{q['file']}` | {q['median_s']:.3f} | {q['min_s']:.3f} | {q['max_s']:.3f} "
              f"| {q['median_cpu_s']:.3f} | {q['rows']} |" for q in r["queries"]]
    if r["live_views"]:
        lines += ["", "For comparison, the analyst views (exact at every moment: they read the "
                  "marts for refreshed days and staging for the rest), filtered on literal days:",
                  "",
                  "| query | median (s) | CPU (s) | rows |", "|---|---:|---:|---:|"]
        lines += [f"| {v['query']} | {v['median_s']:.3f} | {v['median_cpu_s']:.3f} | {v['rows']} |"
                  for v in r["live_views"]]
    if r.get("note"):
        lines += ["", f"Note: {r['note']}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
