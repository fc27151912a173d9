from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.connectors import ConnectorError, detect_format, get_connector
from pipelines.connectors.dates import parse_datetime
from pipelines.connectors.factcheck_rss import parse_fact_check, split_verdict
from pipelines.settings import Settings

DAY = Path(__file__).parent.parent / "fixtures" / "inbox" / "2026-11-20"
SOURCES = DAY.parent.parent / "sources.csv"


def test_jsonl_reports_each_malformed_line_with_a_reason() -> None:
    records = list(get_connector("jsonl").parse(DAY / "posts.jsonl", Settings()))
    bad = [r for r in records if r.fields is None]
    assert len(records) == 14
    assert {r.line_no for r in bad} == {6, 14}
    assert any("invalid JSON" in (r.reason or "") for r in bad)
    assert any("expected a JSON object" in (r.reason or "") for r in bad)


def test_jsonl_survives_bom_and_invalid_bytes(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "1", "text": "ok"}\n{"id": "2", "text": "\xff\xfe"}\n')
    records = list(get_connector("jsonl").parse(path, Settings()))
    assert records[0].fields == {"id": "1", "text": "ok"}
    assert records[1].fields is None and "invalid UTF-8" in (records[1].reason or "")


def test_jsonl_repairs_windows_1252_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "1", "text": "â€œHoaksâ€\x9d katanya"}\n', encoding="utf-8")
    (record,) = get_connector("jsonl").parse(path, Settings())
    assert record.fields is not None
    assert record.fields["text"] == "\u201cHoaks\u201d katanya"


def test_jsonl_repairs_mojibake_written_as_json_escapes(tmp_path: Path) -> None:
    # An exporter with ensure_ascii writes the same mojibake as \\u escapes only, in a nested
    # field too: the line then shows no marker, and must still be repaired.
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "1", "text": "\\u00e2\\u20ac\\u0153Hoaks\\u00e2\\u20ac\\u009d",'
                    ' "extra": {"where": "Bandung \\u00c3\\u00a9"}}\n'
                    '{"id": "2", "text": "biasa saja"}\n', encoding="utf-8")
    first, second = get_connector("jsonl").parse(path, Settings())
    assert first.fields is not None and second.fields is not None
    assert first.fields["text"] == "\u201cHoaks\u201d"
    assert first.fields["extra"] == {"where": "Bandung \u00e9"}
    assert second.fields == {"id": "2", "text": "biasa saja"}


@pytest.mark.parametrize("text, iso", [
    ("Rab, 29 Mei 2024 08:15:00 +0700", "2024-05-29T08:15:00+07:00"),
    ("Kamis, 20 Nopember 2026 13:00:00 WIB", "2026-11-20T13:00:00+07:00"),
    ("Thu, 20 Nov 2026 13:00:00 +0700", "2026-11-20T13:00:00+07:00"),
    ("2026-11-20T13:00:00Z", "2026-11-20T13:00:00+00:00"),
])
def test_dates_in_indonesian_and_standard_forms(text: str, iso: str) -> None:
    parsed = parse_datetime(text)
    assert parsed is not None and parsed.isoformat() == iso


def test_dates_without_offset_or_garbage_are_rejected() -> None:
    assert parse_datetime("2026-11-20T13:00:00") is None
    assert parse_datetime("kemarin sore") is None


def test_rss_items_become_posts_with_indonesian_dates() -> None:
    records = list(get_connector("rss").parse(DAY / "news.xml", Settings()))
    assert len(records) == 2
    first = records[0].fields
    assert first is not None
    assert first["source"] == "news"  # the subscription's file name
    assert first["published_at"] == "2026-11-20T08:15:00+07:00"
    assert "Demak & Kudus" in first["text"]  # entity decoded, tags stripped


def test_fact_check_feed_parses_verdict_claim_and_narrative() -> None:
    records = list(get_connector("factcheck-rss").parse(DAY / "factchecks.xml", Settings()))
    ok = [r.fields for r in records if r.fields]
    assert [f["verdict"] for f in ok if f] == ["HOAKS", "PENIPUAN"]
    first = ok[0]
    assert first is not None
    assert first["claim"] == "Vaksin Booster Mengandung Chip Pelacak 5G"
    assert first["quoted_narrative"].startswith("Vaksin booster mengandung chip")
    assert first["explanation"].startswith("Vaksin tidak mengandung chip")
    untagged = [r for r in records if r.fields is None]
    assert untagged and "no [VERDICT] tag" in (untagged[0].reason or "")


def test_split_verdict_keeps_untagged_titles() -> None:
    assert split_verdict("[ SALAH ] Foto banjir") == ("SALAH", "Foto banjir")
    assert split_verdict("Berita biasa") == (None, "Berita biasa")
    assert parse_fact_check("[HOAKS] x", "tanpa narasi")["quoted_narrative"] is None


def test_detect_format_by_name_and_content() -> None:
    assert detect_format(DAY / "posts.jsonl", Settings()) == "jsonl"
    assert detect_format(DAY / "news.xml", Settings()) == "rss"
    # the sources file declares factchecks*.xml
    assert detect_format(DAY / "factchecks.xml", Settings(sources_file=SOURCES)) == "factcheck-rss"
    with pytest.raises(ConnectorError, match="--format"):
        detect_format(DAY.parent.parent / "sources.csv", Settings())
    with pytest.raises(ConnectorError, match="Unknown format"):
        get_connector("myspace")


def test_a_file_rewritten_in_place_has_its_encoding_decided_again(tmp_path: Path) -> None:
    """The encoding is sampled once per file version: a spreadsheet re-saved as UTF-8 under the
    same name is read as UTF-8, not with the answer kept for its Windows-1252 version."""
    import os

    from pipelines.connectors.text_files import legacy_encoding

    path = tmp_path / "export.csv"
    path.write_bytes("id,text\n1,“Caf\u00e9” – ok\n".encode("cp1252"))
    assert legacy_encoding(path) == "cp1252"
    path.write_bytes("id,text\n1,“Caf\u00e9” – ok, sudah UTF-8\n".encode())
    os.utime(path, ns=(1, 1))  # even with an older mtime: size and mtime are both the key
    assert legacy_encoding(path) is None
