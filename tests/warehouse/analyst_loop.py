"""An analyst in another process: queries the warehouse in a loop while the pipeline writes.

Usage: python analyst_loop.py WAREHOUSE STOP_FILE REPORT_JSONL
Runs until STOP_FILE exists; one JSON line per iteration: which file it read, what it saw,
and the error if any. Used by tests/warehouse/test_concurrency.py.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path

QUERIES = {
    "posts": "SELECT count(*) FROM posts",
    "reconciled": "SELECT coalesce(bool_and(reconciled), true) FROM run_summary",
    "narratives": "SELECT count(*) FROM narratives",
    "by_province": "SELECT count(*) FROM narrative_region_daily WHERE level = 'province'",
    "marts": "SELECT count(*) FROM mart_posts",
}


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from warehouse.connection import analyst_reader

    warehouse, stop, report = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    with report.open("w", encoding="utf-8") as out:
        while not stop.exists():
            if not warehouse.exists():
                time.sleep(0.05)
                continue
            row: dict[str, object] = {"t": time.time()}
            try:
                opened: list[object] = []
                with analyst_reader(warehouse, wait_s=0.3, timeout_s=120,
                                    on_opened=opened.append) as con:
                    row["snapshot"] = bool(opened and getattr(opened[0], "is_snapshot", False))
                    for name, sql in QUERIES.items():
                        row[name] = con.execute(sql).fetchall()[0][0]
                row["ok"] = True
            except Exception as exc:  # reported, and the test fails on it
                row["ok"] = False
                row["error"] = f"{type(exc).__name__}: {exc}"
                row["trace"] = traceback.format_exc(limit=3)
            out.write(json.dumps(row, default=str) + "\n")
            out.flush()
            time.sleep(0.02)


if __name__ == "__main__":
    main()
