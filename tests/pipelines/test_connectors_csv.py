from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.connectors import get_connector
from pipelines.connectors.csv_generic import CsvConnector
from pipelines.connectors.csv_rows import iter_csv_rows, sniff_delimiter
from pipelines.post_contract import InvalidRecord, validate_post
from pipelines.settings import Settings, reset_settings

CSV = Path(__file__).parent.parent / "fixtures" / "connectors" / "csv"
KIM_MAPPING = {"no": "id", "tanggal": "published_at", "kanal": "source", "akun": "author",
               "isi": "text", "wilayah": "region_hint", "dibagikan": "shares"}


def test_semicolon_csv_with_a_mapping_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_CSV_MAPPING", json.dumps(KIM_MAPPING))
    reset_settings()
    try:
        assert Settings().csv_mapping == KIM_MAPPING
        posts = [r.fields for r in get_connector("csv").parse(CSV / "laporan-kim.csv", Settings())
                 if r.fields]
    finally:
        reset_settings()
    assert [p["id"] for p in posts] == ["K-001", "K-002", "K-003"]
    assert posts[0]["published_at"] == "2026-11-20T07:30:00+07:00"
    assert posts[1]["shares"] == 1250  # "1.250"
    assert posts[1]["text"].startswith('Pesan suara viral: "Gunung Merapi')  # "" unescaped
    assert "\n" in posts[2]["text"]  # quoted cell over two lines
    assert posts[0]["region_hint"] == "Kab. Sleman"
    checked = [validate_post(p) for p in posts]
    assert json.loads(checked[0]["extra"]) == {"catatan": "dilaporkan warga"}


def test_identity_mapping_and_generated_ids() -> None:
    records = list(CsvConnector({}).parse(CSV / "posts-pantau.csv", Settings()))
    posts = [r.fields for r in records if r.fields]
    assert posts[0]["source"] == "wa-forward-jateng" and posts[0]["shares"] == 3
    assert "shares" not in posts[1]  # empty cell: absent, not ""
    generated = posts[2]["id"]
    assert len(generated) == 20
    again = [r.fields for r in CsvConnector({}).parse(CSV / "posts-pantau.csv", Settings())
             if r.fields]
    assert again[2]["id"] == generated  # stable across re-ingests
    for p in posts:
        validate_post(p)


def test_malformed_csv_rows_are_reasons_not_crashes() -> None:
    outcome = {}
    for r in CsvConnector({}).parse(CSV / "csv-rusak.csv", Settings()):
        if r.fields is None:
            outcome[r.line_no] = r.reason
            continue
        try:
            validate_post(r.fields)
            outcome[r.line_no] = "ok"
        except InvalidRecord as exc:
            outcome[r.line_no] = str(exc)
    assert outcome == {
        2: "ok",
        3: "'published_at' is not an ISO 8601 date with offset: 'kemarin'",
        4: "row has 6 cells, the header has 4",
        6: "missing 'text'",
        7: "invalid UTF-8 at byte 9 (line 7)",
        8: "row has 2 cells, the header has 4",
    }


def test_source_defaults_to_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "Laporan Warga.csv"
    path.write_text("text,published_at\nHalo,2026-11-20T07:00:00+07:00\n", encoding="utf-8")
    (record,) = CsvConnector({}).parse(path, Settings())
    assert record.fields is not None and record.fields["source"] == "csv-laporan-warga"


def test_bom_tabs_blank_rows_and_oversized_cells(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    huge = "x" * 200_000
    path.write_bytes(b"\xef\xbb\xbfid\ttext\tpublished_at\tsource\n"
                     b"1\tsatu\t2026-11-20T07:00:00+07:00\ts\n\n\t\t\t\n"
                     + f'2\t"{huge}"\t2026-11-20T07:00:00+07:00\ts\n'.encode()
                     + b"3\ttiga\t2026-11-20T07:00:00+07:00\ts\n")
    assert sniff_delimiter("id\ttext\tpublished_at") == "\t"
    rows = list(iter_csv_rows(path, Settings().max_line_bytes))
    assert rows[0].values == {"id": "1", "text": "satu", "published_at":
                              "2026-11-20T07:00:00+07:00", "source": "s"}
    assert rows[1].values is None and "field larger than field limit" in (rows[1].reason or "")
    assert len(rows[1].raw) <= 20_000
    assert rows[2].values is not None and rows[2].values["id"] == "3"  # reading goes on


def test_a_kim_spreadsheet_reads_without_a_mapping() -> None:
    """Its Indonesian headers (`isi`, `tanggal`, `kanal`, `akun`, `wilayah`, `dibagikan`) are
    the fields; the unnamed columns stay in `extra`, and nothing is lost."""
    posts = [r.fields for r in CsvConnector({}).parse(CSV / "laporan-kim.csv", Settings())
             if r.fields]
    assert len(posts) == 3
    assert posts[0]["published_at"] == "2026-11-20T07:30:00+07:00"
    assert posts[0]["source"] == "kim-sleman" and posts[0]["author"] == "Relawan KIM Ngaglik"
    assert posts[0]["region_hint"] == "Kab. Sleman" and posts[1]["shares"] == 1250
    assert posts[1]["text"].startswith('Pesan suara viral: "Gunung Merapi')
    checked = validate_post(posts[0])
    assert json.loads(checked["extra"]) == {"no": "K-001", "catatan": "dilaporkan warga"}


@pytest.mark.parametrize("header, row, published", [
    ("Title,FullText,Author,Url,Date",
     'Banjir Demak,"Beredar video banjir, katanya tanggul jebol",Redaksi,https://e.id/1,'
     '"April 1, 2025"', "2025-04-01T00:00:00+07:00"),
    ("ID,label,tanggal,judul,narasi", "71,1,17-Aug-20,Masker,Pemakaian masker berbahaya",
     "2020-08-17T00:00:00+07:00"),
    ("id;judul;tanggal;isi", '9;Bansos;Senin, 1 Desember 2025 pukul 10.00;"Daftar bansos '
     'lewat tautan ini"', "2025-12-01T10:00:00+07:00"),
    ("text,created_at", "Gempa susulan malam ini?,1764561600", "2025-12-01T04:00:00+00:00"),
    ("Title,FullText,Date", 'Harga beras,"Harga beras turun",Kompas.com- 02/07/2025, 07:20 WIB',
     None),
    ("Title,FullText,Date", 'Harga beras,"Harga beras turun","Kompas.com- 02/07/2025, 07:20 WIB"',
     "2025-07-02T07:20:00+07:00"),
])
def test_export_headers_and_spreadsheet_dates(tmp_path: Path, header: str, row: str,
                                               published: str | None) -> None:
    path = tmp_path / "ekspor.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    (record,) = CsvConnector({}).parse(path, Settings())
    if published is None:  # an unquoted comma: one cell too many, quarantined with the count
        assert record.fields is None and "the header has 3" in (record.reason or "")
        return
    assert record.fields is not None
    post = validate_post(record.fields)
    assert post["published_at"].isoformat() == published
    assert post["text"] and not post["text"][0].isdigit()


def test_zone_of_naive_dates_is_a_setting(tmp_path: Path) -> None:
    path = tmp_path / "makassar.csv"
    path.write_text("isi,tanggal\nAir PDAM tercemar,2025-12-01 10:00\n", encoding="utf-8")
    (record,) = CsvConnector({}).parse(path, Settings(csv_timezone="Asia/Makassar"))
    assert record.fields is not None
    assert record.fields["published_at"] == "2025-12-01T10:00:00+08:00"


def test_a_csv_without_dates_is_dated_to_its_batch_day(tmp_path: Path) -> None:
    """A list of texts with no date column (a scrape, a research set) is not quarantined row by
    row: each row is dated to the batch day, marked, and the file's notes say so."""
    from datetime import date

    from pipelines.ingest_parse import parse_files

    path = tmp_path / "berita.csv"
    path.write_text('berita;tagging\n"Lele ikan paling jorok, katanya";Hoax\n'
                    '"Harga cabai naik di Jakarta";Valid\n', encoding="utf-8")
    result = parse_files([path], date(2026, 11, 20), settings=Settings(home=tmp_path / "h"))
    assert [p["published_at"].isoformat() for p in result.posts] == \
        ["2026-11-20T12:00:00+07:00"] * 2
    assert json.loads(result.posts[0]["extra"]) == {"tagging": "Hoax", "date_from": "batch_day"}
    assert any("no date column" in n for n in result.files[0].notes)
    again = parse_files([path], date(2026, 11, 21), settings=Settings(home=tmp_path / "h"))
    assert [p["post_id"] for p in again.posts] == [p["post_id"] for p in result.posts]


@pytest.mark.parametrize("name", ["kim.csv", "kim.txt"])
def test_excel_unicode_text_utf16_is_read_and_detected(tmp_path: Path, name: str) -> None:
    """Excel's "Unicode Text" / "CSV UTF-16": tab-separated UTF-16 with a byte-order mark and
    CRLF line ends, often saved as .txt. Every row is read, accents and emoji intact."""
    from pipelines.connectors import detect_format

    table = ("id\ttext\tpublished_at\tsource\r\n"
             "1\tWarga Wonokromo resah 😟 harimau lepas\t2026-11-20T07:00:00+07:00\tfb\r\n"
             '2\t"Isi dua baris:\r\nbantuan Rp600.000 — café"\t2026-11-20T08:00:00+07:00\tfb\r\n')
    path = tmp_path / name
    path.write_bytes(b"\xff\xfe" + table.encode("utf-16-le"))
    assert detect_format(path, Settings()) == "csv"
    posts = [validate_post(r.fields) for r in CsvConnector().parse(path, Settings())
             if r.fields is not None]
    assert [p["text"] for p in posts] == ["Warga Wonokromo resah 😟 harimau lepas",
                                          "Isi dua baris:\nbantuan Rp600.000 — café"]


def test_utf16_lines_that_are_not_utf16_or_too_long_are_reasons(tmp_path: Path) -> None:
    from pipelines.connectors.text_files import iter_text_lines

    path = tmp_path / "t.csv"
    lone_surrogate = b"\x00\xd8"  # a high surrogate with no low one after it
    path.write_bytes(b"\xff\xfe" + "id\ttext\n".encode("utf-16-le")
                     + "1\t".encode("utf-16-le") + lone_surrogate + "\n".encode("utf-16-le")
                     + ("2\t" + "x" * 100 + "\n").encode("utf-16-le")
                     + "3\ttiga\n".encode("utf-16-le"))
    lines = list(iter_text_lines(path, 64))
    assert [(n, e is None) for n, _, e in lines] == [(1, True), (2, False), (3, False),
                                                     (4, True)]
    assert "UTF-16" in (lines[1][2] or "") and "longer than 64 bytes" in (lines[2][2] or "")
    assert lines[3][1] == "3\ttiga"
