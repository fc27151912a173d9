"""Two-tier fact-check matching: BM25 + embedding candidates, one calibrated score, tiers."""

from __future__ import annotations

from datetime import date

import numpy as np

from pipelines.fact_check_match import CONFIRMED, SUGGESTED, FactCheckIndex, content_words

CLAIMS = [
    "vaksin booster mengandung chip pelacak dari luar negeri",
    "bansos rp 600 ribu cair lewat tautan pendaftaran whatsapp",
    "gempa megathrust akan terjadi malam ini di selatan jawa kata bmkg",
    "pln padamkan listrik se jawa bali tiga hari",
]


def _vectors(texts: list[str], vocab: list[str]) -> np.ndarray:
    """Bag-of-words vectors: stand-in embeddings that make paraphrases close."""
    index = {w: i for i, w in enumerate(vocab)}
    out = np.zeros((len(texts), len(vocab)), dtype=np.float32)
    for row, text in enumerate(texts):
        for w in text.split():
            if w in index:
                out[row, index[w]] += 1
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


def _index(published: list[date | None] | None = None,
           langs: list[str | None] | None = None) -> tuple[FactCheckIndex, list[str]]:
    vocab = sorted({w for t in CLAIMS for w in t.split()})
    return FactCheckIndex(CLAIMS, _vectors(CLAIMS, vocab), published, langs), vocab


def test_a_paraphrase_with_enough_words_is_confirmed_and_unrelated_news_is_not() -> None:
    index, vocab = _index()
    posts = ["awas vaksin booster itu mengandung chip pelacak dari luar negeri, sebarkan",
             "harga cabai di pasar induk naik menjelang akhir tahun"]
    matches = index.match(posts, _vectors(posts, vocab))
    assert matches[0].index == 0 and matches[0].tier == CONFIRMED
    assert 0.0 < matches[0].score <= 1.0
    assert matches[1].index is None and matches[1].tier is None


def test_fewer_than_four_content_words_is_a_suggestion_at_most() -> None:
    index, vocab = _index()
    short = ["vaksin booster chip"]
    assert len(content_words(short[0])) < 4
    match = index.match(short, _vectors(short, vocab))[0]
    assert match.tier in (SUGGESTED, None)
    assert match.tier != CONFIRMED


def test_recent_fact_checks_and_the_same_language_come_first() -> None:
    twins = [CLAIMS[1], CLAIMS[1]]
    vocab = sorted({w for t in twins for w in t.split()})
    vecs = _vectors(twins, vocab)
    post = ["bansos rp 600 ribu cair lewat tautan pendaftaran whatsapp hari ini"]
    pv = _vectors(post, vocab)
    old_first = FactCheckIndex(twins, vecs, [date(2019, 1, 1), date(2026, 10, 1)])
    assert old_first.match(post, pv, as_of=date(2026, 11, 20))[0].index == 1
    english_first = FactCheckIndex(twins, vecs, None, ["en", "id"])
    assert english_first.match(post, pv, ["id"])[0].index == 1
    # Only a known language differing from a known language costs: the twins tie otherwise.
    assert english_first.match(post, pv, [None])[0].index == 0
    assert english_first.match(post, pv, ["jv"])[0].index == 0
    one_unknown = FactCheckIndex(twins, vecs, None, [None, "id"])
    assert one_unknown.match(post, pv, ["en"])[0].index == 0
    assert one_unknown.match(post * 2, np.vstack([pv, pv]), ["id", None])[1].index == 0


def test_an_empty_index_matches_nothing() -> None:
    index = FactCheckIndex([], np.zeros((0, 3), dtype=np.float32))
    assert [m.index for m in index.match(["apa saja"], np.ones((1, 3), np.float32))] == [None]
