"""Every write to the warehouse: partition replaces keyed by batch day, in one transaction."""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from warehouse.connection import transaction

log = logging.getLogger(__name__)


def fetch_arrow(con: duckdb.DuckDBPyConnection, sql: str,
                params: Sequence[Any] | dict[str, Any] = ()) -> pa.Table:
    table = con.sql(sql, params=list(params) if isinstance(params, tuple) else params)\
        .to_arrow_table()
    if table is None:  # only for statements without a result set
        raise RuntimeError("query returned no result set")
    return table


def stream_arrow(con: duckdb.DuckDBPyConnection, sql: str,
                 params: Sequence[Any] | dict[str, Any] = (),
                 batch_size: int = 100_000) -> Iterator[pa.RecordBatch]:
    """The rows of `sql` as Arrow record batches of at most `batch_size` rows, read as they are
    consumed. Run anything else on another connection (`con.cursor()`) meanwhile: a new query
    on `con` ends the stream."""
    relation = con.sql(sql, params=list(params) if isinstance(params, tuple) else params)
    reader = relation.to_arrow_reader(batch_size)
    if reader is None:
        return
    try:
        for batch in reader:
            if batch.num_rows:
                yield batch
    finally:
        reader.close()  # frees the connection for the next statement


def insert_arrow(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> int:
    if data.num_rows == 0:
        return 0
    con.register("_incoming", data)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _incoming")
    finally:
        con.unregister("_incoming")
    return data.num_rows


def replace_batch(
    con: duckdb.DuckDBPyConnection,
    writes: Sequence[tuple[str, pa.Table]],
    day: date,
    extra_where: str = "",
    params: Sequence[Any] = (),
) -> None:
    """Delete each table's rows for the batch day, then insert the new ones, atomically."""
    with transaction(con):
        for table, data in writes:
            con.execute(f"DELETE FROM {table} WHERE batch_day = ? {extra_where}", [day, *params])
            insert_arrow(con, table, data)


def replace_batch_parts(con: duckdb.DuckDBPyConnection, table: str, day: date,
                        parts: Iterable[pa.Table]) -> int:
    """`replace_batch` for a day too big to hold at once: delete the table's rows for the
    batch day, then insert `parts` one after another, atomically. Returns the rows inserted."""
    n = 0
    with transaction(con):
        con.execute(f"DELETE FROM {table} WHERE batch_day = ?", [day])
        for data in parts:
            n += insert_arrow(con, table, data)
    return n


def rows_to_arrow(rows: Iterable[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=schema)


# -- run recording ---------------------------------------------------------------------------
# A run row says 'running' while its stage works, then 'success' or 'failed'. A process killed
# outright (kill -9, OOM killer, power loss) cannot write 'failed', so each row names its owner
# process (host:pid:start time); the next start_run finds rows whose owner is gone and marks
# them failed. The start time tells a reused pid from the original process.

def _process_start(pid: int) -> str | None:
    """The kernel's start time of `pid` (clock ticks since boot), None when it is not running."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    # the command name (field 2) may hold spaces and parentheses: split after the last ')'
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else None


def run_owner(pid: int | None = None) -> str | None:
    """'host:pid:start' for this process (or `pid`); None where /proc is not available."""
    pid = os.getpid() if pid is None else pid
    start = _process_start(pid)
    return None if start is None else f"{socket.gethostname()}:{pid}:{start}"


def _owner_gone(owner: str) -> bool:
    host, _, rest = owner.partition(":")
    pid, _, start = rest.partition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine's process: it cannot be checked from here
    return _process_start(int(pid)) != start


def mark_stale_runs(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Mark failed every 'running' row whose owner process has ended; returns their run_ids."""
    rows = con.execute("SELECT run_id, owner FROM runs WHERE status = 'running'"
                       " AND owner IS NOT NULL").fetchall()
    stale = [(run_id, owner) for run_id, owner in rows if _owner_gone(owner)]
    for run_id, owner in stale:
        pid = owner.split(":")[1]
        con.execute("UPDATE runs SET status = 'failed', error = ? WHERE run_id = ?"
                    " AND status = 'running'",
                    [f"the process (pid {pid}) ended without finishing this stage: it was "
                     "killed or crashed; rerun the day", run_id])
    return [run_id for run_id, _ in stale]


def start_run(con: duckdb.DuckDBPyConnection, day: date, stage: str,
              owned: bool = True) -> str:
    """Record `stage` of `day` as running (replacing an earlier row of it); returns its run_id.

    `owned=False` where the run outlives this process (a sharded stage finished by another
    task): its row is not marked failed when this process ends."""
    mark_stale_runs(con)
    run_id = f"{day.isoformat()}:{stage}"
    con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
    con.execute(
        "INSERT INTO runs (run_id, day, stage, status, started_at, owner)"
        " VALUES (?, ?, ?, 'running', ?, ?)",
        [run_id, day, stage, datetime.now(UTC), run_owner() if owned else None],
    )
    return run_id


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    status: str = "success",
    counts: dict[str, int] | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    counts = counts or {}
    con.execute(
        "UPDATE runs SET status = ?, finished_at = ?, received = ?, stored = ?, duplicates = ?,"
        " quarantined = ?, detail = ?, error = NULL WHERE run_id = ?",
        [
            status, datetime.now(UTC), counts.get("received"), counts.get("stored"),
            counts.get("duplicates"), counts.get("quarantined"),
            json.dumps(detail or {}, ensure_ascii=False, default=str), run_id,
        ],
    )


def fail_run(con: duckdb.DuckDBPyConnection, day: date, stage: str, error: str) -> str:
    """Record that `stage` of `day` failed with `error` (one line); returns the run_id.

    A stage that failed before recording its start still gets a row, so `runs` shows every
    failed attempt; the previous data of the day is untouched (stages write in transactions).
    """
    run_id = f"{day.isoformat()}:{stage}"
    now = datetime.now(UTC)
    error = " ".join(error.split())[:500]
    updated = con.execute(
        "UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE run_id = ?"
        " RETURNING run_id", [now, error, run_id]).fetchall()
    if not updated:
        con.execute(
            "INSERT INTO runs (run_id, day, stage, status, started_at, finished_at, error)"
            " VALUES (?, ?, ?, 'failed', ?, ?, ?)", [run_id, day, stage, now, now, error])
    return run_id


def record_failure(path: Path, day: date, stage: str, exc: BaseException,
                   timeout_s: float = 10.0) -> None:
    """`fail_run` on its own short writer connection, for the code around a stage that raised.

    Never raises: the stage's own error is what the caller must see. When the warehouse cannot
    be written (disk full, lock held), the row stays 'running' until `mark_stale_runs` finds
    its owner gone."""
    from warehouse.connection import writer

    message = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
    try:
        with writer(path, timeout_s) as con:
            fail_run(con, day, stage, message)
    except Exception as secondary:  # noqa: BLE001 - reported, never masks the stage's error
        log.warning("could not record that %s of %s failed: %s", stage, day, secondary)


def upsert_fact_checks(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> int:
    """Fact-checks are keyed by (publisher, link): a feed read again replaces its own rows,
    never doubles them, and never touches another publisher's (migration 009)."""
    with transaction(con):
        return replace_fact_checks(con, rows)


def replace_fact_checks(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> int:
    """`upsert_fact_checks` inside a transaction the caller holds (DuckDB does not nest them)."""
    from warehouse.schemas import FACT_CHECKS

    data = rows_to_arrow([{"claim_norm": None, "content_hash": None, **r} for r in rows],
                         FACT_CHECKS)
    con.register("_fc", data)
    try:
        con.execute("DELETE FROM fact_checks WHERE (publisher, url) IN "
                    "(SELECT (publisher, url) FROM _fc) "
                    "OR fact_check_id IN (SELECT fact_check_id FROM _fc)")
    finally:
        con.unregister("_fc")
    insert_arrow(con, "fact_checks", data)
    return data.num_rows


def record_file_run(con: duckdb.DuckDBPyConnection, run_id: str, day: date, stage: str,
                    counts: dict[str, int], detail: dict[str, Any], at: datetime) -> None:
    """The run row of one file ingested outside the day's inbox (drop folder, `pantau ingest`);
    when the day's inbox ingest already ran, its reconciliation gains the file's counts."""
    con.execute(
        "INSERT INTO runs (run_id, day, stage, status, started_at, finished_at, received,"
        " stored, duplicates, quarantined, detail)"
        " VALUES (?, ?, ?, 'success', ?, ?, ?, ?, ?, ?, ?)",
        [run_id, day, stage, at, at, counts["received"], counts["stored"],
         counts["duplicates"], counts["quarantined"],
         json.dumps(detail, ensure_ascii=False, default=str)])
    con.execute(
        "UPDATE runs SET received = received + ?, stored = stored + ?,"
        " duplicates = duplicates + ?, quarantined = quarantined + ? WHERE run_id = ?",
        [counts["received"], counts["stored"], counts["duplicates"], counts["quarantined"],
         f"{day.isoformat()}:ingest"])
