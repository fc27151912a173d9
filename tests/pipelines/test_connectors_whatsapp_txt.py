from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.connectors import ConnectorError, ParsedRecord, get_connector
from pipelines.connectors.common import MAX_TEXT_CHARS
from pipelines.connectors.whatsapp_txt import (
    WhatsAppTxtConnector,
    chat_name,
    detect_date_order,
    parse_stamp,
)
from pipelines.post_contract import MAX_TEXT_CHARS as CONTRACT_MAX_TEXT_CHARS
from pipelines.post_contract import validate_post
from pipelines.settings import Settings

WA = Path(__file__).parent.parent / "fixtures" / "connectors" / "whatsapp"
ANDROID_ID = WA / "WhatsApp Chat with Grup Warga RT 05.txt"
IOS_ID = WA / "WhatsApp Chat - Info Banjir Demak" / "_chat.txt"
ANDROID_EN = WA / "WhatsApp Chat with Relawan Kesehatan.txt"
BROKEN = WA / "Chat WhatsApp dengan Grup Rusak.txt"


def parse(path: Path, salt: str = "uji") -> list[ParsedRecord]:
    return list(WhatsAppTxtConnector(salt=salt).parse(path, Settings()))


def posts(records: list[ParsedRecord]) -> list[dict]:
    return [r.fields for r in records if r.fields is not None]


def test_android_indonesian_export() -> None:
    records = parse(ANDROID_ID)
    # 15 lines: 4 system lines are not records; the 11 messages are.
    assert len(records) == 9
    ok = posts(records)
    assert {p["source"] for p in ok} == {"wa-grup-warga-rt-05"}
    first = ok[0]
    assert first["author"] == "Pak RT Sugeng"
    assert first["published_at"] == "2026-11-20T07:02:00+07:00"
    forwarded = ok[1]
    assert forwarded["forwarded"] is True
    assert forwarded["text"].startswith("*PENTING!!* Mulai besok air PDAM")
    assert forwarded["text"].endswith("Sebarkan ke grup lain!!")  # multi-line message kept whole
    assert forwarded["text"].count("\n") == 2
    edited = next(p for p in ok if p.get("edited"))
    assert edited["text"].endswith("Itu hoaks ya bapak ibu.")
    caption = next(p for p in ok if p.get("media"))
    assert caption["text"] == "Ini klarifikasi resmi dari PDAM"
    reasons = [r.reason for r in records if r.fields is None]
    assert reasons == ["media without text", "deleted message (no text)"]
    for p in ok:
        validate_post(p)


def test_system_lines_are_not_records() -> None:
    texts = " ".join(p["text"] for p in posts(parse(ANDROID_ID)))
    assert "terenkripsi" not in texts and "menambahkan" not in texts
    assert "mengubah subjek" not in texts and "keluar" not in texts


def test_phone_number_authors_are_hashed_never_stored() -> None:
    records = parse(ANDROID_ID, salt="rahasia-deployment")
    hashed = [p for p in posts(records) if p.get("author_hashed")]
    assert hashed and all(p["author"].startswith("hash:") for p in hashed)
    for record in records:
        blob = record.raw + repr(record.fields)
        assert "812-3456-7801" not in blob and "81234567801" not in blob
    # the salt decides the hash: another deployment cannot match it without its salt
    other = posts(parse(ANDROID_ID, salt="salt-lain"))
    assert {p["author"] for p in other if p.get("author_hashed")} != \
        {p["author"] for p in hashed}


def test_ids_are_stable_and_identical_messages_in_one_minute_both_kept() -> None:
    first = [p["id"] for p in posts(parse(ANDROID_ID))]
    again = [p["id"] for p in posts(parse(ANDROID_ID))]
    assert first == again
    assert len(set(first)) == len(first)
    twice = [p for p in posts(parse(ANDROID_ID)) if p["text"].startswith("Mohon jangan")]
    assert len(twice) == 2 and twice[0]["id"] != twice[1]["id"]


def test_copy_of_the_export_gives_the_same_ids(tmp_path: Path) -> None:
    copy = tmp_path / "WhatsApp Chat with Grup Warga RT 05 (1).txt"
    copy.write_bytes(ANDROID_ID.read_bytes())
    assert [p["id"] for p in posts(parse(copy))] == [p["id"] for p in posts(parse(ANDROID_ID))]


def test_ios_indonesian_export_with_bom_and_marks() -> None:
    records = parse(IOS_ID)
    ok = posts(records)
    assert [p["source"] for p in ok][0] == "wa-info-banjir-demak"  # from the folder name
    assert ok[0]["published_at"] == "2026-11-20T08:14:51+07:00"
    assert ok[0]["author"] == "Sari Wulandari"
    many = next(p for p in ok if p.get("forwarded"))
    assert many["forwarded_many_times"] is True
    assert many["text"].startswith("Waspada!! Air sungai naik")
    assert [r.reason for r in records if r.fields is None] == ["media without text"] * 2
    assert not any("Panggilan suara" in p["text"] for p in ok)  # call notice: not a record
    assert not any("membuat grup" in p["text"] for p in ok)


def test_android_english_us_export_12_hour_clock() -> None:
    records = parse(ANDROID_EN)
    ok = posts(records)
    assert [p["published_at"] for p in ok] == [
        "2026-11-20T09:10:00+07:00", "2026-11-20T09:12:00+07:00", "2026-11-20T12:31:00+07:00"]
    assert ok[1]["forwarded"] is True and ok[1]["text"].startswith("Vaksin campak MR")
    assert [r.reason for r in records if r.fields is None] == [
        "media without text", "deleted message (no text)"]


def test_malformed_export_quarantines_instead_of_crashing() -> None:
    records = parse(BROKEN)
    reasons = [r.reason for r in records if r.fields is None]
    assert reasons[0].startswith("text before the first message line")
    assert any("invalid UTF-8" in r for r in reasons)
    assert any(r.startswith("unreadable date/time") for r in reasons)
    ok = posts(records)
    assert ok[0]["text"] == "Pesan biasa tanpa masalah"
    repaired = next(p for p in ok if "Hoaks lagi" in p["text"])
    assert repaired["text"] == "\u201cHoaks lagi\u201d kata pak lurah"  # mojibake repaired
    assert any(p["text"] == "" for p in ok)  # empty message: the contract quarantines it
    # a continuation line with invalid bytes spoils only its own message
    assert records[-1].fields is None and "line 8" in (records[-1].reason or "")


def test_not_a_whatsapp_file_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "catatan.txt"
    path.write_text("Daftar belanja\nberas 5 kg\n", encoding="utf-8")
    with pytest.raises(ConnectorError, match="not a WhatsApp chat export"):
        list(get_connector("whatsapp-txt").parse(path, Settings()))


@pytest.mark.parametrize("line, expected", [
    ("29/05/24 08.15 - Nama: pesan", "2024-05-29T08:15:00+07:00"),
    ("[29/05/24 08.15.23] Nama: pesan", "2024-05-29T08:15:23+07:00"),
    ("5/29/24, 8:15 AM - Name: msg", "2024-05-29T08:15:00+07:00"),
    ("5/29/24, 8:15\u202fPM - Name: msg", "2024-05-29T20:15:00+07:00"),
    ("[29/05/2024, 08:15:23] Name: msg", "2024-05-29T08:15:23+07:00"),
    ("29/05/2024, 08:15 - Name: msg", "2024-05-29T08:15:00+07:00"),
    ("2024-05-29 08:15 - Name: msg", "2024-05-29T08:15:00+07:00"),
])
def test_locale_line_formats(tmp_path: Path, line: str, expected: str) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(line + "\n", encoding="utf-8")
    (record,) = parse(path)
    assert record.fields is not None
    assert record.fields["published_at"] == expected
    assert record.fields["text"] in {"pesan", "msg"}


def test_date_order_from_the_file_and_impossible_dates() -> None:
    assert parse_stamp("05/06/24", "08.00", None, "dmy").month == 6  # type: ignore[union-attr]
    assert parse_stamp("05/06/24", "08.00", None, "mdy").month == 5  # type: ignore[union-attr]
    assert parse_stamp("31/02/24", "08.00", None, "dmy") is None
    assert parse_stamp("01/02/24", "13:00", "PM", "mdy") is None
    assert detect_date_order(ANDROID_EN, Settings().max_line_bytes)[0] == "mdy"
    assert detect_date_order(ANDROID_ID, Settings().max_line_bytes)[0] == "dmy"


def test_chat_names() -> None:
    assert chat_name(Path("WhatsApp Chat with Grup Warga RT 05 (2).txt")) == "Grup Warga RT 05"
    assert chat_name(Path("Chat WhatsApp dengan Info Desa.txt")) == "Info Desa"
    assert chat_name(Path("WhatsApp Chat - Info Banjir Demak/_chat.txt")) == "Info Banjir Demak"


def test_chat_named_by_a_phone_number_gets_a_hashed_source(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with +62 812-9999-0000.txt"
    path.write_text("20/11/26 07.00 - +62 812-9999-0000: Halo\n", encoding="utf-8")
    (record,) = parse(path)
    assert record.fields is not None
    assert record.fields["source"].startswith("wa-chat-")
    assert "9999" not in record.fields["source"] + record.raw + record.fields["author"]


def test_huge_message_is_bounded_and_quarantined_by_the_contract(tmp_path: Path) -> None:
    assert MAX_TEXT_CHARS == CONTRACT_MAX_TEXT_CHARS
    path = tmp_path / "chat.txt"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("20/11/26 07.00 - Budi: awal\n")
        for _ in range(30_000):
            handle.write("baris lanjutan yang sangat panjang sekali\n")
        handle.write("20/11/26 07.01 - Budi: sesudahnya\n")
    first, second = parse(path)
    assert first.fields is not None
    assert MAX_TEXT_CHARS < len(first.fields["text"]) <= MAX_TEXT_CHARS + 200  # never cut to fit
    assert len(first.raw) <= 20_000
    assert second.fields is not None and second.fields["text"] == "sesudahnya"
