"""The marts and the views built on them equal a straight computation from staging, before
and after a refresh, and a daily refresh equals a full one."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from warehouse.connection import reader, writer
from warehouse.marts import refresh_marts

# The definitions straight from staging (what the views computed before the marts existed).
LIVE_NARRATIVE_DAILY = """
    SELECT np.narrative_id, s.day, count(*) AS posts, count(DISTINCT r.author) AS authors,
           sum(coalesce(r.shares, 0)) AS shares
    FROM narrative_posts np JOIN stg_posts s USING (post_id) JOIN raw_posts r USING (post_id)
    GROUP BY ALL ORDER BY ALL"""
LIVE_REGION_DAILY = """
    SELECT np.narrative_id, pr.region_code, rg.name AS region_name, rg.level, pr.province_code,
           s.day, count(*) AS posts, count(DISTINCT r.author) AS authors,
           sum(coalesce(r.shares, 0)) AS shares
    FROM narrative_posts np JOIN stg_posts s USING (post_id) JOIN raw_posts r USING (post_id)
    JOIN post_regions pr USING (post_id) JOIN regions rg ON rg.code = pr.region_code
    GROUP BY ALL ORDER BY ALL"""
LIVE_POSTS = """
    SELECT r.post_id, s.day, r.source, r.platform, r.author, np.narrative_id, s.duplicate_of,
           sc.hoax_score, coalesce(sc.flagged, false), coalesce(r.shares, 0),
           coalesce(reg.regions, []::VARCHAR[])
    FROM raw_posts r JOIN stg_posts s USING (post_id)
    LEFT JOIN (SELECT post_id, list(region_code ORDER BY region_code) AS regions
               FROM post_regions GROUP BY 1) reg USING (post_id)
    LEFT JOIN post_scores sc USING (post_id) LEFT JOIN narrative_posts np USING (post_id)
    ORDER BY r.post_id"""
VIEW_POSTS = """
    SELECT post_id, day, source, platform, author, narrative_id, duplicate_of, hoax_score,
           flagged, coalesce(shares, 0), regions FROM posts ORDER BY post_id"""
MART_POSTS = """
    SELECT m.post_id, m.day, m.source, m.platform, m.author, m.narrative_id, m.duplicate_of,
           m.hoax_score, m.flagged, m.shares, m.regions
    FROM mart_posts m ORDER BY m.post_id"""
# What the narratives view reads from the marts (030_narratives.sql), straight from staging.
LIVE_SPREAD_DAILY = """
    SELECT narrative_id, day, count(*) FILTER (WHERE spread) AS posts,
           count(*) FILTER (WHERE clarification) AS clarifications
    FROM narrative_post_facts GROUP BY ALL ORDER BY ALL"""
LIVE_FACT_CHECK_LINKS = """
    SELECT narrative_id, fact_check_id, min(via), max(similarity), any_value(published_at),
           any_value(verdict),
           CASE WHEN bool_or(tier = 'cocok') THEN 'cocok' ELSE 'mungkin terkait' END
    FROM (SELECT c.canonical_id AS narrative_id, l.fact_check_id, l.via, l.similarity,
                 'mungkin terkait' AS tier
          FROM narrative_fact_checks l JOIN narrative_canonical c USING (narrative_id)
          UNION ALL
          SELECT f.narrative_id, ps.fact_check_id, 'post', ps.fact_check_similarity,
                 ps.fact_check_tier
          FROM narrative_post_facts f JOIN post_scores ps USING (post_id)
          WHERE f.spread AND ps.fact_check_id IS NOT NULL) l
    JOIN fact_checks fc USING (fact_check_id)
    GROUP BY narrative_id, fact_check_id ORDER BY ALL"""
SCORES = """
    SELECT day, model_version, platform, least(100, floor(hoax_score * 100))::SMALLINT,
           count(*), round(sum(hoax_score), 6), count(*) FILTER (WHERE flagged)
    FROM {} WHERE hoax_score IS NOT NULL AND {} GROUP BY ALL ORDER BY ALL"""


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return con.execute(sql).fetchall()


def check_views(con: duckdb.DuckDBPyConnection) -> None:
    """The analyst views equal the straight computation, whatever the state of the marts."""
    assert rows(con, "SELECT * FROM narrative_daily ORDER BY ALL") == \
        rows(con, LIVE_NARRATIVE_DAILY)
    assert rows(con, "SELECT * FROM narrative_region_daily ORDER BY ALL") == \
        rows(con, LIVE_REGION_DAILY)
    assert rows(con, VIEW_POSTS) == rows(con, LIVE_POSTS)
    assert rows(con, "SELECT * FROM narrative_spread_daily ORDER BY ALL") == \
        rows(con, LIVE_SPREAD_DAILY)
    assert rows(con, "SELECT * FROM narrative_fact_check_links ORDER BY ALL") == \
        rows(con, LIVE_FACT_CHECK_LINKS)


def check_marts(con: duckdb.DuckDBPyConnection) -> None:
    """The marts equal the straight computation (after a refresh)."""
    assert rows(con, "SELECT narrative_id, day, posts, authors, shares FROM"
                     " mart_narrative_daily ORDER BY ALL") == rows(con, LIVE_NARRATIVE_DAILY)
    assert rows(con, "SELECT narrative_id, region_code, region_name, level, province_code, day,"
                     " posts, authors, shares FROM mart_narrative_region_daily ORDER BY ALL") \
        == rows(con, LIVE_REGION_DAILY)
    assert rows(con, MART_POSTS) == rows(con, LIVE_POSTS)
    assert rows(con, "SELECT post_id, region_code, level, province_code, confidence"
                     " FROM mart_post_regions ORDER BY ALL") == \
        rows(con, "SELECT post_id, region_code, level, province_code, confidence"
                  " FROM post_regions ORDER BY ALL")
    assert rows(con, "SELECT day, model_version, platform, score_bucket, posts,"
                     " round(score_sum, 6), flagged_posts FROM mart_score_daily ORDER BY ALL") \
        == rows(con, SCORES.format("posts", "duplicate_of IS NULL"))
    assert rows(con, "SELECT count(*) FROM mart_pending_days") == [(0,)]


def test_marts_and_views_after_the_pipeline(pipeline_run: Any) -> None:
    with reader(pipeline_run.settings.warehouse_path) as con:
        assert rows(con, "SELECT count(*) FROM narrative_daily")[0][0] > 0
        check_marts(con)
        check_views(con)
        refreshes = rows(con, "SELECT mode FROM mart_refresh ORDER BY refreshed_at")
    # the first publish builds everything, the next one only its day
    assert refreshes[0] == ("full",) and refreshes[-1] == ("days",)


def test_marts_and_views_on_synthetic_load(synthetic_warehouse: Path) -> None:
    with reader(synthetic_warehouse) as con:
        check_marts(con)
        check_views(con)


def test_a_full_rebuild_a_day_at_a_time_equals_the_whole_at_once(synthetic_warehouse: Path,
                                                                  tmp_path: Path) -> None:
    """The full rebuild goes a few batch days per pass (one pass over 10M posts ran out of
    memory); passes of one day must give the marts one pass over every day gives."""
    import shutil

    marts = ("mart_posts", "mart_post_regions", "mart_narrative_daily",
             "mart_narrative_region_daily", "mart_score_daily")
    tables = {}
    for chunk in (1, 10_000):
        copy = tmp_path / f"w{chunk}.duckdb"
        shutil.copyfile(synthetic_warehouse, copy)
        with writer(copy) as con:
            result = refresh_marts(con, full=True, chunk_days=chunk)
            assert len(result.days) > 1 and result.posts > 0
            tables[chunk] = {t: rows(con, f"SELECT * FROM {t} ORDER BY ALL") for t in marts}
            check_marts(con)
    assert tables[1] == tables[10_000]


def test_views_stay_exact_between_a_stage_and_the_next_refresh(
        synthetic_warehouse: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.duckdb"
    path.write_bytes(synthetic_warehouse.read_bytes())
    day = date(2026, 11, 20)
    with writer(path) as con:
        before = rows(con, "SELECT * FROM mart_narrative_region_daily ORDER BY ALL")
        # a rerun of one day that now stores fewer posts (a source withdrew some)
        gone = [r[0] for r in rows(con, f"""
            SELECT post_id FROM raw_posts WHERE batch_day = DATE '{day}' AND post_id NOT IN
            (SELECT duplicate_of FROM stg_posts WHERE duplicate_of IS NOT NULL)
            AND post_id IN (SELECT post_id FROM narrative_posts)
            ORDER BY post_id LIMIT 40""")]
        for table in ("narrative_posts", "post_scores", "post_regions", "stg_posts",
                      "raw_posts"):
            con.execute(f"DELETE FROM {table} WHERE post_id IN (SELECT unnest(?))", [gone])
        con.execute("UPDATE runs SET finished_at = ? WHERE day = ? AND stage = 'cluster'",
                    [datetime.now(UTC), day])
        # not refreshed yet: the marts are behind, the views are not
        assert rows(con, "SELECT batch_day FROM mart_stale_batches") == [(day,)]
        assert (day,) in rows(con, "SELECT day FROM mart_pending_days")
        assert rows(con, "SELECT * FROM mart_narrative_region_daily ORDER BY ALL") == before
        check_views(con)

        result = refresh_marts(con)
        assert result.mode == "days" and result.days == [day]
        check_marts(con)
        check_views(con)
        incremental = rows(con, "SELECT * FROM mart_narrative_region_daily ORDER BY ALL")
        assert incremental != before
        refresh_marts(con, full=True)
        assert rows(con, "SELECT * FROM mart_narrative_region_daily ORDER BY ALL") == incremental


def test_a_post_assigned_on_a_later_day_and_taken_back(synthetic_warehouse: Path,
                                                       tmp_path: Path) -> None:
    """The pending pool: clustering day D can assign a post of an earlier batch, and a rerun of
    D can take it back; the marts follow both."""
    path = tmp_path / "copy.duckdb"
    path.write_bytes(synthetic_warehouse.read_bytes())
    post_day, later = date(2026, 11, 18), date(2026, 11, 20)
    with writer(path) as con:
        post, narrative = rows(con, f"""
            SELECT (SELECT min(post_id) FROM mart_posts WHERE batch_day = DATE '{post_day}'
                    AND narrative_id IS NULL AND NOT is_duplicate),
                   (SELECT min(narrative_id) FROM narrative_dim)""")[0]

        def rerun_cluster_of_later_day() -> None:
            con.execute("UPDATE runs SET finished_at = ? WHERE day = ? AND stage = 'cluster'",
                        [datetime.now(UTC), later])

        con.execute("INSERT INTO narrative_posts VALUES (?, ?, ?, 0.7, 'join')",
                    [post, narrative, later])
        rerun_cluster_of_later_day()
        check_views(con)  # exact before the refresh too
        result = refresh_marts(con)
        assert post_day in result.days and later in result.days
        check_marts(con)
        assert rows(con, f"SELECT narrative_id FROM mart_posts WHERE post_id = '{post}'") \
            == [(narrative,)]

        con.execute("DELETE FROM narrative_posts WHERE post_id = ?", [post])
        rerun_cluster_of_later_day()
        result = refresh_marts(con)
        assert post_day in result.days
        check_marts(con)
        check_views(con)
        assert rows(con, f"SELECT narrative_id FROM mart_posts WHERE post_id = '{post}'") \
            == [(None,)]
