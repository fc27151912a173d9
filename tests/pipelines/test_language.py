from __future__ import annotations

import pytest

from pipelines import language
from pipelines.language import detect_language, detect_languages


@pytest.mark.parametrize("text", [
    "Pemerintah membantah kabar bahwa vaksin mengandung microchip.",
    "Vaksin mengandung microchip berbahaya",
    "saya tidak tahu",
    "cek fakta: klaim tersebut tidak benar",
])
def test_indonesian(text: str) -> None:
    assert detect_language(text) == "id"


@pytest.mark.parametrize("text", [
    "yg bener aja gak ada vaksin itu bahaya bgt",
    "gmn nih gan",
    "ane setuju gan",
    "wkwk",
    "udh tau blm? dgn ini sdh jelas",
])
def test_slang_is_indonesian(text: str) -> None:
    assert detect_language(text) == "id"


@pytest.mark.parametrize("text", [
    "The government denied the rumour about the vaccine.",
    "Please be careful, this message is fake",
])
def test_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", [
    "aku ora ngerti opo sing kok omongke",
    "kowe wis mangan durung",
    "Kulo nuwun, badhe tanglet menika leres mboten?",
    "piye kabare",
])
def test_javanese(text: str) -> None:
    assert detect_language(text) == "jv"


@pytest.mark.parametrize("text", [
    "abdi teu terang naon anu kudu dilakukeun",
    "urang mah teu nyaho kumaha carana",
    "Punten, ieu téh leres kitu?",
    "kumaha damang?",
])
def test_sundanese(text: str) -> None:
    assert detect_language(text) == "su"


@pytest.mark.parametrize("text", [
    "This is so sad, pemerintah harus tanggung jawab dong, the people are suffering",
    "Breaking news: vaksin ini berbahaya, please share to all your friends and family",
])
def test_code_mixed(text: str) -> None:
    assert detect_language(text) == "mixed"


@pytest.mark.parametrize("text", ["", "😂😂", "1234 5678", "https://bit.ly/x @user", "我们是朋友",
                                  "مرحبا بكم"])
def test_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_words_common_to_indonesian_stay_indonesian() -> None:
    assert detect_language("minum teh manis") == "id"
    assert detect_language("gue mah santai aja") == "id"
    assert detect_language("abdi negara harus netral") == "id"


def test_malay_counts_as_indonesian() -> None:
    best, scores = language._langid("saya tidak tahu")
    assert best == "id"
    assert "ms" not in scores


def test_detect_languages_keeps_order() -> None:
    assert detect_languages(["saya tidak tahu", "kowe wis mangan durung", ""]) == [
        "id", "jv", "und"]


def test_marker_lists_do_not_claim_indonesian_function_words() -> None:
    regional = language.JAVANESE_WORDS | language.SUNDANESE_WORDS
    assert {"yang", "dan", "tidak", "ini", "itu", "di", "ke"}.isdisjoint(regional)


# Texts the markers leave to py3langid: short, foreign, mixed scripts, no features at all.
_LANGID_TEXTS = ["", " ", "ok", "\U0001f600\U0001f600", "1234 5678", "Selamat pagi semua",
                 "Kerajaan Malaysia umumkan cuti umum", "Good morning everyone",
                 "matur nuwun sanget", "punten aya nu terang", "\u4e2d\u6587\u65b0\u95fb",
                 "\u0627\u0644\u0633\u0644\u0627\u0645 \u0639\u0644\u064a\u0643\u0645",
                 "Bonjour à tous", "ANAK AYAM TURUN SEPULUH", "x" * 2000,
                 "gempa 7,2 SR guncang", "wkwkwk anjir", "caf\u00e9 t\u00e9h og\u00e9"]


def test_batched_langid_equals_py3langid_rank_one_text_at_a_time() -> None:
    batched = language._langid_many(_LANGID_TEXTS)
    assert len(batched) == len(_LANGID_TEXTS)
    for text, (best, p_javanese) in zip(_LANGID_TEXTS, batched, strict=True):
        one_best, one_scores = language._langid(text)
        assert best == one_best, text
        assert p_javanese == pytest.approx(one_scores["jv"], abs=1e-5), text


def test_batch_labels_equal_one_text_at_a_time() -> None:
    texts = _LANGID_TEXTS + [
        "yg bener aja gak ada", "Pemerintah membantah kabar bahwa vaksin mengandung microchip.",
        "aku ora ngerti opo sing mbok karepke", "abdi teu terang naon nu dimaksud",
        "btw meeting nya di-reschedule ya guys, aku udah confirm sama client"] * 2
    assert detect_languages(texts) == [language._detect(t) for t in texts]
