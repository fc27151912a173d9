from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.connection import reader, writer
from warehouse.migrations import available_migrations

ANALYST_VIEWS = {"posts", "narratives", "narrative_region_daily", "narrative_daily",
                 "run_summary"}


def test_new_warehouse_gets_every_migration_once(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with writer(path) as con:
        versions = [r[0] for r in con.execute("SELECT version FROM schema_migrations")
                    .fetchall()]
    with writer(path) as con:  # reopening applies nothing twice
        again = [r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()]
    assert versions == again == [v for v, _, _ in available_migrations()]


def test_analyst_contract_views_exist_with_their_columns(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with writer(path):
        pass
    with reader(path) as con:
        views = {r[0] for r in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        posts_cols = [d[0] for d in con.execute("SELECT * FROM posts LIMIT 0").description]
        narr_cols = [d[0] for d in con.execute("SELECT * FROM narratives LIMIT 0").description]
    assert views >= ANALYST_VIEWS
    for col in ("post_id", "source", "platform", "published_at", "author", "url", "text", "lang",
                "regions", "hoax_score", "model_version", "narrative_id", "duplicate_of"):
        assert col in posts_cols
    for col in ("narrative_id", "label", "first_seen", "last_seen", "posts", "hoax_score",
                "status", "matched_fact_check_url"):
        assert col in narr_cols


def test_reader_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with writer(path):
        pass
    with reader(path) as con:
        try:
            con.execute("DELETE FROM raw_posts")
        except duckdb.Error as exc:
            assert "read-only" in str(exc).lower()
        else:
            raise AssertionError("a read-only connection accepted a DELETE")
