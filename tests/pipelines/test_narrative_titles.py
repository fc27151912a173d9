"""Narrative titles from real chain messages: greetings, fancy fonts and shouting removed."""

from __future__ import annotations

import pytest

from pipelines.narrative_labels import make_title


@pytest.mark.parametrize(("text", "title"), [
    # the mathematical-italic letters scam posts use (TurnBackHoax 2024 scams)
    ("𝘗𝘙𝘖𝘎𝘙𝘈𝘔 2024 𝘣𝘢𝘨𝘪 𝘴𝘦𝘮𝘶𝘢 𝘯𝘢𝘴𝘢𝘣𝘢𝘩 𝘉𝘢𝘯𝘬 𝘔𝘢𝘯𝘥𝘪𝘳𝘪 yang sudah menggunakan Mobile Banking",
     "Program 2024 bagi semua nasabah Bank Mandiri yang sudah menggunakan Mobile Banking"),
    ("Assalamualaikum wr wb. Beredar akun WhatsApp mengatasnamakan Pj Bupati Tegal meminta "
     "sumbangan", "Beredar akun WhatsApp mengatasnamakan Pj Bupati Tegal meminta sumbangan"),
    ("Selamat pagi bapak ibu, mulai besok BPJS Kesehatan gratis untuk semua warga",
     "Bapak ibu, mulai besok BPJS Kesehatan gratis untuk semua warga"),
    ("𝙎𝙐𝙇𝙄𝙏 𝙉𝙄 𝘽𝙊𝙎𝙌𝙐𝙀 𝘼𝙔𝙊 𝙅𝘼𝙒𝘼𝘽 𝘽𝘼𝙂𝙄 𝙔𝘼𝙉𝙂 𝘽𝙄𝙎𝘼 𝙈𝙀𝙉𝙅𝘼𝙒𝘼𝘽 dapat hadiah pulsa",
     "Sulit NI bosque ayo jawab bagi yang bisa menjawab dapat hadiah pulsa"),
    ("KPU DAN OJK SEPAKAT PEMILU DIUNDUR KE 2029", "KPU dan OJK sepakat pemilu diundur ke 2029"),
])
def test_titles_of_real_chain_messages_read_as_the_claim(text: str, title: str) -> None:
    assert make_title(text) == title
