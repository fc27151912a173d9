"""The marts layer: denormalised tables rebuilt from raw + staging (warehouse/sql/marts/).

`refresh_marts` runs when the pipeline publishes (and after a schema upgrade or a load
generation). It rebuilds only the batch days whose stages ran since the previous refresh, so a
daily refresh costs one day of data however large the warehouse is.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb

from warehouse.connection import transaction
from warehouse.migrations import _sql_files
from warehouse.sqlutil import scalar

MART_TABLES = ("mart_posts", "mart_post_regions", "mart_narrative_daily",
               "mart_narrative_region_daily", "mart_score_daily")


# How far back a day's clustering can reach for unassigned posts (the pending pool is
# PANTAU_NARRATIVE_PENDING_DAYS, 3 by default): older batches are compared with the marts.
ASSIGNMENT_WINDOW_DAYS = 31


MART_CHUNK_DAYS = 7


@dataclass(frozen=True)
class RefreshResult:
    mode: str
    days: list[date]
    posts: int
    seconds: float


def last_refresh(con: duckdb.DuckDBPyConnection) -> datetime | None:
    value: datetime | None = scalar(con, "SELECT max(refreshed_at) FROM mart_refresh")
    return value


def stale_days(con: duckdb.DuckDBPyConnection) -> list[date] | None:
    """Batch days changed since the last refresh; None when there never was one (rebuild all)."""
    since = last_refresh(con)
    if since is None:
        return None
    rows = con.execute("SELECT batch_day FROM mart_stale_batches ORDER BY 1").fetchall()
    return [r[0] for r in rows]


def refresh_marts(con: duckdb.DuckDBPyConnection, days: Iterable[date] = (),
                  full: bool = False, chunk_days: int = MART_CHUNK_DAYS) -> RefreshResult:
    """Rebuild the marts for `days` plus every stale day (everything when `full`), atomically,
    `chunk_days` batch days per pass."""
    started = time.perf_counter()
    refreshed_at = datetime.now(UTC)
    stale = None if full else stale_days(con)
    with transaction(con):
        if stale is None:
            mode = "full"
            for table in MART_TABLES:
                con.execute(f"DELETE FROM {table}")
            wanted = [r[0] for r in con.execute(
                "SELECT DISTINCT batch_day FROM raw_posts ORDER BY 1").fetchall()]
        else:
            mode = "days"
            wanted = sorted(set(stale) | set(days))
        con.execute("CREATE OR REPLACE TEMP TABLE _refresh_days AS"
                    " SELECT unnest(?::DATE[]) AS batch_day", [wanted])
        # Clustering a day can assign posts of earlier batches (the pending pool), and a
        # rerun of that day can take such an assignment back: refresh those batches too.
        con.execute("INSERT INTO _refresh_days SELECT DISTINCT s.batch_day FROM narrative_posts np"
                    " JOIN stg_posts s ON s.post_id = np.post_id"
                    " WHERE np.batch_day IN (SELECT batch_day FROM _refresh_days)"
                    " AND s.batch_day NOT IN (SELECT batch_day FROM _refresh_days)")
        con.execute(f"""
            INSERT INTO _refresh_days
            SELECT DISTINCT m.batch_day FROM mart_posts m
            LEFT JOIN narrative_posts np ON np.post_id = m.post_id
            WHERE m.narrative_id IS NOT NULL
              AND m.batch_day >= (SELECT min(batch_day) FROM _refresh_days)
                                 - {ASSIGNMENT_WINDOW_DAYS}
              AND m.batch_day NOT IN (SELECT batch_day FROM _refresh_days)
              AND np.narrative_id IS DISTINCT FROM m.narrative_id""")
        wanted = [r[0] for r in con.execute(
            "SELECT DISTINCT batch_day FROM _refresh_days ORDER BY 1").fetchall()]
        # A few batch days at a time: one pass over every day of a 10M-post warehouse built
        # hash tables for all of its posts at once and ran out of memory (over 10 GB). Each
        # pass recomputes the daily aggregates of the publication days it touches from what
        # mart_posts holds by then, so after the last pass they are whole.
        posts = 0
        sql_files = list(_sql_files("marts"))
        for first in range(0, len(wanted), max(1, chunk_days)):
            con.execute("CREATE OR REPLACE TEMP TABLE _refresh_days AS"
                        " SELECT unnest(?::DATE[]) AS batch_day",
                        [wanted[first:first + max(1, chunk_days)]])
            con.execute("CREATE OR REPLACE TEMP TABLE _affected_days (day DATE)")
            for _, sql in sql_files:
                con.execute(sql)
            posts += int(scalar(con, "SELECT count(*) FROM mart_posts WHERE batch_day IN"
                                " (SELECT batch_day FROM _refresh_days)"))
        seconds = time.perf_counter() - started
        con.execute("INSERT INTO mart_refresh VALUES (?, ?, ?, ?, ?)",
                    [refreshed_at, mode, wanted, posts, round(seconds, 3)])
        con.execute("DROP TABLE IF EXISTS _refresh_days")
        con.execute("DROP TABLE IF EXISTS _affected_days")  # none when no day is wanted
    return RefreshResult(mode, wanted, posts, seconds)


def has_posts(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(scalar(con, "SELECT EXISTS (SELECT 1 FROM raw_posts)"))


def marts_need_rebuild(con: duckdb.DuckDBPyConnection) -> bool:
    """After a migration: posts exist but the marts were never built, or one is new (empty)."""
    if not has_posts(con):
        return False
    if last_refresh(con) is None:
        return True
    return any(not scalar(con, f"SELECT EXISTS (SELECT 1 FROM {table})")
               for table in MART_TABLES)
