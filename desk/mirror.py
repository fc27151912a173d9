"""Mirror the desk store into the warehouse, from a pipeline stage that holds the writer.

Called at the start of `publish` (so the snapshot analysts and the desk read, and the briefing
written next, see the desk's decisions) and before training (so a retrain sees the desk's
labels). Each desk table is replaced whole in one transaction: the desk store is the source of
truth and small (thousands of rows), and a replaced label must not count twice.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pyarrow as pa

from desk.store import store_path
from warehouse.connection import transaction
from warehouse.queries import query_text

log = logging.getLogger(__name__)

# warehouse table -> (SELECT over the SQLite store, columns in the warehouse table's order)
_TABLES: dict[str, tuple[str, list[str]]] = {
    "desk_action_log": (
        "SELECT action_id, at AS acted_at, username, role, kind, narrative_id, post_id,"
        " nullif(region_code, '') AS region_code, value, previous FROM actions",
        ["action_id", "acted_at", "username", "role", "kind", "narrative_id", "post_id",
         "region_code", "value", "previous"]),
    "desk_labels": (
        "SELECT target, target_id, username, label, narrative_id, at AS labelled_at"
        " FROM labels",
        ["target", "target_id", "username", "label", "narrative_id", "labelled_at"]),
    "desk_match_decisions": (
        "SELECT narrative_id, fact_check_id, decision, username, at AS decided_at"
        " FROM match_decisions",
        ["narrative_id", "fact_check_id", "decision", "username", "decided_at"]),
    "desk_counter_messages": (
        "SELECT message_id, narrative_id, nullif(region_code, '') AS region_code, text,"
        " fact_check_id, status, drafted_by, drafted_at, validated_by, validated_at,"
        " approved_by, approved_at, NULL AS approved_day FROM counter_messages",
        ["message_id", "narrative_id", "region_code", "text", "fact_check_id", "status",
         "drafted_by", "drafted_at", "validated_by", "validated_at", "approved_by",
         "approved_at", "approved_day"]),
    "desk_countered": (
        "SELECT narrative_id, region_code, url, username, at AS marked_at, NULL AS day"
        " FROM countered_marks",
        ["narrative_id", "region_code", "url", "username", "marked_at", "day"]),
}
_TIMESTAMPS = {"acted_at", "labelled_at", "decided_at", "drafted_at", "validated_at",
               "approved_at", "marked_at"}


def _local_day(stamp: str | None, zone: ZoneInfo) -> date | None:
    return datetime.fromisoformat(stamp).astimezone(zone).date() if stamp else None


def read_store(path: Path, timezone: str = "Asia/Jakarta") -> dict[str, list[dict[str, Any]]]:
    """Every desk table as rows, read in one SQLite read transaction (a consistent state)."""
    zone = ZoneInfo(timezone)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        con.execute("BEGIN")
        out = {name: [dict(r) for r in con.execute(sql).fetchall()]
               for name, (sql, _) in _TABLES.items()}
        con.execute("COMMIT")
    finally:
        con.close()
    for row in out["desk_counter_messages"]:
        row["approved_day"] = _local_day(row["approved_at"], zone)
    for row in out["desk_countered"]:
        row["day"] = _local_day(row["marked_at"], zone)
    return out


def mirror_desk(con: duckdb.DuckDBPyConnection, home: Path,
                timezone: str = "Asia/Jakarta") -> dict[str, Any]:
    """Replace the warehouse's desk tables and desk labels with the desk store's contents.

    No desk store (the desk was never used): nothing to do. A desk store that cannot be read
    is logged and the previous mirror kept: the daily pipeline must not stop for the desk.
    """
    path = store_path(home)
    if not path.exists():
        return {"desk": "no desk store"}
    try:
        data = read_store(path, timezone)
    except sqlite3.Error as exc:
        log.warning("desk store %s not mirrored (%s); the warehouse keeps the last mirror",
                    path, exc)
        return {"desk": f"not mirrored: {exc}"}
    with transaction(con):
        for table, (_, columns) in _TABLES.items():
            con.execute(f"DELETE FROM {table}")
            rows = data[table]
            if not rows:
                continue
            arrow = pa.Table.from_pylist(rows)  # noqa: F841 - read by name below
            select = ", ".join(f"{c}::TIMESTAMPTZ" if c in _TIMESTAMPS else
                               f"{c}::JSON" if c in ("value", "previous") else c
                               for c in columns)
            con.execute(f"INSERT INTO {table} SELECT {select} FROM arrow")
        con.execute(query_text("desk_sync_labels"))
    counts = {t: len(rows) for t, rows in data.items()}
    labels = con.execute("SELECT count(*) FROM labels WHERE source_file = 'desk'").fetchone()
    counts["labels_from_desk"] = int(labels[0]) if labels else 0
    return counts


def mirror_for(settings: Any, con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The call the pipeline stages make (settings: pipelines.settings.Settings)."""
    return mirror_desk(con, settings.home, settings.timezone)
