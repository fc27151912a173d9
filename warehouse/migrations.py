"""Numbered schema migrations (warehouse/sql/migrations/NNN_name.sql), applied once and recorded.

Views (warehouse/sql/views/) are derived, so they are recreated rather than migrated, and the
descriptions stored in the database (warehouse/sql/comments/, `COMMENT ON …`) are applied after
them, since recreating a view drops its comments. Both are skipped when nothing changed since
the last time (a fingerprint of the SQL and of the applied migrations is kept in
`schema_objects`), so opening a writer stays cheap.
"""

from __future__ import annotations

import hashlib
import logging
import re
from importlib import resources

import duckdb

from warehouse.sqlutil import scalar

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{3})_(\w+)\.sql$")
_CREATED_OBJECT = re.compile(r"CREATE\s+OR\s+REPLACE\s+(?:VIEW|MACRO)\s+(\w+)", re.IGNORECASE)


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


def apply_migrations(con: duckdb.DuckDBPyConnection, target: int | None = None) -> list[int]:
    """Apply pending migrations in order (up to `target`), each in its own transaction."""
    done = applied_versions(con)
    applied = []
    for version, name, sql in available_migrations():
        if version in done or (target is not None and version > target):
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


def _fingerprint(con: duckdb.DuckDBPyConnection, files: list[tuple[str, str]]) -> str:
    digest = hashlib.sha256()
    for version in sorted(applied_versions(con)):
        digest.update(f"migration {version}\n".encode())
    for name, sql in files:
        digest.update(f"{name}\n{sql}\n".encode())
    return digest.hexdigest()


def _objects_present(con: duckdb.DuckDBPyConnection, views: list[tuple[str, str]]) -> bool:
    wanted = {m.group(1).lower() for _, sql in views for m in _CREATED_OBJECT.finditer(sql)}
    present = {r[0].lower() for r in con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal UNION ALL "
        "SELECT function_name FROM duckdb_functions() WHERE NOT internal").fetchall()}
    return wanted <= present


def create_views(con: duckdb.DuckDBPyConnection, force: bool = False) -> bool:
    """(Re)create views and apply descriptions when their SQL changed; True when it ran."""
    views = _sql_files("views")
    comments = _sql_files("comments")
    fingerprint = _fingerprint(con, [(f"views/{n}", s) for n, s in views]
                               + [(f"comments/{n}", s) for n, s in comments])
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_objects ("
        " name VARCHAR PRIMARY KEY, fingerprint VARCHAR NOT NULL,"
        " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
    )
    stored = scalar(con, "SELECT fingerprint FROM schema_objects WHERE name = 'views'")
    if not force and stored == fingerprint and _objects_present(con, views):
        return False
    # Fast path, one transaction: one commit (and fsync) for a few hundred statements, and
    # readers in other processes never see views without their descriptions.
    con.execute("BEGIN TRANSACTION")
    try:
        _create(con, views, comments, fingerprint)
        con.execute("COMMIT")
        return True
    except duckdb.Error:
        con.execute("ROLLBACK")
    # Something failed: views must apply (a broken view raises), descriptions are applied one
    # by one and the stale ones are logged.
    _create(con, views, comments, fingerprint, tolerant=True)
    return True


def _create(con: duckdb.DuckDBPyConnection, views: list[tuple[str, str]],
            comments: list[tuple[str, str]], fingerprint: str, tolerant: bool = False) -> None:
    for _, sql in views:
        con.execute(sql)
    for name, sql in comments:
        if tolerant:
            apply_comments(con, sql, name)
        else:
            con.execute(sql)
    con.execute("INSERT OR REPLACE INTO schema_objects (name, fingerprint, applied_at)"
                " VALUES ('views', ?, now())", [fingerprint])


def apply_comments(con: duckdb.DuckDBPyConnection, sql: str, origin: str = "") -> list[str]:
    """Run COMMENT ON statements; one that names a missing object is logged, not fatal.

    A stale description must never stop the pipeline; tests/warehouse checks they all apply.
    """
    try:
        con.execute(sql)
        return []
    except duckdb.Error:
        pass  # find which ones failed, one by one
    failures = []
    for statement in duckdb.extract_statements(sql):
        try:
            con.execute(statement)
        except duckdb.Error as exc:
            message = f"{origin}: {str(exc).splitlines()[0]}"
            log.warning("description not applied: %s", message)
            failures.append(message)
    return failures
