"""Every analyst-facing table, view and column has a description stored in the database, and
docs/schema.md is what `pantau schema --format md` renders."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import duckdb
import pytest

from warehouse.catalog import describe_code, missing_descriptions, render_markdown
from warehouse.migrations import _sql_files, apply_comments, apply_migrations, create_views

REPO = Path(__file__).resolve().parents[2]
# Views kept in files of this package's warehouse owner; other teams add their own view files
# (030_narratives.sql, …) and their objects are checked softly below.
OWN_VIEW_FILES = {"005_mart_freshness.sql", "010_posts.sql", "020_narrative_daily.sql",
                  "040_runs.sql", "050_dimensions.sql"}
OWN_MIGRATIONS = 4  # 001 (the original schema) to 004
# Later migrations whose columns the own views read (010: fact-check tiers in `posts`).
OWN_LATER_MIGRATIONS = ("010_fact_check_tiers.sql",)


def _own_objects() -> set[str]:
    """Every table, view and "table.column" defined by the own migrations and view files."""
    con = duckdb.connect()
    apply_migrations(con, target=OWN_MIGRATIONS)
    for name, sql in _sql_files("migrations"):
        if name in OWN_LATER_MIGRATIONS:
            con.execute(sql)
    for name, sql in _sql_files("views"):
        if name in OWN_VIEW_FILES:
            con.execute(sql)
    names = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() UNION ALL "
        "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    columns = {f"{t}.{c}" for t, c in con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal").fetchall()}
    return names | columns


def test_every_own_object_and_column_is_described() -> None:
    own = _own_objects()
    assert {"posts", "posts.text", "mart_posts.regions", "dim_date.weekday_name",
            "dim_region.province_name", "raw_posts.post_id"} <= own
    missing = [m for m in missing_descriptions(describe_code()) if m in own]
    assert not missing, ("add COMMENT ON … to warehouse/sql/comments/*.sql for: "
                         + ", ".join(missing))


def test_objects_added_elsewhere_are_reported_when_undescribed() -> None:
    """Not a failure: other teams' new views need a description too, so say which."""
    own = _own_objects()
    others = [m for m in missing_descriptions(describe_code()) if m not in own]
    if others:
        warnings.warn("no description yet (add to warehouse/sql/comments/): "
                      + ", ".join(others), stacklevel=1)


# Descriptions of objects other teams define: a stale line there is reported, not a failure.
OTHERS_COMMENT_FILES = {"060_narratives.sql"}


def test_every_description_statement_applies() -> None:
    con = duckdb.connect()
    apply_migrations(con)
    create_views(con, force=True)
    failures = {name: apply_comments(con, sql, name) for name, sql in _sql_files("comments")}
    assert not [f for name, fs in failures.items() if name not in OTHERS_COMMENT_FILES
                for f in fs]
    stale = [f for name in OTHERS_COMMENT_FILES for f in failures.get(name, [])]
    if stale:
        warnings.warn("stale descriptions of other teams' objects: " + "; ".join(stale),
                      stacklevel=1)


def test_a_stale_description_is_logged_not_fatal(caplog: pytest.LogCaptureFixture) -> None:
    con = duckdb.connect()
    apply_migrations(con)
    with caplog.at_level(logging.WARNING):
        failed = apply_comments(con, "COMMENT ON TABLE raw_posts IS 'ok';"
                                     "COMMENT ON COLUMN raw_posts.gone IS 'renamed';", "x.sql")
    assert len(failed) == 1 and "gone" in failed[0]
    assert con.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'raw_posts'")\
        .fetchall() == [("ok",)]


def test_docs_schema_md_shows_every_own_object() -> None:
    """Checked per object defined here, so work on other teams' views does not break it."""
    docs = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    own = _own_objects()
    for relation in describe_code():
        if relation.name not in own:
            continue
        section = render_markdown([relation]).split(f"### `{relation.name}`", 1)[1]
        assert f"### `{relation.name}`{section}" in docs, (
            f"docs/schema.md is out of date for {relation.name}; regenerate it with "
            "`pantau schema --code --format md --output docs/schema.md`")


def test_a_writer_opens_even_when_a_description_is_stale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    import warehouse.migrations as migrations
    from warehouse.connection import writer

    real = migrations._sql_files

    def with_a_stale_one(folder: str) -> list[tuple[str, str]]:
        files = real(folder)
        if folder == "comments":
            files.append(("999_stale.sql", "COMMENT ON COLUMN posts.renamed IS 'gone';"))
        return files

    monkeypatch.setattr(migrations, "_sql_files", with_a_stale_one)
    with caplog.at_level(logging.WARNING), writer(tmp_path / "w.duckdb") as con:
        described = con.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'posts'")\
            .fetchall()
    assert described[0][0] and "renamed" in caplog.text
