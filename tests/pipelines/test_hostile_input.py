"""One record never stops a file: depth limits, per-record exceptions, bounded readers.

Each test here failed on the code before issue 13 (RecursionError out of the ingest, lines held
whole in memory, every quarantined row kept in a list).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pipelines import ingest_parse as ingest_stage
from pipelines.connectors import CONNECTORS, ConnectorError, ParsedRecord
from pipelines.connectors.text_files import iter_text_lines
from pipelines.settings import Settings
from pipelines.stages.ingest import ingest, parse_files

DAY = date(2026, 11, 20)
POST = {"text": "Banjir di Demak, tanggul jebol", "published_at": "2026-11-20T07:00:00+07:00",
        "source": "uji", "platform": "facebook"}


def post(i: int) -> str:
    return json.dumps({**POST, "id": str(i), "text": f"{POST['text']} {i}"})


def counts(result: Any) -> tuple[int, int, int, int]:
    return (result.received, result.accepted_posts + len(result.fact_checks),
            result.redelivered, result.quarantined)


def test_a_line_of_100k_brackets_is_quarantined_and_the_file_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text("\n".join([post(1), "[" * 100_000, '{"a":' * 100 + "1" + "}" * 100,
                               post(2)]) + "\n", encoding="utf-8")
    result = parse_files([path], DAY, "jsonl", settings=Settings())
    assert counts(result) == (4, 2, 0, 2)
    reasons = [q["reason"] for q in result.quarantine]
    assert all("nested deeper than 64 levels" in r for r in reasons), reasons


def test_a_telegram_message_50000_deep_costs_that_message_only(tmp_path: Path) -> None:
    deep = '{"x":' * 50_000 + "1" + "}" * 50_000
    messages = [
        json.dumps({"id": 1, "type": "message", "date": "2026-11-20T07:00:00",
                    "text": "pesan satu"}),
        '{"id": 2, "type": "message", "date": "2026-11-20T07:01:00", "text": "dua", '
        f'"entities": {deep}}}',
        json.dumps({"id": 3, "type": "message", "date": "2026-11-20T07:02:00",
                    "text": "pesan tiga"}),
    ]
    path = tmp_path / "result.json"
    path.write_text('{"name": "Kanal Uji", "type": "public_channel", "id": 1, "messages": ['
                    + ",".join(messages) + "]}", encoding="utf-8")
    result = parse_files([path], DAY, "telegram-json", settings=Settings())
    assert counts(result) == (3, 2, 0, 1)
    assert "nested deeper than" in result.quarantine[0]["reason"]
    assert result.quarantine[0]["line_no"] == 2


def test_an_exception_in_validation_is_that_records_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = ingest_stage.validate_post

    def flaky(fields: dict[str, Any]) -> dict[str, Any]:
        if fields.get("id") == "2":
            raise RecursionError("maximum recursion depth exceeded")
        if fields.get("id") == "3":
            raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
        return real(fields)

    monkeypatch.setattr(ingest_stage, "validate_post", flaky)
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(post(i) for i in range(1, 5)) + "\n", encoding="utf-8")
    result = parse_files([path], DAY, "jsonl", settings=Settings())
    assert counts(result) == (4, 2, 0, 2)
    assert [q["reason"].split(" (")[0] for q in result.quarantine] == [
        "record nested too deeply to read", "unreadable record"]
    assert "UnicodeEncodeError" in result.quarantine[1]["reason"]


def test_a_connector_that_blows_up_mid_file_keeps_what_it_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Exploding:
        name = "jsonl"

        def parse(self, path: Path, settings: Settings) -> Iterator[ParsedRecord]:
            yield ParsedRecord(raw="1", line_no=1, fields=json.loads(post(1)))
            raise MemoryError("no more")

    monkeypatch.setitem(CONNECTORS, "jsonl", Exploding())
    path = tmp_path / "p.jsonl"
    path.write_text(post(1) + "\n", encoding="utf-8")
    result = parse_files([path], DAY, "jsonl", settings=Settings())
    assert counts(result) == (2, 1, 0, 1)
    assert result.quarantine[0]["reason"].startswith("reading stopped: unreadable record "
                                                     "(MemoryError")
    assert result.quarantine[0]["line_no"] == 2


def test_an_over_long_line_is_quarantined_without_being_held(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(post(1) + "\n")
        handle.write('{"text": "' + "x" * 300_000 + '"}\n')
        handle.write(post(2) + "\n")
    lines = list(iter_text_lines(path, 64 * 1024))
    result = parse_files([path], DAY, "jsonl", settings=Settings(max_line_bytes=64 * 1024))
    assert [len(text) for _, text, _ in lines][1] == 64 * 1024  # the rest was skipped
    assert lines[2][1] == post(2)
    assert counts(result) == (3, 2, 0, 1)
    assert "line longer than 65536 bytes" in result.quarantine[0]["reason"]


def test_format_detection_reads_a_bounded_prefix_of_a_file_without_newlines(
        tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"a" * (8 * 1024 * 1024))
    from pipelines.connectors import detect_format

    with pytest.raises(ConnectorError, match="not a WhatsApp chat export"):
        detect_format(path, Settings(max_line_bytes=1024 * 1024))


def test_whatsapp_continuation_lines_stay_bounded(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with Grup Besar.txt"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("20/11/26 08.00 - Budi: mulai\n")
        for _ in range(3_000):
            handle.write("lanjutan " * 100 + "\n")
        handle.write("20/11/26 08.05 - Ani: pesan biasa\n")
    records = list(CONNECTORS["whatsapp-txt"].parse(path, Settings()))
    assert len(records) == 2
    assert len(records[0].raw) <= 20_000
    assert len(records[0].fields["text"]) <= 100_000 + 2_000  # type: ignore[index]
    result = parse_files([path], DAY, "whatsapp-txt", settings=Settings())
    assert counts(result) == (2, 1, 0, 1)
    assert "text" in result.quarantine[0]["reason"]


def test_quarantine_rows_are_handed_on_in_batches(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(["not json"] * 250 + [post(1)]) + "\n", encoding="utf-8")
    batches: list[int] = []
    result = parse_files([path], DAY, "jsonl", batch_size=100,
                         on_quarantine=lambda rows: batches.append(len(rows)), settings=Settings())
    assert batches == [100, 100, 50]
    assert len(result.quarantine) == ingest_stage.QUARANTINE_SAMPLE  # a sample for display
    assert counts(result) == (251, 1, 0, 250)


def test_a_file_over_the_size_limit_is_quarantined_unread_and_the_day_goes_on(
        settings: Settings, tmp_path: Path) -> None:
    big, good = tmp_path / "big.jsonl", tmp_path / "good.jsonl"
    big.write_text(post(1) * 100 + "\n", encoding="utf-8")
    good.write_text(post(2) + "\n", encoding="utf-8")
    small = settings.model_copy(update={"max_file_bytes": 1000})
    result = ingest(small, DAY, [big, good])
    assert counts(result) == (2, 1, 0, 1)  # the big file is one record, refused whole
    (refused,) = [f for f in result.files if f.refused]
    assert refused.path.endswith("big.jsonl") and refused.received == 1
    assert refused.refused and "over the limit of 1,000" in refused.refused
    assert "PANTAU_MAX_FILE_BYTES" in refused.refused
    import duckdb

    with duckdb.connect(str(small.warehouse_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM raw_posts").fetchone() == (1,)
        ((file, reason),) = con.execute("SELECT source_file, reason FROM quarantine").fetchall()
    assert file == "big.jsonl" and reason.startswith("file refused: big.jsonl is ")


def test_a_stray_file_in_the_inbox_is_quarantined_and_the_day_goes_on(
        settings: Settings) -> None:
    """A spreadsheet whose columns no connector knows, dropped in the day's inbox folder, is one
    quarantined record saying what to do; the day's other files are ingested as always."""
    from pipelines.daily import run_stage
    from warehouse.connection import reader

    before = run_stage("ingest", settings, DAY)
    with reader(settings.warehouse_path) as con:
        posts = con.execute("SELECT count(*) FROM raw_posts").fetchone()
    stray = settings.inbox_dir / DAY.isoformat() / "rekap-hoaks.csv"
    stray.write_text("header,link,tag\nx,https://contoh.id,SALAH\n", encoding="utf-8")
    done = run_stage("ingest", settings, DAY)  # the day again, with the stray file
    assert done["received"] == before["received"] + 1
    assert done["quarantined"] == before["quarantined"] + 1
    assert list(done["refused"]) == ["rekap-hoaks.csv"]
    (why,) = done["refused"].values()
    assert "its columns: header, link, tag" in why and "PANTAU_CSV_MAPPING" in why
    with reader(settings.warehouse_path) as con:
        assert con.execute("SELECT count(*) FROM raw_posts").fetchone() == posts
        assert con.execute("SELECT reconciled FROM run_summary WHERE day = ?",
                           [DAY]).fetchone() == (True,)
        (row,) = con.execute("SELECT source_file, line_no, reason FROM quarantine"
                             " WHERE source_file = 'rekap-hoaks.csv'").fetchall()
    assert row[1] is None and row[2].startswith("file refused: Cannot tell the format")


def test_every_finished_file_in_the_inbox_is_read_or_refused_never_passed_over(
        settings: Settings) -> None:
    """A workbook is read; a PDF (or any name no connector reads) is refused with the reason;
    what is still being written or is hidden (a browser's .crdownload, Excel's ~$ lock file,
    .DS_Store) is left for later."""
    from openpyxl import Workbook

    from pipelines.daily import run_stage

    before = run_stage("ingest", settings, DAY)
    folder = settings.inbox_dir / DAY.isoformat()
    book = Workbook()
    book.active.append(["isi", "tanggal", "kanal"])
    book.active.append(["Pesan berantai: BLT Rp600 ribu cair lewat link", "2026-11-20 07:00",
                        "wa-kim"])
    book.save(folder / "laporan-kim.xlsx")
    (folder / "surat-edaran.pdf").write_bytes(b"%PDF-1.7\n")
    for name in ("unduhan.jsonl.crdownload", "~$laporan-kim.xlsx", ".DS_Store"):
        (folder / name).write_bytes(b"\x00")
    done = run_stage("ingest", settings, DAY)
    assert done["received"] == before["received"] + 2
    assert done["quarantined"] == before["quarantined"] + 1
    assert list(done["refused"]) == ["surat-edaran.pdf"]
    assert "Cannot tell the format of surat-edaran.pdf" in done["refused"]["surat-edaran.pdf"]


def test_the_parser_still_refuses_a_big_file_by_raising_for_the_drop_folder(
        tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(post(1) * 100 + "\n", encoding="utf-8")
    with pytest.raises(ConnectorError, match=r"over the limit of 1,000 .*PANTAU_MAX_FILE_BYTES"):
        parse_files([path], DAY, "jsonl", settings=Settings(max_file_bytes=1000))


def test_ingest_of_a_hostile_line_commits_the_rest(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([post(1), "[" * 100_000, post(2)]) + "\n", encoding="utf-8")
    result = ingest(settings, DAY, [path])
    assert counts(result) == (3, 2, 0, 1)
    import duckdb

    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM raw_posts").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM quarantine").fetchone() == (1,)
