"""Small helpers for running SQL with DuckDB 2 (which wants every result fully fetched)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb


def scalar(con: duckdb.DuckDBPyConnection, sql: str,
           params: Sequence[Any] | dict[str, Any] = ()) -> Any:
    """The first column of the first row (None without rows), with the result consumed."""
    rows = con.execute(sql, params).fetchall()
    return rows[0][0] if rows else None
