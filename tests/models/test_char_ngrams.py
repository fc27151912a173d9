from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from models import char_ngrams
from models.artifacts import load_artifact, save_artifact
from models.char_ngrams import WordCachedCharTfidf, scoring_view
from models.classifier import build_classifier, hoax_probability, make_frame

TRAIN = ["vaksin chip pelacak 5G", "chip vaksin 5g dari luar negeri", "vaksin berisi chip!!",
         "pasar murah sabtu di balai desa", "posyandu balita hari senin", "jadwal pasar murah",
         "BMKG: gempa megathrust tanggal 28", "banjir rob semarang utara"] * 2
# What posts hold: emoji, accents and combining marks, other scripts, tabs and newlines, a
# word longer than any n-gram, one-letter words, nothing at all, URLs and hashtags.
HOSTILE = ["", " ", "a", "ab", "abc", "vaksin", "VAKSIN Chip", "vaksin\tchip\n\npelacak",
           "caf\u00e9 cafe\u0301 \u00c9LITE", "\U0001f600\U0001f600 hoaks \U0001f602",
           "\u0627\u0644\u0644\u0647 \u4e2d\u6587 \u0431\u0430\u043d\u043a", "x" * 300,
           "https://bit.ly/abc?x=1 #HOAKS @kominfo", "s\u0336a\u0336l\u0336a\u0336h",
           "pasar  murah   pasar murah pasar", "\u200bzero\u200bwidth \u00a0nbsp",
           "gempa gempa gempa gempa", "i i i i"]


def _fitted(**params: object) -> TfidfVectorizer:
    settings: dict[str, object] = {"ngram_range": (3, 5), "sublinear_tf": True, **params}
    return TfidfVectorizer(analyzer="char_wb", **settings).fit(TRAIN)


def _fast(vec: TfidfVectorizer) -> WordCachedCharTfidf:
    view = scoring_view(vec)
    assert isinstance(view, WordCachedCharTfidf)
    return view


@pytest.mark.parametrize("params", [{}, {"min_df": 2}, {"lowercase": False},
                                    {"strip_accents": "unicode", "binary": True},
                                    {"ngram_range": (1, 2), "max_features": 40}])
def test_counts_equal_scikit_learn_on_hostile_text(params: dict[str, object]) -> None:
    vec = _fitted(**params)
    docs = HOSTILE + TRAIN
    expected = vec.transform(docs)
    fast = _fast(vec)
    for _ in range(2):  # cold cache, then warm
        got = fast.transform(docs)
        assert type(got) is type(expected) and got.dtype == expected.dtype
        assert got.shape == expected.shape
        np.testing.assert_array_equal(got.indptr, expected.indptr)
        np.testing.assert_array_equal(got.indices, expected.indices)
        np.testing.assert_allclose(got.data, expected.data, rtol=0, atol=1e-15)


def test_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(char_ngrams, "MAX_CACHED_WORDS", 5)
    vec = _fitted()
    fast = _fast(vec)
    docs = [f"kata{i} vaksin chip" for i in range(40)]
    np.testing.assert_allclose(fast.transform(docs).toarray(), vec.transform(docs).toarray())
    assert len(fast._word_cache) <= 5


def test_scores_equal_and_a_resaved_model_stays_plain_sklearn(tmp_path: Path) -> None:
    texts = TRAIN + HOSTILE
    vectors = np.random.default_rng(0).random((len(texts), 4)).astype(np.float32)
    y = np.array(([1, 1, 1, 0, 0, 0, 1, 0] * 2) + [0] * len(HOSTILE))
    frame = make_frame(texts, vectors)
    model = build_classifier(4).fit(frame, y)
    plain = np.asarray(model.predict_proba(frame)[:, list(model.classes_).index(1)])
    np.testing.assert_allclose(hoax_probability(model, frame), plain, rtol=0, atol=1e-12)
    # The view is a copy: the model keeps scikit-learn's class, so saving it again gives a
    # file the artifact loader trusts.
    char = dict((n, t) for n, t, _ in model.named_steps["features"].transformers_)["char"]
    assert type(char) is TfidfVectorizer
    checksum = save_artifact(model, tmp_path, {})
    np.testing.assert_allclose(hoax_probability(load_artifact(tmp_path, checksum), frame), plain,
                               rtol=0, atol=1e-12)
