"""Personal data: a per-deployment salt, hashed one-to-one chat names, phone numbers in any
spelling, and links that cannot be injected into the Markdown briefing."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from pipelines.connectors import ConnectorError, stored_file_name
from pipelines.deployment_salt import OLD_PUBLIC_SALT, author_salt, salt_path
from pipelines.normalize import normalize_text
from pipelines.settings import Settings
from pipelines.stages.ingest import ingest
from reports.briefing_data import redact
from reports.render import md_url

CHAT = ("20/11/26 08.00 - Budi Santoso: Tanggul Wulan jebol, segera mengungsi\n"
        "20/11/26 08.02 - Saya: Dari mana infonya?\n"
        "20/11/26 08.03 - Budi Santoso: Grup sebelah, hubungi 0812-3456-7890\n")


def test_the_salt_is_generated_once_per_deployment_and_private(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    first = author_salt(settings)
    path = salt_path(settings)
    assert len(first) == 64 and first != OLD_PUBLIC_SALT
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert author_salt(settings) == first  # reused, not regenerated
    other = Settings(home=tmp_path / "other")
    assert author_salt(other) != first  # another deployment, another salt


def test_the_old_public_salt_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConnectorError, match="old public default"):
        author_salt(Settings(home=tmp_path, author_salt=OLD_PUBLIC_SALT))
    assert author_salt(Settings(home=tmp_path, author_salt="rahasia-kominfo")) == \
        "rahasia-kominfo"


@pytest.mark.parametrize("name", ["WhatsApp Chat with +62 812-3456-7890.txt",
                                  "WhatsApp Chat with Budi Santoso.txt"])
def test_one_to_one_chat_names_never_reach_the_warehouse(
        settings: Settings, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(CHAT.replace("Budi Santoso", name[19:-4]), encoding="utf-8")
    stored = stored_file_name(path, settings)
    assert stored.startswith("whatsapp-chat-") and "Budi" not in stored and "812" not in stored
    ingest(settings, date(2026, 11, 20), [path])
    import duckdb

    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        cells = con.execute(
            "SELECT string_agg(source_file || ' ' || source, ' ') FROM raw_posts").fetchone()
        detail = con.execute("SELECT string_agg(detail, ' ') FROM runs").fetchone()
    for text in (cells[0], detail[0]):  # type: ignore[index]
        assert "Budi Santoso" not in text and "3456" not in text, text


def test_a_group_chat_keeps_its_name(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with Grup Warga RT 05.txt"
    path.write_text(CHAT.replace("Saya", "Ani").replace("08.03 - Budi Santoso", "08.03 - Tono"),
                    encoding="utf-8")
    assert stored_file_name(path, settings) == path.name


def test_phone_mentions_are_not_kept_as_mentions() -> None:
    row = normalize_text("Hubungi @6281234567890 atau @humas_jateng sekarang")
    assert row["mentions"] == ["humas_jateng"]


@pytest.mark.parametrize("text", [
    "HP081234567890", "NIK3201234567890123", "+62 (812) 3456-7890", "0812 - 3456 - 7890",
    "0812\u20113456\u20117890", "0812\u20133456\u20137890", "(021) 7654321", "0274 512345",
    "+62 21 7654 321", "wa.me/6281234567890 ",
])
def test_briefing_redaction_catches_every_spelling(text: str) -> None:
    out = redact(f"Info: {text} segera")
    assert not any(ch.isdigit() for ch in out.replace("21 ", "")), out


def test_redaction_leaves_dates_times_and_prices() -> None:
    text = "Rapat 05-11-2026 pukul 08.15, harga Rp50.000, 12/05/2026"
    assert redact(text) == text


def test_a_url_cannot_inject_a_markdown_link() -> None:
    url = "https://cek.example/a)[klik](javascript:alert(1))"
    encoded = md_url(url)
    assert "(" not in encoded and ")" not in encoded and "[" not in encoded
    assert f"[judul]({encoded})".count("](") == 1
