"""Numbered schema migrations (warehouse/sql/migrations/NNN_name.sql), applied once and recorded."""

from __future__ import annotations

import re
from importlib import resources

import duckdb

_MIGRATION_NAME = re.compile(r"^(\d{3})_(\w+)\.sql$")


def _sql_files(folder: str) -> list[tuple[str, str]]:
    root = resources.files("warehouse").joinpath("sql").joinpath(folder)
    files = sorted((p.name, p.read_text(encoding="utf-8")) for p in root.iterdir()
                   if p.name.endswith(".sql"))
    return files


def available_migrations() -> list[tuple[int, str, str]]:
    found = []
    for name, sql in _sql_files("migrations"):
        match = _MIGRATION_NAME.match(name)
        if match is None:
            raise RuntimeError(f"Migration file {name} must be named NNN_description.sql")
        found.append((int(match.group(1)), match.group(2), sql))
    return found


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
    )
    return {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply pending migrations in order, each in its own transaction; return those applied."""
    done = applied_versions(con)
    applied = []
    for version, name, sql in available_migrations():
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                        [version, name])
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
        applied.append(version)
    return applied


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Views are derived, so they are recreated rather than migrated."""
    for _, sql in _sql_files("views"):
        con.execute(sql)
