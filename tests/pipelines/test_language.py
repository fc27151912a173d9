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
