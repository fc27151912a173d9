"""A warehouse created by an earlier schema version upgrades in place without losing data."""

from __future__ import annotations

from pathlib import Path

import duckdb

from benchmarks.loadgen import generate
from warehouse.catalog import describe, describe_code
from warehouse.connection import reader, writer
from warehouse.migrations import apply_migrations, available_migrations

TABLES = ("raw_posts", "stg_posts", "post_regions", "post_scores", "narrative_posts",
          "narrative_dim", "fact_checks", "quarantine", "runs", "sources", "regions")


def _columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    return {t: [r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
        [t]).fetchall()] for t in TABLES}


def _fingerprint(con: duckdb.DuckDBPyConnection,
                 columns: dict[str, list[str]]) -> dict[str, object]:
    """Row count and a hash of the columns the old schema had (later migrations may add
    columns, e.g. 010's fact-check tier; what was there must stay as it was)."""
    return {t: con.execute(f"SELECT count(*), sum(hash(COLUMNS(lambda c: list_contains(?, c)))) "
                           f"FROM {t}", [columns[t]]).fetchall() for t in TABLES}


def test_a_version_1_warehouse_upgrades_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    assert apply_migrations(con, target=1) == [1]  # the schema as first released
    generate(con, days=4, posts_per_day=150)
    old_columns = _columns(con)
    before = _fingerprint(con, old_columns)
    con.close()

    with writer(path) as con:  # the next stage to run upgrades it
        versions = [r[0] for r in con.execute(
            "SELECT version FROM schema_migrations ORDER BY 1").fetchall()]
        after = _fingerprint(con, old_columns)
    assert versions == [v for v, _, _ in available_migrations()]
    assert after == before, "an upgrade must not change existing data"

    with reader(path) as con:
        objects = {r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() UNION ALL "
            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert {"mart_posts", "mart_post_regions", "mart_narrative_daily",
                "mart_narrative_region_daily", "mart_refresh", "dim_date",
                "dim_region"} <= objects
        # the new marts are built from the data the old warehouse held
        posts = con.execute("SELECT count(*) FROM raw_posts").fetchall()[0][0]
        assert con.execute("SELECT count(*) FROM mart_posts").fetchall()[0][0] == posts > 0
        assert con.execute("SELECT mode FROM mart_refresh").fetchall() == [("full",)]
        # the same tables, views, columns, types and descriptions as a new warehouse
        assert describe(con) == describe_code()
