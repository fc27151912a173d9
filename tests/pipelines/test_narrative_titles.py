"""Narrative titles from real chain messages: greetings, fancy fonts and shouting removed."""

from __future__ import annotations

import pytest

from pipelines.narrative_labels import make_title, standard_share
from pipelines.narratives.store import title_source


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
    # an address's abbreviation does not end the sentence
    ("Minggu pagi car free day di Jl. Sudirman ditiadakan. Info lain menyusul.",
     "Minggu pagi car free day di Jl. Sudirman ditiadakan"),
    ("Festival kuliner di Kec. Coblong batal! Sebarkan", "Festival kuliner di Kec. Coblong batal"),
])
def test_titles_of_real_chain_messages_read_as_the_claim(text: str, title: str) -> None:
    assert make_title(text) == title


def test_standard_indonesian_reads_as_more_standard_than_chat_register() -> None:
    formal = ("Beredar kabar BMKG memprediksi gempa megathrust pada 28 November, sekolah di "
              "Sumatera Barat diliburkan.")
    chat = ("Sekolah2 di Sumbar katanya mau diliburin tgl 28 gara2 prediksi megathrust dr BMKG. "
            "Ada yg udh dapet surat edarannya?!!")
    assert standard_share(formal) > 0.8 > 0.5 > standard_share(chat)
    assert standard_share("") == 0.0 and standard_share("BMKG 28") == 0.0  # nothing to judge


def test_the_title_comes_from_the_most_standard_of_the_central_posts() -> None:
    """The most central post gives the title unless another central one reads clearly more like
    standard Indonesian (an officer forwards the title; the quote keeps the register)."""
    chat = "Sekolah2 di Sumbar katanya mau diliburin tgl 28 gara2 prediksi megathrust dr BMKG"
    formal = "BMKG memprediksi gempa megathrust pada 28 November, sekolah di Sumatera Barat libur"
    also_formal = "Sekolah di Sumatera Barat diliburkan karena prediksi gempa megathrust BMKG"
    assert title_source([chat, formal, also_formal]) == formal
    assert title_source([also_formal, formal]) == also_formal  # a tie keeps the most central
    assert title_source([]) == ""
