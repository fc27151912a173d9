"""The synthetic load generator at a tiny size: realistic shape, reconciled, deterministic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.loadgen import load
from warehouse.connection import WarehouseError, reader


def test_synthetic_warehouse_is_complete_and_reconciles(synthetic_warehouse: Path) -> None:
    with reader(synthetic_warehouse) as con:
        def one(sql: str) -> Any:
            return con.execute(sql).fetchall()[0][0]

        posts = one("SELECT count(*) FROM raw_posts")
        assert 21 * 400 * 0.9 < posts <= 21 * 400  # weekends are a little quieter
        for table in ("stg_posts", "post_scores", "mart_posts"):
            assert one(f"SELECT count(*) FROM {table}") == posts, table
        assert one("SELECT count(*) FROM run_summary WHERE NOT reconciled") == 0
        assert one("SELECT count(DISTINCT day) FROM run_summary") == 21
        assert 0.08 < one("SELECT avg(is_duplicate::INT) FROM mart_posts") < 0.25
        assert 0.05 < one("SELECT avg(flagged::INT) FROM mart_posts") < 0.35
        assert one("SELECT count(*) FROM narrative_dim WHERE flagged") > 0
        assert one("SELECT count(*) FROM fact_checks") > 0
        assert one("SELECT count(*) FROM quarantine") > 0
        assert one("SELECT count(DISTINCT model_version) FROM post_scores") == 2
        # duplicates point at a stored post, narratives at existing narratives
        assert one("SELECT count(*) FROM stg_posts s WHERE duplicate_of IS NOT NULL AND"
                   " duplicate_of NOT IN (SELECT post_id FROM raw_posts)") == 0
        assert one("SELECT count(*) FROM narrative_posts WHERE narrative_id NOT IN"
                   " (SELECT narrative_id FROM narrative_dim)") == 0
        # every regency tag comes with its province tag
        assert one("SELECT count(*) FROM post_regions r WHERE level = 'regency' AND NOT EXISTS"
                   " (SELECT 1 FROM post_regions p WHERE p.post_id = r.post_id"
                   " AND p.region_code = r.province_code)") == 0


def test_same_seed_same_warehouse_and_it_refuses_to_overwrite(tmp_path: Path) -> None:
    a = load(tmp_path / "a.duckdb", days=3, posts_per_day=100, seed=3)
    b = load(tmp_path / "b.duckdb", days=3, posts_per_day=100, seed=3)
    assert (a.posts, a.narratives) == (b.posts, b.narratives)
    sql = "SELECT sum(hash(post_id, text, author, hoax_score)) FROM raw_posts JOIN post_scores" \
          " USING (post_id)"
    with reader(a.path) as ca, reader(b.path) as cb:
        assert ca.execute(sql).fetchall() == cb.execute(sql).fetchall()
    with pytest.raises(WarehouseError, match="empty warehouse"):
        load(a.path, days=1, posts_per_day=100)
