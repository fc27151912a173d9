"""narrative_response_effect: posts per day before vs after the first response in a region, the
change with a Poisson interval, and "too early" with too little data. Synthetic counts in an
in-memory warehouse with the real schema and views."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pytest

from warehouse.migrations import apply_migrations, create_views

START = date(2026, 11, 1)


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    apply_migrations(c)
    create_views(c)
    c.execute("INSERT INTO regions VALUES ('33', 'Jawa Tengah', 'Jateng', 'province', '33',"
              " 0, 0, 0), ('35', 'Jawa Timur', 'Jatim', 'province', '35', 0, 0, 0)")
    return c


def _narrative(con: duckdb.DuckDBPyConnection, nid: str, region: str,
               daily: list[int]) -> None:
    con.execute("INSERT INTO narrative_dim (narrative_id, created_day, updated_day, n_members,"
                " flagged) VALUES (?, ?, ?, ?, true) ON CONFLICT DO NOTHING",
                [nid, START, START, sum(daily)])
    for i, n in enumerate(daily):
        con.execute("INSERT INTO mart_narrative_region_daily VALUES (?, ?, 'x', 'province', ?,"
                    " ?, ?, ?, 0, ?)", [nid, region, region, START + timedelta(days=i), n, n, n])


def _approve(con: duckdb.DuckDBPyConnection, nid: str, region: str | None, day: date) -> None:
    con.execute("INSERT INTO desk_counter_messages (message_id, narrative_id, region_code, text,"
                " status, drafted_by, drafted_at, approved_by, approved_at, approved_day) VALUES"
                " ((SELECT count(*) + 1 FROM desk_counter_messages), ?, ?, 'pesan', 'approved',"
                " 'ana', now(), 'kepa', now(), ?)", [nid, region, day])


def _last_day(con: duckdb.DuckDBPyConnection, day: date) -> None:
    con.execute("INSERT INTO runs (run_id, day, stage, status, started_at) VALUES"
                " ('r', ?, 'publish', 'success', now())", [day])


def _effect(con: duckdb.DuckDBPyConnection, nid: str, region: str) -> dict:  # type: ignore[type-arg]
    cur = con.execute("SELECT * FROM narrative_response_effect WHERE narrative_id = ? AND"
                      " region_code = ?", [nid, region])
    row = cur.fetchone()
    assert row is not None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def test_a_clear_fall_after_an_approved_counter_message(con: duckdb.DuckDBPyConnection) -> None:
    # 20 posts a day for 7 days, the message approved on day 8, then 4 a day for 7 days
    _narrative(con, "N1", "33", [20] * 7 + [10] + [4] * 7)
    _approve(con, "N1", "33", START + timedelta(days=7))
    _last_day(con, START + timedelta(days=14))
    e = _effect(con, "N1", "33")
    assert (e["days_before"], e["posts_before"], e["days_after"], e["posts_after"]) == \
        (7, 140, 7, 28)
    assert e["response_kind"] == "counter_message"
    assert e["change"] == pytest.approx(-0.8)
    assert e["change_low"] < e["change"] < e["change_high"] < 0
    assert e["assessment"] == "fell"


def test_no_clear_change_with_noisy_small_counts(con: duckdb.DuckDBPyConnection) -> None:
    _narrative(con, "N2", "33", [2, 1, 2, 1, 2, 1, 2, 0, 1, 2, 1, 2, 1, 1, 2])
    _approve(con, "N2", None, START + timedelta(days=7))  # a national message counts here too
    _last_day(con, START + timedelta(days=14))
    e = _effect(con, "N2", "33")
    assert e["change_low"] < 0 < e["change_high"]
    assert e["assessment"] == "no_clear_change"


def test_too_early_to_tell(con: duckdb.DuckDBPyConnection) -> None:
    _narrative(con, "N3", "35", [30] * 7 + [5, 5])
    _approve(con, "N3", "35", START + timedelta(days=7))
    _last_day(con, START + timedelta(days=8))  # one day after the response only
    e = _effect(con, "N3", "35")
    assert e["days_after"] == 1
    assert e["assessment"] == "too_early" and e["change"] is None


def test_the_first_response_counts_and_other_regions_are_apart(
        con: duckdb.DuckDBPyConnection) -> None:
    _narrative(con, "N4", "33", [10] * 15)
    _narrative(con, "N4", "35", [10] * 15)
    _approve(con, "N4", "33", START + timedelta(days=9))
    con.execute("INSERT INTO desk_countered VALUES ('N4', '33', 'https://x.id', 'ana', now(), ?)",
                [START + timedelta(days=5)])
    _last_day(con, START + timedelta(days=14))
    e = _effect(con, "N4", "33")
    assert e["response_day"] == START + timedelta(days=5)
    assert e["response_kind"] == "marked_countered"
    assert e["assessment"] == "no_clear_change"  # a flat series did not change
    assert con.execute("SELECT count(*) FROM narrative_response_effect WHERE region_code ="
                       " '35'").fetchone() == (0,)  # no response in Jawa Timur
