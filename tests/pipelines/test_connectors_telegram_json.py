from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.connectors import ConnectorError, detect_format, get_connector
from pipelines.connectors.telegram_json import message_text, message_time
from pipelines.post_contract import validate_post
from pipelines.settings import Settings

TG = Path(__file__).parent.parent / "fixtures" / "connectors" / "telegram"


def test_channel_export() -> None:
    records = list(get_connector("telegram-json").parse(TG / "result.json", Settings()))
    # 7 messages, 2 of them service messages: not records
    assert [r.line_no for r in records] == [2, 3, 4, 6, 7]
    posts = [r.fields for r in records if r.fields]
    assert {p["source"] for p in posts} == {"tg-kabar-jatim-terkini-contoh"}
    first = posts[0]
    assert first["id"] == 2 and first["platform"] == "telegram"
    assert first["published_at"] == "2026-11-20T07:05:12+07:00"  # from date_unixtime
    assert first["reactions"] == 35
    entities = posts[1]
    assert entities["text"] == ("VIRAL: katanya ada penculikan anak pakai mobil ambulans di "
                                "Sidoarjo. Polres belum konfirmasi. Sumber: tautan ini")
    assert entities["links"] == ["https://contoh.example/viral-ambulans"]
    assert entities["forwarded"] is True
    assert entities["forwarded_from"] == "Info Warga Sidoarjo (contoh)"
    no_unixtime = posts[2]
    assert no_unixtime["published_at"] == "2026-11-20T09:15:00+07:00"  # local, read as WIB
    assert no_unixtime["reply_to"] == "3" and no_unixtime["media"] is True
    assert posts[3]["signature"] == "Admin Dewi"
    media_only = records[2]
    assert media_only.fields is None and media_only.reason == "media without text"
    for p in posts:
        assert validate_post(p)["post_id"].startswith("tg-kabar-jatim-terkini-contoh:")


def test_truncated_export_with_bad_bytes_and_dates() -> None:
    records = list(get_connector("telegram-json").parse(TG / "result-truncated.json", Settings()))
    reasons = [(r.line_no, r.reason) for r in records]
    assert reasons[1] == (3, "invalid UTF-8 bytes")
    assert reasons[2] == (4, "media without text")
    assert reasons[3][0] == 6 and "invalid JSON after message 5" in (reasons[3][1] or "")
    bad_date = records[0].fields
    assert bad_date is not None and bad_date["published_at"] == "20 Nov 2026 jam 7"
    with pytest.raises(Exception, match="published_at"):
        validate_post(bad_date)


def test_text_forms() -> None:
    assert message_text("biasa") == ("biasa", [])
    assert message_text(["a ", {"type": "link", "text": "https://x.example"}, 5, None]) == (
        "a https://x.example", ["https://x.example"])
    assert message_text({"type": "bold"}) == ("", [])
    assert message_time({"date": "2026-11-20T01:00:00+08:00"}) == "2026-11-20T01:00:00+08:00"
    assert message_time({"date_unixtime": "0"}) == "1970-01-01T07:00:00+07:00"


def test_not_a_telegram_export(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"list": [], "name": "x"}), encoding="utf-8")
    with pytest.raises(ConnectorError, match="not a Telegram export"):
        list(get_connector("telegram-json").parse(path, Settings()))
    path.write_text("bukan json", encoding="utf-8")
    with pytest.raises(ConnectorError, match="not readable JSON"):
        list(get_connector("telegram-json").parse(path, Settings()))


def test_large_export_streams(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"name": "Kanal Besar", "type": "public_channel", "id": 1, "messages": [')
        for i in range(20_000):
            handle.write(("," if i else "") + json.dumps({
                "id": i, "type": "message", "date": "2026-11-20T07:00:00",
                "date_unixtime": "1795132800", "from": "Kanal Besar",
                "text": f"Pesan nomor {i}"}))
        handle.write("]}")
    count = sum(1 for r in get_connector("telegram-json").parse(path, Settings()) if r.fields)
    assert count == 20_000


def test_whole_account_export_reads_every_chat() -> None:
    """Telegram Desktop's "Export Telegram data": chats.list and left_chats.list, each chat its
    own source; contacts and personal_information never become records."""
    path = TG / "account" / "result.json"
    assert detect_format(path, Settings()) == "telegram-json"
    records = list(get_connector("telegram-json").parse(path, Settings()))
    posts = [r.fields for r in records if r.fields]
    assert [r.reason for r in records if not r.fields] == ["media without text"]
    by_source: dict[str, list[dict[str, object]]] = {}
    for post in posts:
        assert post is not None
        by_source.setdefault(str(post["source"]), []).append(post)
    assert set(by_source) - {s for s in by_source if s.startswith("tg-chat-")} == {
        "tg-info-warga-semarang-contoh", "tg-kabar-jateng-contoh", "tg-grup-lama-contoh"}
    # the one-to-one chat is named after a person: source and author are salted hashes
    personal = [p for s, ps in by_source.items() if s.startswith("tg-chat-") for p in ps]
    assert len(personal) == 1
    raw = json.dumps(posts, ensure_ascii=False)
    assert "Siti" not in raw and "5550002" not in raw and "+62" not in raw
    assert str(personal[0]["author"]).startswith("hash:")
    # only date_unixtime, no id: accepted, with a stable derived id and the WIB time
    no_id = next(p for p in posts if "tanpa id" in str(p["text"]))
    assert no_id["published_at"] == "2026-11-20T08:15:00+07:00"
    again = [r.fields for r in get_connector("telegram-json").parse(path, Settings()) if r.fields]
    assert no_id["id"] == next(p for p in again if p and "tanpa id" in str(p["text"]))["id"]
    for post in posts:
        assert validate_post(post)["post_id"]


def test_whole_account_export_streams_chat_by_chat(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    chats = [{"name": f"Grup {c}", "type": "private_group", "id": c,
              "messages": [{"id": i, "type": "message", "date_unixtime": str(1795132800 + i),
                            "text": f"Pesan {c}-{i}"} for i in range(3000)]}
             for c in range(3)]
    path.write_text(json.dumps({"about": "x", "chats": {"about": "y", "list": chats}}),
                    encoding="utf-8")
    posts = [r.fields for r in get_connector("telegram-json").parse(path, Settings()) if r.fields]
    assert len(posts) == 9000
    assert {p["source"] for p in posts if p} == {"tg-grup-0", "tg-grup-1", "tg-grup-2"}
