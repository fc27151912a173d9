"""Source metadata from sources.csv (`pipelines.ingest_parse.load_sources`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.errors import DataFileError
from pipelines.ingest_parse import load_sources
from warehouse.connection import writer


def _sources(tmp_path: Path, content: bytes) -> list[tuple[object, ...]]:
    path = tmp_path / "sources.csv"
    path.write_bytes(content)
    with writer(tmp_path / "w.duckdb") as con:
        load_sources(con, path)
        return con.execute("SELECT * FROM sources ORDER BY source").fetchall()


def test_last_row_of_a_source_wins_and_empty_rows_are_skipped(tmp_path: Path) -> None:
    rows = _sources(tmp_path, b"source,platform,home_region,official,description\n"
                              b"wa-rt05,whatsapp,33.74,ya,Grup RT 05\n"
                              b",,,,\n"
                              b"   ,x,,,\n"
                              b"kominfo-jateng,x,33,true,\n"
                              b"wa-rt05,whatsapp,33.74.01,no,Grup RT 05 (baru)\n")
    assert rows == [("kominfo-jateng", "x", "33", True, None),
                    ("wa-rt05", "whatsapp", "33.74.01", False, "Grup RT 05 (baru)")]


def test_a_file_saved_by_excel_on_windows_is_read_as_windows_1252(tmp_path: Path) -> None:
    text = "source,description\nfb-warga,Grup “Warga” Kécamatan Tembalang\n"
    rows = _sources(tmp_path, text.encode("cp1252"))
    assert rows == [("fb-warga", None, None, False, "Grup “Warga” Kécamatan Tembalang")]


def test_without_a_source_column_the_error_names_the_columns(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"no 'source' column \(columns: nama, platform\)"):
        _sources(tmp_path, b"nama,platform\nwa-rt05,whatsapp\n")


def test_broken_utf8_says_to_save_as_utf8(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="save it as UTF-8"):
        _sources(tmp_path, b"source,description\nx,caf\xc3\xa9 \xe9\xe9\n")
