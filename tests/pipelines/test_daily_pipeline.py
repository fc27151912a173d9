"""The whole daily pipeline on the small fixture inbox, through the same functions as the CLI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from models.promotion import bootstrap
from pipelines.daily import run_day
from pipelines.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures"
DAYS = (date(2026, 11, 20), date(2026, 11, 21))


def _counts(settings: Settings) -> dict[str, object]:
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        out: dict[str, object] = {}
        for table in ("raw_posts", "stg_posts", "quarantine", "fact_checks", "post_regions",
                      "post_scores", "narrative_posts", "narrative_dim", "embeddings", "runs"):
            (out[table],) = con.execute(f"SELECT count(*) FROM {table}").fetchone() or (0,)
        out["narrative_ids"] = sorted(r[0] for r in con.execute(
            "SELECT narrative_id FROM narrative_dim").fetchall())
        out["summary"] = con.execute(
            "SELECT day, received, stored, duplicates, quarantined, reconciled FROM run_summary"
            " ORDER BY day").fetchall()
        return out
    finally:
        con.close()


@pytest.fixture
def ran(settings: Settings, embedder) -> Settings:  # type: ignore[no-untyped-def]
    bootstrap(settings, FIXTURES / "labels.csv")
    for day in DAYS:
        run_day(settings, day)
    return settings


def test_counts_reconcile_and_bad_records_are_quarantined(ran: Settings) -> None:
    counts = _counts(ran)
    summary = counts["summary"]
    assert isinstance(summary, list)
    day1 = summary[0]
    # 14 JSONL lines + 2 news items + 3 fact-check items
    assert day1[1] == 19
    assert all(row[5] for row in summary), summary
    con = duckdb.connect(str(ran.warehouse_path), read_only=True)
    reasons = {r[0] for r in con.execute("SELECT reason FROM quarantine").fetchall()}
    con.close()
    assert any("invalid JSON" in r for r in reasons)
    assert any("empty 'text'" in r for r in reasons)
    assert any("expected a JSON object" in r for r in reasons)
    assert any("VERDICT" in r for r in reasons)


def test_duplicates_link_to_first_occurrence_and_are_not_embedded(ran: Settings) -> None:
    con = duckdb.connect(str(ran.warehouse_path), read_only=True)
    dup = con.execute("SELECT duplicate_of FROM posts WHERE post_id = 'fb-grup-info-solo:fb2'")\
        .fetchone()
    canonical = con.execute(
        "SELECT count(DISTINCT content_hash) FROM stg_posts WHERE duplicate_of IS NULL")\
        .fetchone()
    embedded = con.execute("SELECT count(*) FROM embeddings WHERE content_hash IN"
                           " (SELECT content_hash FROM stg_posts)").fetchone()
    near_embedded = con.execute(
        "SELECT count(*) FROM embeddings WHERE content_hash IN (SELECT content_hash FROM"
        " stg_posts WHERE duplicate_kind = 'near')").fetchone()
    con.close()
    assert dup == ("fb-grup-info-solo:fb1",)
    assert embedded == canonical  # each distinct text once
    assert near_embedded == (0,)


def test_rerunning_days_is_idempotent_and_keeps_narrative_ids(ran: Settings) -> None:
    before = _counts(ran)
    for day in DAYS:
        run_day(ran, day)
    assert _counts(ran) == before


def test_hoax_narratives_are_found_flagged_and_briefed(ran: Settings) -> None:
    con = duckdb.connect(str(ran.warehouse_path), read_only=True)
    narratives = con.execute(
        "SELECT narrative_id, label, posts, flagged, matched_fact_check_url FROM narratives")\
        .fetchall()
    regions = con.execute(
        "SELECT DISTINCT region_code FROM narrative_region_daily").fetchall()
    # Every assignment counts once in the daily view, whichever day it was made on.
    daily_total = con.execute("SELECT sum(posts) FROM narrative_daily").fetchone()
    assigned = con.execute("SELECT count(*) FROM narrative_posts").fetchone()
    assert daily_total == assigned
    con.close()
    assert narratives, "the vaccine-chip posts should form a narrative"
    flagged = [n for n in narratives if n[3]]
    assert flagged
    assert any(n[4] == "https://cekfakta.example.id/2021/05/vaksin-chip-5g" for n in narratives)
    assert ("33",) in regions  # Jawa Tengah, from "Semarang"/"Solo" and the source prior
    html = (ran.reports_dir / "2026-11-21" / "briefing-nasional.html").read_text()
    for section in ("ringkasan", "narasi", "wilayah", "saran-respons", "metodologi"):
        assert f'id="{section}"' in html
    assert "Jawa Tengah" in html
    txt = (ran.reports_dir / "2026-11-21" / "briefing-nasional.txt").read_text()
    assert len(txt) < 3500 and "Briefing Harian Pantau" in txt
