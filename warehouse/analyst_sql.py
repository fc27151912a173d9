"""What an analyst's SQL may be: read statements only, one per call unless asked for a script.

The connection is the real barrier (read-only, no files, no extensions, configuration locked:
see `warehouse.connection.analyst_reader`); this gate adds a clear refusal before anything runs,
decided by DuckDB's own parser (`duckdb.extract_statements`), not by pattern matching.
`SET` passes because `SET VARIABLE` feeds the cookbook's getvariable() parameters; any other
SET changes configuration, which the locked connection refuses.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import duckdb

from warehouse.connection import WarehouseError

_ALLOWED = {
    duckdb.StatementType.SELECT: "SELECT",  # also WITH, FROM …, VALUES, DESCRIBE, SHOW, SUMMARIZE
    duckdb.StatementType.EXPLAIN: "EXPLAIN",
    duckdb.StatementType.SET: "SET VARIABLE",
}


class RefusedSql(WarehouseError):
    """Analyst SQL that would write, reach outside the warehouse, or run more than was asked."""


class QueryTimeLimit(WarehouseError):
    """A query on the main warehouse file ran past its time limit and was stopped."""


def analyst_statements(sql: str, script: bool = False) -> list[str]:
    """The statements of `sql`, each one allowed; raises RefusedSql with one line otherwise."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise RefusedSql(str(exc).splitlines()[0]) from None
    if not statements:
        raise RefusedSql("No SQL statement given.")
    if len(statements) > 1 and not script:
        raise RefusedSql(f"{len(statements)} statements given; pantau sql runs one per call "
                         "(pass --script to run several in order).")
    for statement in statements:
        if statement.type not in _ALLOWED:
            kind = statement.type.name
            raise RefusedSql(f"Refused a {kind} statement: pantau sql is read-only and runs "
                             f"{', '.join(_ALLOWED.values())} only (use `pantau export` to "
                             "write files).")
    return [s.query for s in statements]


def explain_error(exc: duckdb.Error) -> str:
    """One line for a DuckDB error; a sandbox refusal says why it is refused."""
    first = str(exc).splitlines()[0]
    if isinstance(exc, duckdb.PermissionException) or "configuration has been locked" in first:
        return (f"Refused: pantau sql reads the warehouse only; files, extensions and settings "
                f"are off limits ({first}).")
    return first


def run_statements(con: duckdb.DuckDBPyConnection, statements: list[str], fetch: bool = True,
                   time_limit_s: float | None = None
                   ) -> tuple[list[str], list[tuple[Any, ...]], Any]:
    """Run `statements` in order in a worker thread, so Ctrl-C (and the time limit) can cancel
    them with con.interrupt(). Returns the last statement's (columns, rows, arrow table or
    None); raises KeyboardInterrupt after a Ctrl-C, QueryTimeLimit past `time_limit_s`."""
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            for statement in statements:
                cursor = con.execute(statement)
            outcome["columns"] = [d[0] for d in cursor.description or []]
            if fetch:
                outcome["rows"] = cursor.fetchall() if cursor.description else []
            else:
                outcome["arrow"] = cursor.to_arrow_table()
        except BaseException as exc:  # handed to the main thread
            outcome["error"] = exc

    deadline = None if time_limit_s is None else time.monotonic() + time_limit_s
    worker = threading.Thread(target=work, name="pantau-sql", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
            if deadline is not None and time.monotonic() > deadline and worker.is_alive():
                _cancel(con, worker)
                raise QueryTimeLimit(
                    f"Query stopped after {time_limit_s:g} s on the main warehouse file, where "
                    "it would hold up the pipeline; run it on the snapshot (the default, "
                    "without --main) or raise --time-limit.")
    except KeyboardInterrupt:
        _cancel(con, worker)
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("columns", []), outcome.get("rows", []), outcome.get("arrow")


def _cancel(con: duckdb.DuckDBPyConnection, worker: threading.Thread) -> None:
    con.interrupt()
    worker.join(10)
    _wait_until_idle(con)


def _wait_until_idle(con: duckdb.DuckDBPyConnection, timeout_s: float = 5.0) -> None:
    """An interrupted query's tasks wind down briefly after the call returns; wait for that,
    so the connection can be closed cleanly."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            con.execute("SELECT 1").fetchall()
            return
        except duckdb.Error:
            time.sleep(0.05)
