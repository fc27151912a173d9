"""The drop folder: each file ingested once, moved to processed/ or failed/, rerun does nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from pipelines.dag_tasks import run_task
from pipelines.drop_folder import list_pending, process_file
from pipelines.settings import Settings
from pipelines.stages.ingest import ingest

C = Path(__file__).parent.parent / "fixtures" / "connectors"
REPO = Path(__file__).resolve().parent.parent.parent
DAY = date(2026, 11, 20)
WA_NAME = "WhatsApp Chat with Grup Warga RT 05.txt"


@pytest.fixture(scope="module")
def empty_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty warehouse, made once: creating one takes seconds."""
    from warehouse.connection import writer

    path = tmp_path_factory.mktemp("wh") / "pantau.duckdb"
    with writer(path):
        pass
    return path


@pytest.fixture(autouse=True)
def _warehouse(settings: Settings, empty_warehouse: Path) -> None:
    shutil.copyfile(empty_warehouse, settings.warehouse_path)


def drop(settings: Settings, connector: str, source: Path, name: str | None = None) -> Path:
    folder = settings.inbox_dir / connector
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or source.name)
    shutil.copyfile(source, target)
    return target


def query(settings: Settings, sql: str, params: list[object] | None = None) -> list[tuple]:
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def day_counts(settings: Settings) -> tuple:
    (row,) = query(settings, "SELECT received, stored, duplicates, quarantined FROM runs"
                             " WHERE run_id = ?", [f"{DAY}:ingest"])
    return row


def test_files_are_processed_once_and_moved(settings: Settings) -> None:
    wa = drop(settings, "whatsapp-txt", C / "whatsapp" / WA_NAME)
    tweets = drop(settings, "auto", C / "x" / "search-banjir-demak.json")
    broken = drop(settings, "telegram-json", C / "csv" / "posts-pantau.csv", "result.json")
    drop(settings, "x-json", C / "x" / "timeline-blt.jsonl", ".still-copying.jsonl")
    drop(settings, "x-json", C / "x" / "timeline-blt.jsonl", "upload.jsonl.part")
    pending = list_pending(settings)
    assert pending == [("auto", tweets), ("telegram-json", broken), ("whatsapp-txt", wa)]

    results = [process_file(settings, DAY, c, p) for c, p in pending]
    assert [r["status"] for r in results] == ["processed", "failed", "processed"]
    assert results[0]["received"] == 5 and results[0]["stored"] == 5
    assert results[2]["received"] == 9 and results[2]["quarantined"] == 2
    assert "not readable JSON" in results[1]["error"]

    processed = settings.inbox_dir / "processed"
    assert (processed / "whatsapp-txt" / DAY.isoformat() / WA_NAME).exists()
    assert (processed / "auto" / DAY.isoformat() / "search-banjir-demak.json").exists()
    failed = settings.inbox_dir / "failed" / "telegram-json"
    assert (failed / "result.json").exists()
    assert "not readable JSON" in (failed / "result.json.error.txt").read_text(encoding="utf-8")
    assert not wa.exists() and not tweets.exists() and not broken.exists()

    # A rerun finds nothing to do; the temporary names were never touched.
    assert list_pending(settings) == []
    assert (settings.inbox_dir / "x-json" / "upload.jsonl.part").exists()

    stored = query(settings, "SELECT source_file, count(*) FROM raw_posts GROUP BY 1 ORDER BY 1")
    assert [(f.split("@")[0], n) for f, n in stored] == [
        ("drop:auto/search-banjir-demak.json", 5), (f"drop:whatsapp-txt/{WA_NAME}", 7)]
    (quarantined,) = query(settings, "SELECT count(*) FROM quarantine")
    assert quarantined == (2,)


def test_same_content_dropped_again_is_only_moved(settings: Settings) -> None:
    first = drop(settings, "whatsapp-txt", C / "whatsapp" / WA_NAME)
    assert process_file(settings, DAY, "whatsapp-txt", first)["status"] == "processed"
    again = drop(settings, "whatsapp-txt", C / "whatsapp" / WA_NAME)
    result = process_file(settings, date(2026, 11, 21), "whatsapp-txt", again)
    assert result["status"] == "already-ingested"
    assert not again.exists()
    moved = sorted(p.name for p in (settings.inbox_dir / "processed" / "whatsapp-txt")
                   .rglob("*.txt"))
    assert moved == [WA_NAME, WA_NAME]  # one per day folder
    assert query(settings, "SELECT count(*) FROM raw_posts") == [(7,)]
    # a file already moved by an earlier try of the task
    assert process_file(settings, DAY, "whatsapp-txt", first)["status"] == "missing"


def test_new_export_of_the_same_chat_adds_only_new_messages(settings: Settings,
                                                            tmp_path: Path) -> None:
    first = drop(settings, "whatsapp-txt", C / "whatsapp" / WA_NAME)
    process_file(settings, DAY, "whatsapp-txt", first)
    longer = tmp_path / WA_NAME
    longer.write_text((C / "whatsapp" / WA_NAME).read_text(encoding="utf-8")
                      + "21/11/26 08.00 - Bu Ratna: Pagi, air sudah normal lagi\n",
                      encoding="utf-8")
    result = process_file(settings, date(2026, 11, 21), "whatsapp-txt",
                          drop(settings, "whatsapp-txt", longer))
    assert result["status"] == "processed"
    assert (result["received"], result["stored"], result["duplicates"]) == (10, 1, 7)


def test_daily_inbox_rerun_keeps_drop_folder_rows_and_reconciles(settings: Settings) -> None:
    wa = drop(settings, "whatsapp-txt", C / "whatsapp" / WA_NAME)
    dropped = process_file(settings, DAY, "whatsapp-txt", wa)
    inbox = ingest(settings, DAY)  # <inbox>/2026-11-20/, as the daily DAG does after the drops
    expected = (inbox.received + dropped["received"],
                inbox.accepted_posts + len(inbox.fact_checks) + dropped["stored"],
                inbox.redelivered + dropped["duplicates"],
                inbox.quarantined + dropped["quarantined"])
    assert day_counts(settings) == expected
    assert expected[0] == sum(expected[1:])

    ingest(settings, DAY)  # rerun of the day's inbox
    assert day_counts(settings) == expected
    drop_rows = query(settings, "SELECT count(*) FROM raw_posts WHERE source_file LIKE 'drop:%'")
    assert drop_rows == [(7,)]

    # A file dropped after the day's ingest joins the day's reconciliation.
    late = drop(settings, "x-json", C / "x" / "search-banjir-demak.json")
    process_file(settings, DAY, "x-json", late)
    assert day_counts(settings) == (expected[0] + 5, expected[1] + 5, expected[2], expected[3])
    (reconciled,) = query(settings, "SELECT reconciled FROM run_summary WHERE day = ?", [DAY])
    assert reconciled == (True,)


def test_dag_helper_uses_the_jakarta_day(settings: Settings) -> None:
    wa = drop(settings, "whatsapp-txt", C / "whatsapp" / WA_NAME)
    # the run for the 20th has logical date 00:00 WIB on the 20th, i.e. 17:00 UTC on the 19th
    logical = datetime(2026, 11, 19, 17, 0, tzinfo=UTC)
    result = run_task("pantau_daily", "ingest_drop_folder", logical,
                      {"connector": "whatsapp-txt", "path": str(wa)})
    assert result["day"] == "2026-11-20" and result["status"] == "processed"
    json.dumps(result)  # small and serialisable: it travels as XCom


def test_dag_maps_one_task_per_file_before_ingest(tmp_path: Path) -> None:
    code = f"""
import os
os.environ["AIRFLOW_HOME"] = {str(tmp_path)!r}
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
from airflow.dag_processing.dagbag import DagBag
bag = DagBag(dag_folder={str(REPO / "dags" / "pantau_daily.py")!r})
assert not bag.import_errors, bag.import_errors
d = bag.dags["pantau_daily"]
mapped = d.get_task("ingest_drop_folder")
print("MAPPED", type(mapped).__name__)
print("UPSTREAM", sorted(d.get_task("ingest").upstream_task_ids))
print("LISTER", sorted(mapped.upstream_task_ids))
rule = d.get_task("ingest").trigger_rule
print("RULE", getattr(rule, "value", rule))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "MappedOperator" in done.stdout
    assert "UPSTREAM ['ingest_drop_folder']" in done.stdout
    assert "LISTER ['list_drop_folder']" in done.stdout
    assert "RULE none_failed" in done.stdout


def test_a_planted_symlink_is_refused_not_followed(settings: Settings, tmp_path: Path) -> None:
    secret = tmp_path / "pantau.toml"
    secret.write_text('telegram_bot_token = "123:rahasia"\n', encoding="utf-8")
    folder = settings.inbox_dir / "jsonl"
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "posts.jsonl"
    link.symlink_to(secret)
    assert list_pending(settings) == [("jsonl", link)]
    out = process_file(settings, DAY, "jsonl", link)
    assert out["status"] == "failed" and "symbolic link" in out["error"]
    parked = Path(out["moved_to"])
    assert parked.is_symlink() and not link.is_symlink()  # the link moved, the target stayed
    assert secret.read_text(encoding="utf-8").startswith("telegram_bot_token")
    assert "symbolic link" in parked.with_name(parked.name + ".error.txt").read_text()
    # nothing of the target reached the warehouse, not even as a quarantined record
    assert query(settings, "SELECT count(*) FROM raw_posts")[0][0] == 0
    assert query(settings, "SELECT count(*) FROM quarantine WHERE raw_record LIKE '%rahasia%'"
                 )[0][0] == 0


def test_a_move_never_overwrites_a_file_already_there(settings: Settings) -> None:
    from pipelines.fileio import move_no_replace

    processed = settings.inbox_dir / "processed" / "jsonl" / DAY.isoformat()
    processed.mkdir(parents=True)
    (processed / "posts.jsonl").write_text("earlier\n", encoding="utf-8")
    (processed / "posts-1.jsonl").write_text("earlier too\n", encoding="utf-8")
    src = drop(settings, "jsonl", C / "jsonl" / "optional-fields.jsonl", "posts.jsonl")
    body = src.read_bytes()
    target = move_no_replace(src, processed)
    assert target.name == "posts-2.jsonl" and target.read_bytes() == body
    assert (processed / "posts.jsonl").read_text(encoding="utf-8") == "earlier\n"
    assert (processed / "posts-1.jsonl").read_text(encoding="utf-8") == "earlier too\n"
    assert not src.exists()


def test_a_one_to_one_chat_named_after_a_number_leaves_no_trace_of_it(settings: Settings) -> None:
    # An export of a chat with one person is named after that person's number: the warehouse,
    # runs and the processed/ folder keep only a salted hash of it.
    private = "WhatsApp Chat with +62 812-3456-7890.txt"
    path = drop(settings, "whatsapp-txt", C / "whatsapp" / WA_NAME, private)
    result = process_file(settings, DAY, "whatsapp-txt", path)
    assert result["status"] == "processed" and result["received"] == 9
    assert "3456" not in json.dumps(result)
    moved = list((settings.inbox_dir / "processed" / "whatsapp-txt" / DAY.isoformat()).iterdir())
    assert [p.name.startswith("whatsapp-chat-") for p in moved] == [True]
    rows = query(settings, "SELECT DISTINCT source_file FROM raw_posts")
    details = query(settings, "SELECT detail FROM runs WHERE stage = 'ingest-drop'")
    assert rows and all("3456" not in r[0] for r in rows)
    assert details and all("3456" not in (d[0] or "") for d in details)
