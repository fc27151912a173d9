"""The retraining loop as plain steps, shared by `dags/pantau_retrain.py` and tests.

new label files → import (updates the labels asset), or enough new fact-checks ingested (updates
the fact-checks asset) → train a candidate from the feeds and labels → promote it under the
gate → re-score the recent window with whatever is in production afterwards.

Label files for the loop are dropped into ``$PANTAU_HOME/labels/incoming/``; once imported they
move to ``$PANTAU_HOME/labels/imported/`` so a file is never imported twice by the loop.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pipelines.settings import Settings

LABEL_SUFFIXES = {".csv", ".jsonl", ".ndjson"}


def incoming_dir(settings: Settings) -> Path:
    return settings.home / "labels" / "incoming"


def imported_dir(settings: Settings) -> Path:
    return settings.home / "labels" / "imported"


def import_incoming(settings: Settings) -> dict[str, Any]:
    """Import every label file waiting in the incoming folder; `imported` is how many new
    labels arrived (0 means nothing changed and there is nothing to retrain)."""
    from models.labels import LabelFileError, import_labels
    from warehouse.connection import writer

    inbox, done = incoming_dir(settings), imported_dir(settings)
    inbox.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in inbox.iterdir() if p.suffix.lower() in LABEL_SUFFIXES)
    totals: dict[str, Any] = {"files": 0, "imported": 0, "already_present": 0,
                              "rejected": 0, "conflicts": 0, "failed_files": []}
    for path in files:
        try:
            with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
                report = import_labels(con, path)
        except LabelFileError as exc:
            totals["failed_files"].append(f"{path.name}: {exc}")
            continue
        totals["files"] += 1
        totals["imported"] += report.imported
        totals["already_present"] += report.already_present
        totals["rejected"] += len(report.rejected)
        totals["conflicts"] = len(report.conflicts)
        done.mkdir(parents=True, exist_ok=True)
        path.rename(done / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{path.name}")
    return totals


def new_fact_checks(settings: Settings) -> dict[str, int]:
    """Fact-checks in the warehouse now, and how many arrived since the newest model trained
    from the feeds (all of them when there is none)."""
    from models.feed_training import fact_check_count
    from warehouse.connection import reader

    with reader(settings.warehouse_path, settings.lock_timeout_s) as con:
        now = fact_check_count(con)
        row = con.execute(
            "SELECT max(TRY_CAST(json_extract_string(params, '$.n_fact_checks') AS BIGINT))"
            " FROM models WHERE json_extract_string(params, '$.trained_on') = 'feeds'"
        ).fetchone()
    before = int(row[0]) if row and row[0] is not None else 0
    return {"fact_checks": now, "new": max(0, now - before)}


def train_step(settings: Settings, seed: int = 0) -> dict[str, Any]:
    """A candidate from the feeds and the labels (`pantau train --from-warehouse`)."""
    from models.feed_training import train_from_warehouse
    from pipelines.embedder import get_embedder
    from warehouse.connection import writer

    embedder = get_embedder(settings)
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        from desk.mirror import mirror_for

        mirror_for(settings, con)  # the desk's latest labels train too (docs/desk.md)
        record, metrics = train_from_warehouse(con, settings, embedder, seed=seed)
    m = metrics["time_split"]
    return {"version": record.version, "f1": m["f1"], "pr_auc": m["pr_auc"], "n_test": m["n"]}


def promote_step(settings: Settings, version: str) -> dict[str, Any]:
    """Promote under the gate; never forced from automation."""
    from models.promotion import promote

    decision = promote(settings, version, force=False)
    return {"version": version, "promoted": decision.promoted, "message": decision.message}


def rescore_step(settings: Settings, end: date | None = None) -> dict[str, Any]:
    from models.rescore import recent_window, rescore

    start, stop = recent_window(settings, end)
    result = rescore(settings, start, stop)
    return {"from": start.isoformat(), "to": stop.isoformat(),
            **{k: v for k, v in result.items() if k != "per_day"}}


def retrain(settings: Settings, end: date | None = None) -> dict[str, Any]:
    """All steps in one call (the CLI and tests); the DAG runs them as separate tasks."""
    trained = train_step(settings)
    decision = promote_step(settings, trained["version"])
    rescored = rescore_step(settings, end) if decision["promoted"] else None
    return {"train": trained, "promote": decision, "rescore": rescored}
