"""Excel workbooks (`xlsx`): the sheets KIM groups keep their logs in, and what a broken or
hostile workbook costs (that file, or that sheet's rest; never the ingest)."""

from __future__ import annotations

import time
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from pipelines.connectors import ConnectorError, detect_format
from pipelines.connectors.xlsx import XlsxConnector
from pipelines.post_contract import InvalidRecord, validate_post
from pipelines.settings import Settings

XLSX = Path(__file__).parent.parent / "fixtures" / "connectors" / "xlsx"


def _records(path: Path, settings: Settings | None = None) -> list[tuple[int, str | dict]]:
    out: list[tuple[int, str | dict]] = []
    for r in XlsxConnector().parse(path, settings or Settings()):
        if r.fields is None:
            out.append((r.line_no, r.reason or ""))
            continue
        try:
            out.append((r.line_no, validate_post(r.fields)))
        except InvalidRecord as exc:  # what the post contract quarantines
            out.append((r.line_no, str(exc)))
    return out


def test_every_sheet_of_a_kim_log_is_read_with_its_cell_types() -> None:
    results = _records(XLSX / "laporan-kim.xlsx")
    posts = [r for _, r in results if isinstance(r, dict)]
    assert [p["source"] for p in posts] == ["wa-grup-rt05", "fb-info-warga", "wa-grup-pkk"]
    first, second, third = posts
    # a date cell is a local time (WIB by default), kept to the minute
    assert first["published_at"].isoformat() == "2026-11-20T07:15:00+07:00"
    assert first["author"] == "Bu Rina" and first["region_hint"] == "Kota Surabaya"
    assert first["shares"] == 12 and second["shares"] == 3  # 3.0 in a number cell
    assert third["text"].startswith("Vaksin HPV")
    assert third["published_at"].isoformat() == "2026-11-20T08:00:00+07:00"  # "20/11/2026 08.00"
    # the row with no text is that row's reason, at its place in the file
    assert (3, "missing 'text'") in results and len(results) == 4


def test_a_workbook_without_a_text_column_is_refused_with_its_header(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["kolom_a", "kolom_b"])
    book.active.append(["Beredar pesan bansos", "2026-11-20"])
    book.save(tmp_path / "ekspor.xlsx")
    with pytest.raises(ConnectorError, match=r"first header: kolom_a, kolom_b.*PANTAU_CSV_MAPPING"):
        detect_format(tmp_path / "ekspor.xlsx", Settings())


@pytest.mark.parametrize("name, content", [("rusak.xlsx", b"bukan zip"), ("lama.xls", b"\xd0\xcf")])
def test_unreadable_and_old_workbooks_say_how_to_save_them(tmp_path: Path, name: str,
                                                           content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ConnectorError, match=r"save it (again )?as \.xlsx or as CSV UTF-8"):
        detect_format(path, Settings())


def _rewrite(source: Path, target: Path, member: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for item in src.infolist():
            out.writestr(item, data if item.filename == member else src.read(item.filename))
    return target


def test_an_xml_bomb_is_refused_at_once(tmp_path: Path) -> None:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE w [{entities}]><worksheet xmlns="http://schemas.'
            'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" '
            't="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>').encode()
    path = _rewrite(XLSX / "laporan-kim.xlsx", tmp_path / "bom.xlsx",
                    "xl/worksheets/sheet1.xml", bomb)
    started = time.perf_counter()
    with pytest.raises(ConnectorError, match="not a readable Excel workbook"):
        list(XlsxConnector().parse(path, Settings()))
    assert time.perf_counter() - started < 10  # a billion "lol"s were never expanded


def test_a_sheet_cut_part_way_costs_its_rest_only(tmp_path: Path) -> None:
    with zipfile.ZipFile(XLSX / "laporan-kim.xlsx") as src:
        sheet = src.read("xl/worksheets/sheet1.xml")
    end = sheet.index(b"</row>", sheet.index(b"</row>") + 1) + len(b"</row>")
    path = _rewrite(XLSX / "laporan-kim.xlsx", tmp_path / "putus.xlsx",
                    "xl/worksheets/sheet1.xml", sheet[:end] + b'<row r="3"><c r="A3"><v>3')
    results = _records(path)
    assert [type(r).__name__ for _, r in results] == ["dict", "str", "dict"]
    assert "sheet 'Minggu 47' unreadable after row 2" in str(results[1][1])
    assert results[2][1]["source"] == "wa-grup-pkk"  # type: ignore[index]


def test_an_overlong_row_is_its_own_reason(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["isi", "tanggal"])
    book.active.append(["x" * 5_000, datetime(2026, 11, 20, 7, 0)])
    book.active.append(["Pesan berantai bansos", datetime(2026, 11, 20, 8, 0)])
    book.save(tmp_path / "panjang.xlsx")
    results = _records(tmp_path / "panjang.xlsx", Settings(max_line_bytes=2_048))
    assert "longer than 2048 bytes" in str(results[0][1])
    assert isinstance(results[1][1], dict) and results[1][1]["text"] == "Pesan berantai bansos"
