"""WhatsApp .zip exports: the chat text streamed out of the archive; hostile archives refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from pipelines.connectors import ConnectorError, detect_format, get_connector, whatsapp_zip
from pipelines.settings import Settings

WA = Path(__file__).parent.parent / "fixtures" / "connectors" / "whatsapp"
ZIP = WA / "WhatsApp Chat - Info Banjir Demak.zip"
CHAT = WA / "WhatsApp Chat - Info Banjir Demak" / "_chat.txt"


def records(path: Path) -> list[tuple[int | None, str | None, dict[str, object] | None]]:
    return [(r.line_no, r.reason, r.fields)
            for r in get_connector("whatsapp-zip").parse(path, Settings())]


def refusal(path: Path) -> str:
    got = records(path)
    assert len(got) == 1 and got[0][2] is None, got  # the whole archive: one quarantined record
    return str(got[0][1])


def make_zip(path: Path, members: dict[str, bytes],
             compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_gives_the_same_records_as_its_chat_text() -> None:
    assert detect_format(ZIP, Settings()) == "whatsapp-zip"
    got = records(ZIP)
    want = [(r.line_no, r.reason, r.fields)
            for r in get_connector("whatsapp-txt").parse(CHAT, Settings())]
    assert got == want and any(f for _, _, f in got)
    # iOS `_chat.txt` takes the chat name from the zip's name, as from its folder
    assert {f["source"] for _, _, f in got if f} == {"wa-info-banjir-demak"}


def test_android_zip_with_media(tmp_path: Path) -> None:
    text = (WA / "WhatsApp Chat with Grup Warga RT 05.txt").read_bytes()
    path = make_zip(tmp_path / "WhatsApp Chat with Grup Warga RT 05.zip", {
        "WhatsApp Chat with Grup Warga RT 05.txt": text,
        "IMG-20261120-WA0001.jpg": b"\xff\xd8\xff" + bytes(2000),
        "PTT-20261120-WA0002.opus": b"OggS" + bytes(300)})
    want = [(r.line_no, r.reason, r.fields) for r in
            get_connector("whatsapp-txt").parse(WA / "WhatsApp Chat with Grup Warga RT 05.txt",
                                                Settings())]
    assert records(path) == want


@pytest.mark.parametrize("member", ["../../etc/cron.d/evil.txt", "/etc/passwd",
                                    "media/../../x.jpg", "C:\\Windows\\x.txt"])
def test_path_traversal_is_refused(tmp_path: Path, member: str) -> None:
    path = make_zip(tmp_path / "chat.zip", {"_chat.txt": CHAT.read_bytes(), member: b"x"})
    assert "path traversal" in refusal(path)
    assert not (tmp_path.parent / "etc").exists()


def test_nested_archive_is_refused(tmp_path: Path) -> None:
    inner = make_zip(tmp_path / "inner.zip", {"_chat.txt": CHAT.read_bytes()}).read_bytes()
    path = make_zip(tmp_path / "chat.zip", {"_chat.txt": CHAT.read_bytes(), "more.zip": inner})
    assert "another archive" in refusal(path)


def test_zip_bomb_is_refused_by_ratio_while_streaming(tmp_path: Path) -> None:
    line = "[20/11/26 08.14.51] Sari: " + "a" * 200 + "\n"
    path = make_zip(tmp_path / "bomb.zip", {"_chat.txt": (line * 60_000).encode()})
    assert zipfile.ZipFile(path).infolist()[0].compress_size * whatsapp_zip.MAX_RATIO < \
        zipfile.ZipFile(path).infolist()[0].file_size
    assert "zip bomb" in refusal(path)


def test_chat_text_over_the_size_cap_is_refused(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(whatsapp_zip, "MAX_CHAT_BYTES", 500)
    path = make_zip(tmp_path / "big.zip", {"_chat.txt": CHAT.read_bytes()}, zipfile.ZIP_STORED)
    assert "zip bomb" in refusal(path)


def test_header_that_lies_about_the_size_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(whatsapp_zip, "MAX_CHAT_BYTES", 2000)
    data = CHAT.read_bytes() * 3
    path = make_zip(tmp_path / "lying.zip", {"_chat.txt": data}, zipfile.ZIP_STORED)
    original = zipfile.ZipFile.infolist

    def lie(self: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
        infos = original(self)
        for info in infos:
            info.file_size = 10
        return infos

    monkeypatch.setattr(zipfile.ZipFile, "infolist", lie)
    reason = refusal(path)
    assert "zip bomb" in reason or "cannot be read" in reason


def test_password_protected_no_text_and_several_texts(tmp_path: Path) -> None:
    # zipfile cannot encrypt: set the "encrypted" flag bit in both headers by hand
    data = bytearray(make_zip(tmp_path / "plain.zip", {"_chat.txt": CHAT.read_bytes()},
                              zipfile.ZIP_STORED).read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.index(signature) + offset] |= 0x1
    path = tmp_path / "locked.zip"
    path.write_bytes(bytes(data))
    assert "password" in refusal(path)
    assert "no chat .txt" in refusal(make_zip(tmp_path / "media.zip", {"a.jpg": b"x"}))
    several = make_zip(tmp_path / "two.zip", {"a/_chat.txt": CHAT.read_bytes(),
                                              "b/_chat.txt": CHAT.read_bytes()})
    assert "several chat texts" in refusal(several)
    not_chat = make_zip(tmp_path / "notes.zip", {"catatan.txt": b"bukan ekspor\n"})
    assert "not a WhatsApp chat export" in refusal(not_chat)


def test_not_a_zip_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "chat.zip"
    path.write_bytes(b"bukan zip")
    with pytest.raises(ConnectorError, match="not a readable zip"):
        records(path)


def test_zip_of_a_chat_with_a_phone_number_is_stored_without_it(tmp_path: Path) -> None:
    from pipelines.connectors import stored_file_name

    text = (WA / "WhatsApp Chat with Grup Warga RT 05.txt").read_bytes()
    path = make_zip(tmp_path / "WhatsApp Chat with +62 812-3456-7890.zip",
                    {"WhatsApp Chat with +62 812-3456-7890.txt": text})
    stored = stored_file_name(path, Settings())
    assert stored.startswith("whatsapp-chat-") and stored.endswith(".zip")
    assert "3456" not in stored
    sources = {str(f["source"]) for _, _, f in records(path) if f}
    assert sources and not any("3456" in s for s in sources)
    assert stored_file_name(ZIP, Settings()) == ZIP.name  # a group keeps its name
