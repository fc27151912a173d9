"""The daily pipeline in this process, an analyst querying in a loop in another: every query
succeeds, the pipeline finishes, and the counts are right."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from warehouse.connection import reader, snapshot_path_for


def _count(path: Path, sql: str) -> Any:
    with reader(path) as con:
        return con.execute(sql).fetchall()[0][0]


def test_every_analyst_query_succeeds_while_the_pipeline_writes(pipeline_run: Any) -> None:
    rows = pipeline_run.analyst
    failures = [r for r in rows if not r["ok"]]
    assert not failures, failures[:3]
    # the analyst queried all along; how often depends on the machine's speed, so ask for a few
    assert len(rows) >= 5, f"the analyst ran only {len(rows)} times"
    # whenever a stage held the main file, the analyst read the published snapshot instead
    assert any(r["snapshot"] for r in rows), "never fell back to the snapshot"
    assert any(not r["snapshot"] for r in rows), "never read the main file"
    # every state an analyst saw reconciles: received = stored + duplicates + quarantined
    assert all(r["reconciled"] for r in rows)


def test_the_pipeline_finished_and_the_counts_are_right(pipeline_run: Any) -> None:
    path = pipeline_run.settings.warehouse_path
    with reader(path) as con:
        summary = con.execute("SELECT day, received, reconciled FROM run_summary ORDER BY day")\
            .fetchall()
        posts = con.execute("SELECT count(*) FROM posts").fetchall()[0][0]
        raw = con.execute("SELECT count(*) FROM raw_posts").fetchall()[0][0]
        marts = con.execute("SELECT count(*) FROM mart_posts").fetchall()[0][0]
        statuses = con.execute("SELECT DISTINCT status FROM runs").fetchall()
    assert [str(d) for d, _, _ in summary] == ["2026-11-20", "2026-11-21"]
    assert summary[0][1] == 19  # 14 JSONL lines + 2 news items + 3 fact-check items
    assert all(ok for _, _, ok in summary)
    assert posts == raw == marts > 0
    assert statuses == [("success",)]
    # the snapshot holds the same posts, and the analyst's last look saw the final state
    assert _count(snapshot_path_for(path), "SELECT count(*) FROM posts") == posts
    assert pipeline_run.analyst[-1]["posts"] == posts
