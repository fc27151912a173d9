"""Loaders of the real datasets: the parsing traps on inline samples, the files when present."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from models import real_data as rd

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
needs_shared = pytest.mark.skipif(
    not rd.data_dir_available(SHARED),
    reason=f"real datasets not found at {SHARED} (../shared/data); they are never copied "
           "into the project")


def test_verdict_tag_is_split_from_the_claim() -> None:
    assert rd.split_tag("[SALAH] Bobby Didiskualifikasi") == ("SALAH", "Bobby Didiskualifikasi")
    assert rd.split_tag("[Belum Terbukti] : Klaim") == ("BELUM TERBUKTI", "Klaim")
    assert rd.split_tag("Tanpa tag") == (None, "Tanpa tag")


def test_fact_checker_text_is_cut_from_narratives() -> None:
    text = "“Vaksin berisi chip 5G” PENJELASAN Tim cek fakta menelusuri … REFERENSI https://x"
    assert rd.cut_leak(text) == "Vaksin berisi chip 5G"
    assert rd.cut_leak("tanpa penanda") == "tanpa penanda"


def test_quoted_narrative_is_taken_from_a_debunk_not_the_debunk_itself() -> None:
    body = ("Akun TikTok “x” pada Sabtu (26/4/2025) membagikan video berisi narasi: “ LOWONGAN "
            "KERJA PT Nissin gaji 10 juta ” Per Rabu (7/5/2025), video sudah dilihat 1000 kali. "
            "Pemeriksaan Fakta Tim Pemeriksa Fakta Mafindo menelusuri …")
    narrative = rd.extract_narrative(body)
    assert narrative == "LOWONGAN KERJA PT Nissin gaji 10 juta"
    assert rd.platform_of(body) == "tiktok"
    assert rd.extract_narrative("Tidak ada kutipan di sini.") == ""


def test_indonesian_month_names_parse() -> None:
    assert rd.parse_id_date("2-Okt-19") == pd.Timestamp(2019, 10, 2)
    assert rd.parse_id_date("17-Aug-20") == pd.Timestamp(2020, 8, 17)
    assert rd.parse_id_date("3 Jan 2024") == pd.Timestamp(2024, 1, 3)
    assert pd.isna(rd.parse_id_date("Tanggal tidak ditemukan"))


def test_outlet_datelines_are_removed_from_news() -> None:
    assert rd.clean_news("KEBUMEN, KOMPAS.com -Rencana KRIS") == "Rencana KRIS"
    assert rd.clean_news("TEMPO.CO, Jakarta - Gencatan senjata") == "Gencatan senjata"
    assert rd.clean_news("Menakar Gencatan Senjata | tempo.co") == "Menakar Gencatan Senjata"


def test_lead_view_cuts_long_items_to_claim_lengths() -> None:
    frame = pd.DataFrame({
        "title": ["klaim satu", "klaim dua", "judul berita"],
        "text": ["narasi pendek sekali", "narasi kedua yang juga pendek", "kata " * 400],
        "kind": ["claim", "claim", "news"],
    })
    lead = rd.view_texts(frame, "lead")
    assert lead[:2] == ["narasi pendek sekali", "narasi kedua yang juga pendek"]
    assert len(lead[2]) <= 40
    assert rd.view_texts(frame, "title") == ["klaim satu", "klaim dua", "judul berita"]
    assert len(rd.view_texts(frame, "full")[2]) == len(frame["text"][2])
    with pytest.raises(ValueError):
        rd.view_texts(frame, "body")


def test_missing_data_folder_says_where_to_put_it(tmp_path: Path) -> None:
    with pytest.raises(rd.RealDataMissing, match="never copied"):
        rd.load_bdc2020(tmp_path)


@needs_shared
def test_shared_files_load_with_the_documented_labels() -> None:
    tbh2024 = rd.load_tbh2024(SHARED)
    assert len(tbh2024) == 3746 and set(tbh2024["label"]) == {1}
    assert not tbh2024["text"].str.contains(r"\bPENJELASAN\b|\bREFERENSI\b").any()
    claims = rd.load_tbh2025_claims(SHARED)
    assert set(claims["label"]) == {1}
    assert not claims["title"].str.startswith("[").any()
    assert 850 <= len(claims) <= 873  # SALAH + PENIPUAN only
    pratiwi = rd.load_pratiwi2017(SHARED)
    assert (len(pratiwi), int(pratiwi["label"].sum())) == (600, 228)
    bdc = rd.load_bdc2020(SHARED)
    assert (len(bdc), int(bdc["label"].sum())) == (4231, 3465)
    assert bdc["date"].notna().all()
    news = rd.load_mainstream_news(SHARED)
    assert set(news["group"]) == {"kompas", "cnnindonesia", "tempo", "detik"}
    assert set(news["label"]) == {0} and news["date"].notna().all()
    assert not news["text"].str.contains("KOMPAS.com -|TEMPO.CO, Jakarta -").any()


@needs_shared
def test_claims_vs_news_keeps_no_claim_in_two_publishers() -> None:
    frame = rd.claims_vs_news(SHARED)
    keys = frame.assign(key=frame["title"].map(rd.title_key))
    per_key = keys.groupby("key")["group"].nunique()
    assert (per_key == 1).all()
    assert set(frame.loc[frame["label"] == 1, "group"]) == {"tbh2024", "tbh2025"}
