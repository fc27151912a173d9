"""Named read queries kept as .sql files under warehouse/sql/queries/, run with bound parameters."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import duckdb


@cache
def query_text(name: str) -> str:
    path = resources.files("warehouse").joinpath("sql").joinpath("queries").joinpath(f"{name}.sql")
    return path.read_text(encoding="utf-8")


def fetch_dicts(con: duckdb.DuckDBPyConnection, name: str,
                params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    cursor = con.execute(query_text(name), params or {})
    columns = [d[0] for d in cursor.description or []]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
