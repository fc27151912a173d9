"""A regional briefing's data-quality line names only that region's silent sources."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from warehouse.connection import writer
from warehouse.queries import fetch_dicts

DAY = date(2026, 11, 21)
# source -> home_region (None: a national source)
SOURCES = {"diskominfo-jateng": "33", "kim-semarang": "33.74", "grup-klaten": "33.10",
           "diskominfo-diy": "34", "diskominfo-dki": "31", "tipline-nasional": None,
           "diskominfo-jateng-aktif": "33"}


def silent(home: Path, scope: str | None) -> list[str]:
    with writer(home / "pantau.duckdb") as con:
        row = fetch_dicts(con, "brief_data_quality", {"day": DAY, "scope": scope})[0]
    return list(row["silent_sources"] or [])


def test_silent_sources_follow_the_briefing_scope(tmp_path: Path) -> None:
    now = datetime(2026, 11, 21, tzinfo=UTC)
    with writer(tmp_path / "pantau.duckdb") as con:
        for source, region in SOURCES.items():
            con.execute("INSERT INTO sources VALUES (?, 'facebook', ?, false, NULL)",
                        [source, region])
            # every source posted on the 5 days before DAY; only one of them posts on DAY
            days = [DAY - timedelta(days=k) for k in range(1, 6)]
            if source == "diskominfo-jateng-aktif":
                days.append(DAY)
            for d in days:
                con.execute(
                    "INSERT INTO raw_posts (post_id, batch_day, source, source_id, text,"
                    " published_at, received_at, connector)"
                    " VALUES (?, ?, ?, ?, 'teks', ?, ?, 'jsonl')",
                    [f"{source}-{d}", d, source, str(d), now, now])
    national = silent(tmp_path, None)
    assert national == sorted(set(SOURCES) - {"diskominfo-jateng-aktif"})
    # Jawa Tengah: its own sources and those of its kabupaten/kota, not DIY, DKI or national
    assert silent(tmp_path, "33") == ["diskominfo-jateng", "grup-klaten", "kim-semarang"]
    # Kota Semarang: its own source and the province's, not another kabupaten's
    assert silent(tmp_path, "33.74") == ["diskominfo-jateng", "kim-semarang"]
    assert silent(tmp_path, "34") == ["diskominfo-diy"]
