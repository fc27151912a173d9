"""Every write to the warehouse: partition replaces keyed by batch day, in one transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

import duckdb
import pyarrow as pa

from warehouse.connection import transaction


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


def rows_to_arrow(rows: Iterable[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=schema)


def start_run(con: duckdb.DuckDBPyConnection, day: date, stage: str) -> str:
    run_id = f"{day.isoformat()}:{stage}"
    con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
    con.execute(
        "INSERT INTO runs (run_id, day, stage, status, started_at) VALUES (?, ?, ?, 'running', ?)",
        [run_id, day, stage, datetime.now(UTC)],
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
        " quarantined = ?, detail = ? WHERE run_id = ?",
        [
            status, datetime.now(UTC), counts.get("received"), counts.get("stored"),
            counts.get("duplicates"), counts.get("quarantined"),
            json.dumps(detail or {}, ensure_ascii=False, default=str), run_id,
        ],
    )


def upsert_fact_checks(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> int:
    """Fact-checks are keyed by (publisher, link): a feed read again replaces its own rows,
    never doubles them, and never touches another publisher's (migration 009)."""
    from warehouse.schemas import FACT_CHECKS

    data = rows_to_arrow([{"claim_norm": None, "content_hash": None, **r} for r in rows],
                         FACT_CHECKS)
    with transaction(con):
        con.register("_fc", data)
        try:
            con.execute("DELETE FROM fact_checks WHERE (publisher, url) IN "
                        "(SELECT (publisher, url) FROM _fc) "
                        "OR fact_check_id IN (SELECT fact_check_id FROM _fc)")
        finally:
            con.unregister("_fc")
        insert_arrow(con, "fact_checks", data)
    return data.num_rows
