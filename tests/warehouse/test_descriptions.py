"""Every analyst-facing table, view and column has a description stored in the database, and
docs/schema.md is what `pantau schema --format md` renders."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import pytest

from warehouse.catalog import describe_code, missing_descriptions, render_markdown
from warehouse.migrations import _sql_files, apply_comments, apply_migrations, create_views

REPO = Path(__file__).resolve().parents[2]
# Tables analysts read or that explain the data; all views and mart_/dim_ objects besides.
DESCRIBED_TABLES = {
    "raw_posts", "quarantine", "fact_checks", "sources", "regions", "stg_posts",
    "post_regions", "embeddings", "post_scores", "narrative_dim", "narrative_posts",
    "narrative_events", "narrative_day_sums", "labels", "models", "runs", "schema_migrations",
    "schema_objects",
}


def test_every_analyst_facing_object_and_column_is_described() -> None:
    relations = describe_code()
    must = {r.name for r in relations if r.kind in ("view", "macro")
            or r.name in DESCRIBED_TABLES or r.name.startswith(("mart_", "dim_"))}
    missing = [m for m in missing_descriptions(relations) if m.split(".")[0] in must]
    assert not missing, ("add COMMENT ON … to warehouse/sql/comments/*.sql for: "
                         + ", ".join(missing))
    assert must >= DESCRIBED_TABLES | {"posts", "narratives", "dim_date", "dim_region",
                                      "mart_posts"}


def test_every_description_statement_applies() -> None:
    con = duckdb.connect()
    apply_migrations(con)
    create_views(con, force=True)
    failures = [f for name, sql in _sql_files("comments") for f in apply_comments(con, sql, name)]
    assert not failures


def test_a_stale_description_is_logged_not_fatal(caplog: pytest.LogCaptureFixture) -> None:
    con = duckdb.connect()
    apply_migrations(con)
    with caplog.at_level(logging.WARNING):
        failed = apply_comments(con, "COMMENT ON TABLE raw_posts IS 'ok';"
                                     "COMMENT ON COLUMN raw_posts.gone IS 'renamed';", "x.sql")
    assert len(failed) == 1 and "gone" in failed[0]
    assert con.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'raw_posts'")\
        .fetchall() == [("ok",)]


def test_docs_schema_md_shows_every_described_object() -> None:
    """Checked per analyst-facing object, so a table added elsewhere does not break it."""
    docs = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    for relation in describe_code():
        if not relation.description:
            continue
        section = render_markdown([relation]).split(f"### `{relation.name}`", 1)[1]
        assert f"### `{relation.name}`{section}" in docs, (
            f"docs/schema.md is out of date for {relation.name}; regenerate it with "
            "`pantau schema --code --format md --output docs/schema.md`")
