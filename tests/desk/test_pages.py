"""The desk's precomputed pages (desk/pages.py) say exactly what the live queries say, for every
narrative and scope of the fixture; and the search index (desk/search.py) finds what the scan
finds."""

from __future__ import annotations

import duckdb
import pytest

from desk.pages import precomputed
from desk.search import index_path, refresh_index, search_ids
from pipelines.daily import run_stage
from warehouse.queries import fetch_dicts

# page part -> (live query, precomputed query)
PARTS = {
    "narrative": ("desk_narrative", "desk_page_narrative"),
    "regions": ("desk_narrative_regions", "desk_page_regions"),
    "trend": ("brief_narrative_trend", "desk_page_trend"),
    "posts": ("desk_narrative_posts", "desk_page_posts"),
    "fact_checks": ("desk_narrative_fact_checks", "desk_page_fact_checks"),
    "countered": ("brief_countered", "desk_page_countered"),
    "effect": ("desk_narrative_effect", "desk_page_effect"),
    "in_scope": ("desk_narrative_in_scope", "desk_page_in_scope"),
}


@pytest.fixture
def snapshot(desk):  # type: ignore[no-untyped-def]
    from conftest import DAY

    out = run_stage("publish", desk.settings, DAY)  # desk users exist now: their scopes too
    assert "error" not in str(out)
    con = duckdb.connect(str(desk.home / "pantau_snapshot.duckdb"), read_only=True)
    yield desk, con
    con.close()


def test_precomputed_pages_equal_the_live_queries(snapshot) -> None:  # type: ignore[no-untyped-def]
    from conftest import DAY

    _, con = snapshot
    day, scopes = precomputed(con)
    assert day == DAY and scopes == ["", "33", "35"]
    ids = [r[0] for r in con.execute("SELECT narrative_id FROM narrative_dim").fetchall()]
    assert len(ids) >= 3
    compared = 0
    for nid in ids:
        for scope in (None, "33", "35"):
            params = {"narrative_id": nid, "day": DAY, "scope": scope or None, "limit": 10,
                      "province": scope}
            for part, (live, pre) in PARTS.items():
                if part == "in_scope" and scope is None:
                    continue
                wanted = {k: v for k, v in params.items() if f"${k}" in _text(live)}
                got = {k: v for k, v in params.items() if f"${k}" in _text(pre)}
                assert fetch_dicts(con, pre, got) == fetch_dicts(con, live, wanted), (part, nid,
                                                                                       scope)
                compared += 1
    assert compared > 50
    for scope in scopes:
        live = fetch_dicts(con, "brief_top_narratives",
                           {"day": DAY, "scope": scope or None, "limit": 50})
        assert fetch_dicts(con, "desk_page_today", {"scope": scope}) == live
    assert fetch_dicts(con, "desk_page_today", {"scope": "33"})  # Jawa Tengah has narratives


def _text(name: str) -> str:
    from warehouse.queries import query_text

    return query_text(name)


def test_the_search_index_finds_what_the_scan_finds(snapshot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desk.data import like_pattern

    desk, con = snapshot
    path = index_path(tmp_path)
    assert search_ids(path, "pdam", 50) is None  # no index yet: the desk scans
    first = refresh_index(path, con)
    feed = con.execute("SELECT count(*) FROM raw_posts JOIN stg_posts USING (post_id)").fetchone()
    assert first["full"] and first["added_rows"] == feed[0] > 0
    again = refresh_index(path, con)  # nothing new since: nothing added twice
    assert not again["full"] and again["added_rows"] == 0
    for q in ("PDAM", "pdam semarang", "vaksin", "<script", "100%", "a_b", "xyzzy-none"):
        scan = {r["post_id"] for r in fetch_dicts(con, "desk_search",
                                                  {"pattern": like_pattern(q), "limit": 10_000})}
        found = search_ids(path, q, 10_000)
        assert found is not None and set(found) == scan, q
        assert len(found) == len(set(found))
    assert search_ids(path, 'x" OR "a', 50) == []  # FTS5 syntax in the query is literal text
    newest = search_ids(path, "pdam", 3)
    rows = fetch_dicts(con, "desk_search_posts", {"post_ids": newest})
    days = [r["day"] for r in rows]
    assert days == sorted(days, reverse=True)
