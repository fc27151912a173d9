from __future__ import annotations

from pipelines import stemming
from pipelines.stemming import stem_text, stem_texts, stem_token, stopwords


def test_stems_indonesian_affixes() -> None:
    assert stem_text("vaksin mengandung chip berbahaya", remove_stopwords=False) == (
        "vaksin kandung chip bahaya")
    assert stem_text("pembagian bantuan sosial dihentikan") == "bagi bantu sosial henti"


def test_stopwords_and_social_fillers_removed_but_negations_kept() -> None:
    assert stem_text("yang dan wkwk sih dong nih deh") == ""
    assert stem_text("vaksin tidak aman dan bukan halal") == "vaksin tidak aman bukan halal"
    assert {"tidak", "bukan", "belum", "jangan"}.isdisjoint(stopwords())
    assert {"yang", "dan", "wkwk", "sih"} <= stopwords()


def test_keep_stopwords_when_asked() -> None:
    assert stem_text("yang tidak membantu", remove_stopwords=False) == "yang tidak bantu"


def test_numbers_and_non_latin_tokens_pass_through() -> None:
    assert stem_text("rp50.000 12/05/2026 2026 محمد", remove_stopwords=False) == (
        "rp50.000 12/05/2026 2026 محمد")


def test_empty_text() -> None:
    assert stem_text("") == ""
    assert stem_texts([]) == []


def test_stem_texts_keeps_order() -> None:
    assert stem_texts(["memakan nasi", "minuman dingin"]) == ["makan nasi", "minum dingin"]


def test_token_cache_hits_and_skips_sastrawi() -> None:
    stem_token.cache_clear()
    calls: list[str] = []
    real = stemming._stemmer()

    class Counting:
        def stem_word(self, word: str) -> str:
            calls.append(word)
            return str(real.stem_word(word))

    stemming._stemmer.cache_clear()
    original = stemming._stemmer
    try:
        stemming._stemmer = lambda: Counting()  # type: ignore[assignment]
        assert stem_texts(["memakan memakan", "memakan"]) == ["makan makan", "makan"]
    finally:
        stemming._stemmer = original
        stem_token.cache_clear()
    assert calls == ["memakan"]


def test_cache_info_reports_hits() -> None:
    stem_token.cache_clear()
    stem_text("pemerintah pemerintah pemerintah")
    info = stem_token.cache_info()
    assert info.misses == 1
    assert info.hits == 2
