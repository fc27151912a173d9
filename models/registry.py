"""The model registry: versions, their metrics and status, kept in the warehouse `models` table."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from models.artifacts import load_artifact, save_artifact
from pipelines.errors import PantauError
from warehouse.connection import transaction

# The sample data shipped with Pantau (`make run`'s demo): a model trained only on it has never
# seen a real post.
BUNDLED_SAMPLE_DIR = Path(__file__).resolve().parents[1] / "data" / "sample"
DEMO_TRAINING_DATA = "bundled-sample"


class RegistryError(PantauError):
    """A registry request that cannot be done as asked (unknown version, no champion, …)."""


@dataclass
class ModelRecord:
    version: str
    status: str
    path: Path
    sha256: str
    embedding_model: str
    metrics: dict[str, Any]
    params: dict[str, Any]
    created_at: datetime
    data_fingerprint: str | None = None
    note: str | None = None


_COLUMNS = ("version, status, path, sha256, embedding_model, metrics, params, created_at,"
            " data_fingerprint, note")


def _record(row: tuple[Any, ...]) -> ModelRecord:
    return ModelRecord(
        version=row[0], status=row[1], path=Path(row[2]), sha256=row[3], embedding_model=row[4],
        metrics=json.loads(row[5] or "{}"), params=json.loads(row[6] or "{}"),
        created_at=row[7], data_fingerprint=row[8], note=row[9])


def register(con: duckdb.DuckDBPyConnection, model: Any, models_dir: Path, version: str,
             embedding_model: str, metrics: dict[str, Any], params: dict[str, Any],
             data_fingerprint: str) -> ModelRecord:
    folder = models_dir / version
    meta = {"version": version, "embedding_model": embedding_model, "metrics": metrics,
            "params": params, "data_fingerprint": data_fingerprint}
    checksum = save_artifact(model, folder, meta)
    now = datetime.now(UTC)
    con.execute(
        "INSERT INTO models (version, created_at, status, path, sha256, embedding_model,"
        " data_fingerprint, params, metrics) VALUES (?, ?, 'candidate', ?, ?, ?, ?, ?, ?)",
        [version, now, str(folder), checksum, embedding_model, data_fingerprint,
         json.dumps(params, default=str), json.dumps(metrics, default=str)])
    return get(con, version)


def get(con: duckdb.DuckDBPyConnection, version: str) -> ModelRecord:
    # fetchall, not fetchone: a half-read result blocks the next registration on `con`.
    rows = con.execute(f"SELECT {_COLUMNS} FROM models WHERE version = ?", [version]).fetchall()
    row = rows[0] if rows else None
    if row is None:
        raise RegistryError(f"No model version '{version}'. See `pantau models list`.")
    return _record(row)


def list_models(con: duckdb.DuckDBPyConnection) -> list[ModelRecord]:
    rows = con.execute(f"SELECT {_COLUMNS} FROM models ORDER BY created_at DESC").fetchall()
    return [_record(r) for r in rows]


def production(con: duckdb.DuckDBPyConnection) -> ModelRecord | None:
    rows = con.execute(
        f"SELECT {_COLUMNS} FROM models WHERE status = 'production'"
        " ORDER BY promoted_at DESC LIMIT 1").fetchall()
    return _record(rows[0]) if rows else None


def set_production(con: duckdb.DuckDBPyConnection, version: str, note: str,
                   action: str = "promote") -> None:
    """Make `version` the production model and record why in `model_events` (kept forever;
    the `note` column of `models` only holds the latest reason)."""
    get(con, version)
    current = production(con)
    now = datetime.now(UTC)
    with transaction(con):
        con.execute("UPDATE models SET status = 'archived' WHERE status = 'production'")
        con.execute("UPDATE models SET status = 'production', promoted_at = ?, note = ?"
                    " WHERE version = ?", [now, note, version])
        con.execute("INSERT INTO model_events VALUES (?, ?, ?, ?, ?, ?)",
                    [uuid.uuid4().hex, now, version, action,
                     current.version if current else None, note])


def events(con: duckdb.DuckDBPyConnection, version: str | None = None) -> list[dict[str, Any]]:
    """The promotion history, newest first."""
    rows = con.execute(
        "SELECT happened_at, version, action, previous_version, note FROM model_events"
        " WHERE ? IS NULL OR version = ? ORDER BY happened_at DESC, event_id", [version, version]
    ).fetchall()
    return [{"at": r[0], "version": r[1], "action": r[2], "previous_version": r[3],
             "note": r[4]} for r in rows]


def previous_production(con: duckdb.DuckDBPyConnection) -> ModelRecord | None:
    """The model the current champion replaced when it was (last) promoted, for rollback.

    Walking the promotions rather than the latest `promoted_at` means two rollbacks go two
    steps back (C → B → A), not back and forth between two models.
    """
    current = production(con)
    if current is None:
        return None
    row = con.execute(
        "SELECT previous_version FROM model_events WHERE version = ?"
        " AND action <> 'rollback' ORDER BY happened_at DESC LIMIT 1", [current.version]).fetchone()
    if row is None:  # promoted before the audit trail existed
        legacy = con.execute(
            f"SELECT {_COLUMNS} FROM models WHERE status = 'archived'"
            " AND promoted_at IS NOT NULL ORDER BY promoted_at DESC LIMIT 1").fetchone()
        return _record(legacy) if legacy else None
    return get(con, row[0]) if row[0] else None


def load_model(record: ModelRecord) -> Any:
    return load_artifact(record.path, record.sha256)


def training_data_of(*sources: Path | None) -> str:
    """``DEMO_TRAINING_DATA`` when every given source lies in the bundled sample, else "own"."""
    given = [p for p in sources if p is not None]
    demo = bool(given) and all(p.resolve().is_relative_to(BUNDLED_SAMPLE_DIR) for p in given)
    return DEMO_TRAINING_DATA if demo else "own"


def is_demo(record: ModelRecord) -> bool:
    """Trained on the bundled sample alone: fine for the demo, not to be trusted on real posts
    (on real public sets it misses most hoaxes and flags about one news item in five:
    docs/models.md, "The demo model on real data")."""
    return (record.params or {}).get("training_data") == DEMO_TRAINING_DATA


def uses_embedding(record: ModelRecord) -> bool:
    """Models registered before the design became a config all read the embedding."""
    config = (record.params or {}).get("config")
    return bool(config.get("embedding", True)) if isinstance(config, dict) else True
