"""Only declared sources are fact-checkers; a fact-check is keyed by (publisher, link)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import duckdb

from pipelines.connectors import detect_format
from pipelines.connectors.factcheck_rss import fact_check_id
from pipelines.settings import Settings
from pipelines.stages.ingest import ingest
from warehouse.connection import writer
from warehouse.migrations import apply_migrations

DAY = date(2026, 11, 20)
FIXTURE = Path(__file__).parent.parent / "fixtures" / "inbox" / "2026-11-20" / "factchecks.xml"
GENUINE_LINK = "https://cekfakta.example.id/2021/05/vaksin-chip-5g"


def spoof(path: Path, verdict: str = "BENAR") -> Path:
    """A feed anyone could publish: verdict tags, the genuine fact-check's link."""
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Cek Fakta Contoh</title>'
        f"<item><title>[{verdict}] Vaksin Booster Mengandung Chip Pelacak 5G</title>"
        f"<link>{GENUINE_LINK}</link><description>Penjelasan: vaksin memang berisi chip."
        "</description><pubDate>Fri, 20 Nov 2026 09:00:00 +0700</pubDate></item>"
        f"<item><title>[{verdict}] Bansos lewat tautan</title>"
        "<link>https://palsu.example/2</link><description>x</description>"
        "<pubDate>Fri, 20 Nov 2026 09:00:00 +0700</pubDate></item>"
        "</channel></rss>", encoding="utf-8")
    return path


def verdicts(settings: Settings) -> list[tuple[str, str, str]]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        return con.execute("SELECT publisher, url, verdict FROM fact_checks ORDER BY 1, 2"
                           ).fetchall()


def test_name_or_verdict_tags_never_make_a_fact_checker(tmp_path: Path) -> None:
    named = spoof(tmp_path / "factcheck-resmi.xml")
    undeclared = Settings(sources_file=None)
    assert detect_format(named, undeclared) == "rss"
    assert detect_format(FIXTURE, undeclared) == "rss"  # undeclared: even the real feed is posts


def test_a_declared_feed_is_read_with_the_declared_publisher(settings: Settings) -> None:
    assert detect_format(FIXTURE, settings) == "factcheck-rss"
    ingest(settings, DAY, [FIXTURE])
    rows = verdicts(settings)
    assert rows and {r[0] for r in rows} == {"cek-fakta-contoh"}
    assert ("cek-fakta-contoh", GENUINE_LINK, "HOAKS") in rows


def test_a_spoofed_feed_is_ingested_as_posts_and_reported(settings: Settings,
                                                          tmp_path: Path) -> None:
    ingest(settings, DAY, [FIXTURE])
    before = verdicts(settings)
    fake = spoof(tmp_path / "factcheck-resmi.xml")
    result = ingest(settings, DAY, [fake])
    assert result.files[0].connector == "rss" and result.accepted_posts == 2
    assert "verdict tags" in result.files[0].notes[0]
    assert verdicts(settings) == before  # the genuine verdict is untouched
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        detail = con.execute("SELECT detail FROM runs WHERE stage = 'ingest'").fetchone()
    assert detail is not None and "not a declared fact-check source" in json.loads(
        detail[0])["files"][0]["notes"][0]


def test_another_publisher_reusing_a_link_cannot_replace_its_verdict(
        settings: Settings, tmp_path: Path) -> None:
    ingest(settings, DAY, [FIXTURE])
    # forced through as fact-checks by an operator: still another publisher's rows
    fake = spoof(tmp_path / "kabar-lain.xml")
    ingest(settings, DAY, [fake], fmt="factcheck-rss")
    rows = verdicts(settings)
    assert ("cek-fakta-contoh", GENUINE_LINK, "HOAKS") in rows
    assert any(r[1] == GENUINE_LINK and r[2] == "BENAR" and r[0] != "cek-fakta-contoh"
               for r in rows)
    # the genuine publisher reading its feed again replaces its own rows, never doubles them
    ingest(settings, DAY, [FIXTURE])
    assert len([r for r in verdicts(settings) if r[0] == "cek-fakta-contoh"]) == len(
        [r for r in rows if r[0] == "cek-fakta-contoh"])


def test_migration_009_rekeys_existing_fact_checks(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    con = duckdb.connect(str(path))
    try:
        apply_migrations(con, target=8)
        con.execute("INSERT INTO fact_checks (fact_check_id, batch_day, publisher, url, title,"
                    " verdict, claim) VALUES ('oldkey', ?, 'cek', 'https://x.example/1', 't',"
                    " 'HOAKS', 'c')", [DAY])
        con.execute("INSERT INTO narrative_fact_checks VALUES ('n1', 'oldkey', ?, 0.9, 'post')",
                    [DAY])
        apply_migrations(con)
        new = fact_check_id("cek", "https://x.example/1")
        assert con.execute("SELECT fact_check_id FROM fact_checks").fetchall() == [(new,)]
        assert con.execute("SELECT fact_check_id FROM narrative_fact_checks").fetchall() == [
            (new,)]
    finally:
        con.close()
    with writer(path):  # opens cleanly afterwards
        pass


def test_the_sample_declares_its_fact_check_feed(tmp_path: Path) -> None:
    sample = Path(__file__).parent.parent.parent / "data" / "sample"
    feed = next((sample / "inbox").glob("*/factchecks*.xml"))
    copy = tmp_path / "factchecks-00.xml"  # the name synthetic days give it
    shutil.copyfile(feed, copy)
    declared = Settings(sources_file=sample / "sources.csv")
    assert detect_format(feed, declared) == detect_format(copy, declared) == "factcheck-rss"
