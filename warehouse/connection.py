"""Opening the warehouse: a short-lived writer, read-only readers, lock waits retried."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.migrations import apply_migrations, create_views


class WarehouseError(Exception):
    """A warehouse problem the user can act on."""


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text or "being used" in text


def _open(path: Path, read_only: bool, timeout_s: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + timeout_s
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            # DuckDB allows one writing process; another process holding the file is transient.
            if not _is_lock_error(exc) or time.monotonic() >= deadline:
                raise WarehouseError(
                    f"Cannot open the warehouse {path}: {exc}. Another Pantau process may be "
                    "writing; retry when it finishes, or query the published snapshot."
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


@contextmanager
def writer(path: Path, timeout_s: float = 120.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection with the schema up to date; closed promptly to free the lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, read_only=False, timeout_s=timeout_s)
    try:
        apply_migrations(con)
        create_views(con)
        yield con
    finally:
        con.close()


@contextmanager
def reader(path: Path, timeout_s: float = 30.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection: it cannot modify anything, whatever SQL it is given."""
    if not path.exists():
        raise WarehouseError(
            f"No warehouse at {path}. Run `pantau run --date YYYY-MM-DD` (or `make run`) first."
        )
    con = _open(path, read_only=True, timeout_s=timeout_s)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All-or-nothing: a crash mid-stage leaves the previous state of the day intact."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
