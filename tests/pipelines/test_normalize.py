from __future__ import annotations

import csv
import hashlib
import re
import time
from pathlib import Path

import ftfy
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines import normalize as nz
from pipelines.normalize import normalize_text, normalize_texts


def norm(text: str) -> str:
    return str(normalize_text(text)["text_norm"])


def clean(text: str) -> str:
    return str(normalize_text(text)["text_clean"])


# --- table shape -------------------------------------------------------------------------------

def test_one_row_per_input_in_order_with_schema() -> None:
    texts = ["Satu", "", "dua 😂", "Satu"]
    table = normalize_texts(texts)
    assert table.schema == nz.SCHEMA
    assert table.num_rows == 4
    assert table.column("text_norm").to_pylist() == ["satu", "", "dua", "satu"]
    assert table.column("urls").type == pa.list_(pa.string())


def test_empty_input_gives_empty_table_with_schema() -> None:
    table = normalize_texts([])
    assert table.num_rows == 0
    assert table.schema == nz.SCHEMA


def test_normalize_text_is_one_row_as_dict() -> None:
    row = normalize_text("Halo @budi #Info https://x.co/a 😂")
    assert set(row) == set(nz.SCHEMA.names)
    assert row["mentions"] == ["budi"]


def test_content_hash_is_sha1_of_text_norm() -> None:
    row = normalize_text("Vaksin itu AMAN!!")
    assert row["content_hash"] == hashlib.sha1(row["text_norm"].encode()).hexdigest()


def test_lang_can_be_skipped() -> None:
    table = normalize_texts(["yg bener aja gak ada"], detect_lang=False)
    assert table.column("lang").to_pylist() == ["und"]
    assert normalize_texts(["yg bener aja gak ada"]).column("lang").to_pylist() == ["id"]


# --- text_clean --------------------------------------------------------------------------------

def test_mojibake_is_repaired() -> None:
    assert clean("â€œVaksin aman,â€\x9d kata Menkes. Itâ€™s true") == (
        "\u201cVaksin aman,\u201d kata Menkes. It\u2019s true")
    assert clean("Jakarta Ã¢â‚¬â€œ BMKG") != "Jakarta Ã¢â‚¬â€œ BMKG"


def test_ftfy_only_runs_on_suspicious_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object, **__: object) -> str:
        raise AssertionError("ftfy called")

    monkeypatch.setattr(ftfy, "fix_text", boom)
    assert clean("Kafé “enak” di Bandung — 100% halal") == "Kafé “enak” di Bandung — 100% halal"


def test_html_is_unescaped_and_stripped() -> None:
    assert clean("<p>Halo&nbsp;&amp; <b>selamat</b> pagi</p><p>baris dua</p>") == (
        "Halo & selamat pagi\nbaris dua")
    assert clean("aku <3 kamu, 1 < 2") == "aku <3 kamu, 1 < 2"
    assert clean("a<script>alert(1)</script>b") == "a b"
    assert clean("&lt;b&gt; literal") == "<b> literal"


def test_zero_width_removed_but_emoji_zwj_kept() -> None:
    assert clean("ho\u200bax\ufeff") == "hoax"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean(f"keluarga {family}") == f"keluarga {family}"
    assert clean("a\u200db") == "ab"


def test_nfc_and_whitespace() -> None:
    assert clean("cafe\u0301") == "caf\u00e9"
    assert clean("  satu \t dua\u00a0 tiga \r\n\r\n\n empat  ") == "satu dua tiga\nempat"


def test_control_characters_removed() -> None:
    assert clean("a\x00b\x1bc\x7fd\tx\ny") == "abcd x\ny"


def test_clean_keeps_case_and_punctuation() -> None:
    assert clean("AWAS!! Ada Penipuan, ya.") == "AWAS!! Ada Penipuan, ya."


# --- slang, squeezing, alay --------------------------------------------------------------------

@pytest.mark.parametrize(("slang", "formal"), [
    ("gak", "tidak"), ("ga", "tidak"), ("nggak", "tidak"), ("gk", "tidak"), ("tdk", "tidak"),
    ("yg", "yang"), ("bgt", "banget"), ("dgn", "dengan"), ("krn", "karena"), ("utk", "untuk"),
    ("sdh", "sudah"), ("udh", "sudah"), ("blm", "belum"), ("gpp", "tidak apa apa"),
])
def test_slang_is_normalised(slang: str, formal: str) -> None:
    assert norm(f"Vaksin {slang.upper()} itu") == f"vaksin {formal} itu"


def test_slang_matches_whole_tokens_only() -> None:
    assert norm("program gakin dan yga") == "program gakin dan yga"


def test_repeated_letters_are_squeezed_against_the_vocabulary() -> None:
    assert norm("BAHAYAAAA bangeeeet gaaak") == "bahaya banget tidak"
    assert norm("maaaaf saaat ini") == "maaf saat ini"
    assert norm("maaf saat taat") == "maaf saat taat"  # legitimate doubles untouched


def test_laughter_is_canonical() -> None:
    assert norm("wkwkwkwk hahahaha hehehe") == "wkwk haha hehe"


def test_digits_for_letters_inside_words() -> None:
    assert norm("s3mua b4nget c0v1d w4rg4") == "semua banget covid warga"


@pytest.mark.parametrize("text", [
    "rp50.000", "2026", "12/05/2026", "10.30", "5g", "mp3", "g20", "h1n1", "1jt", "p3k", "3x",
    "iphone13", "b2b",
])
def test_numbers_and_codes_are_not_read_as_letters(text: str) -> None:
    assert norm(text) == text


def test_prices_dates_survive_in_a_sentence() -> None:
    assert norm("Harga Rp50.000/kg mulai 12/05/2026 jam 10.30, tahun 2026.") == (
        "harga rp50.000 kg mulai 12/05/2026 jam 10.30 tahun 2026")


def test_reduplication_with_2() -> None:
    assert norm("bener2 anak2nya hati2") == "benar benar anak anaknya hati hati"
    assert norm("bener-bener") == "benar benar"
    assert norm("rp2 tv2") == "rp2 tv2"


def test_punctuation_becomes_space_and_fancy_fonts_fold() -> None:
    assert norm("Awas!!!Penipuan...(via WA)") == "awas penipuan via wa"
    assert norm("𝗩𝗔𝗞𝗦𝗜𝗡 ＢＥＲＢＡＨＡＹＡ") == "vaksin berbahaya"


# --- entities ----------------------------------------------------------------------------------

def test_urls_extracted_and_removed() -> None:
    row = normalize_text(
        "Cek https://bit.ly/AbC123. dan www.kompas.com/read/1, juga turnbackhoax.id/2026/hoaks!")
    assert row["urls"] == [
        "https://bit.ly/AbC123", "www.kompas.com/read/1", "turnbackhoax.id/2026/hoaks"]
    assert row["text_norm"] == "cek dan juga"


def test_numbers_are_not_urls() -> None:
    assert normalize_text("Rp50.000 jam 10.30 versi 1.2.3")["urls"] == []


def test_mentions_extracted_emails_are_not() -> None:
    row = normalize_text("Lapor @Kemenkes_RI dan @budi.santoso. Email: a.b@gmail.com")
    assert row["mentions"] == ["kemenkes_ri", "budi.santoso"]
    assert row["urls"] == []
    assert row["text_norm"] == "lapor dan email"


def test_hashtags_reduced_to_words() -> None:
    row = normalize_text("Awas #VaksinBerbahaya #COVID19 #hoaks_pemilu #1")
    assert row["hashtags"] == ["vaksinberbahaya", "covid19", "hoaks_pemilu"]
    assert row["text_norm"] == "awas vaksin berbahaya covid 19 hoaks pemilu 1"


def test_emoji_extracted_and_removed() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    row = normalize_text(f"Awas⚠️ hoaks😂😂 👍🏽 🇮🇩 {family} 1️⃣ ❤ © 2024 ™")
    assert row["emojis"] == ["⚠️", "😂", "😂", "👍🏽", "🇮🇩", family, "1️⃣", "❤"]
    assert row["text_norm"] == "awas hoaks 2024 tm"


# --- forward boilerplate -----------------------------------------------------------------------

def test_forwards_of_one_message_share_a_content_hash() -> None:
    forwards = [
        "Vaksin COVID-19 mengandung chip 5G, yg gak percaya silakan cek sendiri",
        "⚠️⚠️ PENTING!!! Vaksin covid 19 mengandung chip 5G... yang tidak percaya silakan "
        "cek sendiri. SEBARKAN!!! 🙏🙏",
        "Diteruskan dari grup sebelah:\nVaksin Covid-19 mengandung CHIP 5G, yang tdk percaya "
        "silakan cek sendiri!\nForwarded many times",
        "Sekedar info. Vaksin covid-19 mengandung chip 5g; yg nggak percaya silakan cek "
        "sendiri https://bit.ly/x. Tolong sebarkan ke semua grup, jangan berhenti di anda!",
    ]
    table = normalize_texts(forwards)
    assert len(set(table.column("content_hash").to_pylist())) == 1
    assert table.column("text_norm")[0].as_py() == (
        "vaksin covid 19 mengandung chip 5g yang tidak percaya silakan cek sendiri")


def test_boilerplate_words_inside_content_survive() -> None:
    assert norm("Jangan sebarkan hoaks, share ke grup itu dilarang") == (
        "jangan sebarkan hoaks itu dilarang")
    assert norm("Sebarkan") == ""
    assert norm("Fwd: vaksin aman") == "vaksin aman"


def test_boilerplate_file_lines_compile() -> None:
    lines = [line.strip() for line in nz.BOILERPLATE_PATH.read_text(encoding="utf-8").splitlines()]
    entries = [line for line in lines if line and not line.startswith("#")]
    assert len(entries) >= 50
    for line in entries:
        if line.startswith("re:"):
            re.compile(line[3:].strip())
    for phrase in ("forwarded many times", "diteruskan dari grup sebelah", "share ke grup"):
        assert phrase in entries


# --- the lexicon file --------------------------------------------------------------------------

def test_slang_csv_is_well_formed() -> None:
    with nz.SLANG_PATH.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 300
    keys = [r["slang"] for r in rows]
    assert len(keys) == len(set(keys))
    assert all(k == k.strip().lower() and " " not in k for k in keys)
    assert all(r["formal"].strip() and r["formal"] != r["slang"] for r in rows)
    mapping = nz.slang_map()
    for key in ("gak", "ga", "nggak", "gk", "yg", "bgt", "tdk", "dgn", "krn", "utk", "sdh", "udh",
                "blm"):
        assert key in mapping


def test_slang_conflicts_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "slang.csv"
    path.write_text("slang,formal\ngak,tidak\ngak,enggak\n", encoding="utf-8")
    monkeypatch.setattr(nz, "SLANG_PATH", path)
    nz.slang_map.cache_clear()
    try:
        with pytest.raises(ValueError, match="gak"):
            nz.slang_map()
    finally:
        monkeypatch.undo()
        nz.slang_map.cache_clear()


# --- robustness and speed ----------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_normalises_to_a_clean_key(text: str) -> None:
    row = normalize_text(text)
    t = row["text_norm"]
    assert t == t.lower() or not t.isascii()
    assert "  " not in t and t == t.strip()
    assert "\n" not in t
    assert row["content_hash"] == hashlib.sha1(t.encode()).hexdigest()


# Latin-1 left out: ftfy's verdict on short ambiguous "mojibake" may change once neighbouring
# control characters are gone, which is fine for real text but breaks a strict fixed point.
_NO_LATIN1 = st.characters(exclude_characters=[chr(c) for c in range(0x80, 0x100)])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(_NO_LATIN1, st.sampled_from(list(" \n#@.:/2😂\u200d"))),
               max_size=200))
def test_text_clean_is_a_fixed_point(text: str) -> None:
    row = normalize_text(text)
    assert clean(row["text_clean"]) == row["text_clean"]
    assert norm(row["text_clean"]) == row["text_norm"]


def test_throughput_smoke() -> None:
    base = ("⚠️ PENTING!!! yg gak percaya silakan cek https://bit.ly/abc, vaksin covid-19 bahayaaa "
            "bgt @kemenkes #Vaksin Rp50.000 tgl 12/05/2026 s3mua b4nget 😂")
    texts = [f"{base} {i}" for i in range(5000)]
    start = time.perf_counter()
    normalize_texts(texts, detect_lang=False)
    assert time.perf_counter() - start < 5.0  # ~0.4 s on a 2-core CI box
